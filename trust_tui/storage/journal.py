"""The append-only journal beside the data file: `<file>.journal`, JSON lines (no TinyDB here).

The data file stays a plain TinyDB JSON file. A change is not a rewrite of it but one line per
document appended to the journal and fsynced:

    {"journal": 1, "generation": "9f…", "device": "3c…"}           the header, first line
    {"t": "logs", "id": "17", "put": {"uid": "…", "action": …}}     a document written
    {"t": "logs", "id": "17", "del": "<uid>"}                         a document removed

The header's generation must equal the `generation` in the data file's meta document, or the
journal is stale (a compaction rewrote the file and died before removing it) and is ignored.
Reading replays the lines over the file and stops at the first torn line (a writer killed
mid-append); the torn tail is cut before the next append. Compaction writes the replayed state
as the new data file with a new generation, then removes the journal.

Lines name documents by (table, document id), and log lines carry the log's `uid`, so a later
version can merge one journal per device (the header's `device`) by uid; nothing merges yet.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

FILE_MODE = 0o600  # as trust_tui.storage.atomic (not imported: secrets and hashlib cost `log` time)

VERSION = 1
COMPACT_AFTER = 2_000
"""Lines after which the next change compacts instead of appending."""

Raw = dict[str, dict[str, dict[str, Any]]]
Op = tuple[str, str, "dict[str, Any] | None"]
"""(table, document id, the document or None for a removal)."""


def loads(data: bytes) -> Any:
    """orjson when this process has it already (the store, the app), else the standard json:
    importing orjson also imports json, uuid and platform, which `trust-tui log` would pay
    for a few lines. Raises ValueError on bad JSON either way."""
    fast = sys.modules.get("orjson")
    return fast.loads(data) if fast is not None else json.loads(data)


def dumps(value: object) -> bytes:
    fast = sys.modules.get("orjson")
    if fast is not None:
        return fast.dumps(value)  # type: ignore[no-any-return]
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def journal_path_for(target: Path) -> Path:
    return target.with_name(target.name + ".journal")


def new_generation() -> str:
    return os.urandom(8).hex()


def generation_of(raw: Raw | None) -> str | None:
    """The generation in the meta document (None for a file written before the journal)."""
    if not raw or not raw.get("meta"):
        return None
    value = next(iter(raw["meta"].values())).get("generation")
    return value if isinstance(value, str) else None


class Parsed:
    """What a journal's bytes hold, up to the first torn line."""

    __slots__ = ("device", "end", "generation", "lines", "ops", "torn")

    def __init__(self) -> None:
        self.generation: str | None = None
        self.device: str | None = None
        self.ops: list[Op] = []
        self.end = 0
        """Bytes up to the end of the last good line (where the next append goes)."""
        self.lines = 0
        self.torn = False

    @classmethod
    def after(cls, data: bytes, lines: int) -> Parsed:
        """What a writer knows of the journal it has just appended to (ops not kept)."""
        parsed = cls()
        parsed.end = len(data)
        parsed.lines = lines
        return parsed


def parse(data: bytes) -> Parsed:
    parsed = Parsed()
    if not data:
        return parsed
    start = 0
    size = len(data)
    while start < size:
        stop = data.find(b"\n", start)
        if stop < 0:
            parsed.torn = True  # a line without its newline: the writer died mid-append
            break
        try:
            line = loads(data[start:stop])
        except ValueError:
            parsed.torn = True
            break
        if parsed.lines == 0:
            if not (isinstance(line, dict) and isinstance(line.get("generation"), str)):
                parsed.torn = True
                break
            parsed.generation = line["generation"]
            device = line.get("device")
            parsed.device = device if isinstance(device, str) else None
        else:
            op = _op(line)
            if op is None:
                parsed.torn = True
                break
            parsed.ops.append(op)
        parsed.lines += 1
        start = stop + 1
        parsed.end = start
    return parsed


def _op(line: object) -> Op | None:
    if not isinstance(line, dict):
        return None
    table, key = line.get("t"), line.get("id")
    if not isinstance(table, str) or not isinstance(key, str) or not key.isdigit():
        return None
    if "put" in line:
        doc = line["put"]
        return (table, key, doc) if isinstance(doc, dict) else None
    if "del" in line:
        return (table, key, None)
    return None


def replay(raw: Raw, ops: list[Op]) -> None:
    """Apply the journal's changes to the file's tables, in place."""
    for table, key, doc in ops:
        if doc is None:
            raw.get(table, {}).pop(key, None)
        else:
            raw.setdefault(table, {})[key] = doc


def applies_to(parsed: Parsed, raw: Raw | None) -> bool:
    """The journal belongs to this file (same generation); otherwise it is stale."""
    return parsed.generation is not None and parsed.generation == generation_of(raw)


def header(generation: str, device: str | None = None) -> bytes:
    line = {"journal": VERSION, "generation": generation, "device": device or new_generation()}
    return dumps(line) + b"\n"


Change = tuple[str, str, "dict[str, Any] | None", "dict[str, Any] | None"]
"""(table, document id, the document before or None, the document after or None)."""


def encode(changes: list[Change]) -> bytes:
    """One line per change; a removal names the removed document's `uid` (logs have one), so
    journals of several devices can later be merged by uid."""
    lines = []
    for table, key, old, new in changes:
        if new is None:
            uid = old.get("uid") if old else None
            lines.append(dumps({"t": table, "id": key, "del": uid}))
        else:
            lines.append(dumps({"t": table, "id": key, "put": new}))
    return b"".join(line + b"\n" for line in lines)


def append(path: Path, data: bytes, good_end: int, *, new: bytes = b"") -> int:
    """Append `data` after the first `good_end` bytes (a torn tail is cut first).

    `new` is the header to start a journal with when there is none that applies (`good_end`
    0). Returns the journal's size afterwards. On failure the journal is put back as it was
    (a journal this call started is removed). Call only under the exclusive lock.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        if good_end == 0:
            data = new + data
        try:
            if os.fstat(fd).st_size != good_end:
                os.ftruncate(fd, good_end)
            os.lseek(fd, good_end, os.SEEK_SET)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except BaseException:
            try:
                if good_end == 0:
                    os.unlink(path)
                else:
                    os.ftruncate(fd, good_end)
            except OSError:
                pass
            raise
    finally:
        os.close(fd)
    return good_end + len(data)


def read_state(target: Path) -> Raw | None:
    """The data file with its journal replayed, as the next reader sees it, without any of the
    store's checks (for scripts and tests)."""
    try:
        raw = loads(target.read_bytes())
    except FileNotFoundError:
        return None
    try:
        data = journal_path_for(target).read_bytes()
    except FileNotFoundError:
        return raw
    parsed = parse(data)
    if applies_to(parsed, raw):
        replay(raw, parsed.ops)
    return raw  # type: ignore[no-any-return]


def remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
