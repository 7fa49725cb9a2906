"""The data file's bytes: TinyDB's JSON, written one log per line, read a chunk at a time.

The file stays exactly what TinyDB's own `JSONStorage` reads (`{"meta": {...}, "logs": {"1":
{...}, ...}}`). We write the logs table last and put each of its documents on a line of its own:
a newline between JSON values is whitespace, and one can never occur inside a JSON string, so
any newline of a valid file lies between two values.

That lets `read` parse the logs table a few hundred kilobytes at a time and keep each valid log
as one `LogEntry` instead of a dict of six fields: at 50,000 logs a parsed file takes about a
third of the memory it took as one `orjson.loads` (docs/design.md §8, peak memory), and what is
parsed is never held twice. A file in any other layout (TinyDB's one-line file, a hand edit, an
older trust-tui) is read whole, with the same result; the next compaction writes it in this one.

The table in memory maps document ids to a `LogEntry` (a document exactly as trust-tui writes
it) or to the document itself (anything else, kept untouched); `trust_tui.storage.logtable`
reads both.
"""

from __future__ import annotations

from typing import Any

from trust_tui.collector import collector_paused
from trust_tui.storage import logtable
from trust_tui.storage.documents import LogReader
from trust_tui.storage.schema import FormatError, Raw, decode, table_ok

__all__ = ["encode", "read"]

CHUNK = 1 << 18
"""Bytes of log lines parsed at once: small beside the file, large enough that orjson's own
cost per call does not show."""
_LOGS_OPEN = b'"logs":{'
_CLOSE = b"\n}}"


def read(data: bytes, duplicates: list[str] | None = None) -> Raw | None:
    """As `schema.decode` (None: blank; FormatError: unusable), with the logs table compact."""
    with collector_paused():
        raw = _read_lines(data)
        if raw is not None:
            return raw
        raw = decode(data, duplicates)
        if raw is not None and isinstance(raw.get("logs"), dict):
            raw["logs"] = LogReader().compact(raw["logs"])
        return raw


def _read_lines(data: bytes) -> Raw | None:
    """The file when it is in our layout and holds no duplicated id; None otherwise, and
    `decode` reads it whole."""
    import orjson

    first = data.find(b"\n")
    if first < 0 or not data.startswith(b"{") or not data[:first].endswith(_LOGS_OPEN):
        return None
    body_end = len(data.rstrip())
    if data[body_end - len(_CLOSE) : body_end] != _CLOSE:
        return None
    body_end -= len(_CLOSE)
    found: list[str] = []
    try:  # the tables on the first line, checked as a whole file is (an empty logs table)
        raw = decode(data[:first] + b"}}", found)
    except FormatError:
        return None
    if raw is None or found or raw.get("logs") != {}:
        return None
    table: dict[str, Any] = {}
    reader = LogReader()
    start = first + 1
    while start < body_end:
        cut = data.find(b"\n", start + CHUNK, body_end)
        if cut < 0:
            cut = body_end
        piece = data[start:cut]
        if cut < body_end:
            if not piece.endswith(b","):
                return None
            piece = piece[:-1]
        try:
            docs = orjson.loads(b"{" + piece + b"}")
        except orjson.JSONDecodeError:
            return None
        if not table_ok(docs):
            return None
        # One brace per document, or a look at whether an id is given twice in this piece.
        if piece.count(b"{") != len(docs) and _ids_repeat(piece):
            return None
        size = len(table)
        table.update(reader.compact(docs))
        if len(table) != size + len(docs):
            return None  # an id in two chunks
        start = cut + 1
    raw["logs"] = table  # `decode` found the first line's tables not blank
    return raw


def _ids_repeat(piece: bytes) -> bool:
    """Whether a document id appears twice among these lines (orjson would keep the last)."""
    import json

    members = json.loads(b"{" + piece + b"}", object_pairs_hook=list)
    return len({key for key, _ in members}) != len(members)


def encode(raw: Raw) -> bytes:
    """The whole state in this layout: the other tables on the first line, the logs after it."""
    import orjson

    tables = {name: table for name, table in raw.items() if name != "logs"}
    head = orjson.dumps(tables)[:-1] + (b"," if tables else b"") + _LOGS_OPEN
    logs = raw.get("logs") or {}
    if not isinstance(logs, dict):
        raise FormatError("its logs table is not an object")
    dumps, as_doc = orjson.dumps, logtable.as_doc
    lines = b",\n".join([dumps(key) + b":" + dumps(as_doc(doc)) for key, doc in logs.items()])
    return head + b"\n" + lines + (b"\n" if lines else b"") + b"}}"
