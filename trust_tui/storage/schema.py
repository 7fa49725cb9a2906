"""The file format: TinyDB's JSON layout `{"table": {"1": {...}, "2": {...}}}`, read with orjson.

This module decides whether bytes are a usable data file (`decode`), which schema they hold and how
an older schema is brought up to date (`migrate`). It never touches the disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from trust_tui.domain.models import SCHEMA_VERSION, Action, Settings
from trust_tui.storage.journal import new_generation

TABLES = ("meta", "actions", "logs", "steps")

Raw = dict[str, dict[str, dict[str, Any]]]


class FormatError(ValueError):
    """The bytes are not a usable data file; `str()` says why, as a clause ("it is …")."""


def decode(data: bytes, duplicates: list[str] | None = None) -> Raw | None:
    """Parse and check the structure; None means the file is blank (empty, or `{}`).

    A document id that appears twice in a table (a hand edit, a bad merge) would silently lose
    one document to a plain JSON parser; here both are kept, the later one under a new id (one
    past the largest), and `duplicates` (if given) receives one phrase per renumbered document.
    """
    if not data or data.isspace():
        return None
    import orjson  # here, not at the top: `trust-tui log` imports this module, not this path

    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise FormatError(f"it is not valid JSON ({error})") from None
    check_structure(raw)
    if data.count(b"{") > _objects(raw):  # braces in text, or a duplicated key: look closely
        raw, found = _keep_duplicates(data)
        check_structure(raw)
        if duplicates is not None:
            duplicates.extend(found)
    if not any(raw.values()):
        return None
    return raw


def _objects(raw: Raw) -> int:
    """How many JSON objects the parsed file holds (each is one `{` in its text; more `{` in
    the text means a brace inside a text or a duplicated key)."""
    count = 1 + len(raw)
    for name, table in raw.items():
        count += len(table)
        if name == "logs":
            continue  # logs hold no objects; one that does only costs the close look
        stack = list(table.values())
        while stack:
            for value in stack.pop().values():
                if isinstance(value, dict):
                    count += 1
                    stack.append(value)
    return count


class _Pairs(list):  # type: ignore[type-arg]
    """An object as parsed, every key kept (json's object_pairs_hook)."""


def _keep_duplicates(data: bytes) -> tuple[Raw, list[str]]:
    import json  # only for files that may hold a duplicated id: orjson keeps the last copy

    tree = json.loads(data, object_pairs_hook=_Pairs)
    found: list[str] = []
    if not isinstance(tree, _Pairs):
        return _plain(tree), found
    raw: dict[str, object] = {}
    for name, table in tree:
        if not isinstance(table, _Pairs):
            raw[name] = _plain(table)
            continue
        docs: dict[str, object] = {}
        later: list[tuple[str, object]] = []
        for key, doc in table:
            if key in docs:
                later.append((key, doc))
            else:
                docs[key] = _plain(doc)
        top = max((int(k) for k in docs if k.isdigit() and k.isascii()), default=0)
        for key, doc in later:
            top += 1
            docs[str(top)] = _plain(doc)
            found.append(
                f"document {key} of table '{name}' appears twice (the copy is kept as {top})"
            )
        raw[name] = docs
    return raw, found  # type: ignore[return-value]


def _plain(value: object) -> object:
    if isinstance(value, _Pairs):
        return {k: _plain(v) for k, v in value}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def check_structure(raw: object) -> None:
    """Tables are objects of documents keyed by numeric ids; meta holds one schema_version."""
    if not isinstance(raw, dict):
        raise FormatError(f"it holds a JSON {_json_type(raw)} where an object of tables belongs")
    for name, table in raw.items():
        if type(table) is not dict:
            raise FormatError(f"its table '{name}' is a JSON {_json_type(table)}, not an object")
        if table_ok(table):
            continue  # the common case, checked at C speed (50,000 logs in ~2 ms)
        for key, doc in table.items():
            if type(doc) is not dict:
                raise FormatError(f"document {key} of table '{name}' is not an object")
            if not (key.isdigit() and key.isascii()):
                raise FormatError(f"table '{name}' has a document id '{key}' that is not a number")
    if not any(raw.values()):
        return  # blank
    meta = raw.get("meta")
    if not meta:
        raise FormatError("it holds data but no meta table (the schema version is unknown)")
    if len(meta) != 1:
        raise FormatError(f"its meta table holds {len(meta)} documents instead of one")
    version = next(iter(meta.values())).get("schema_version")
    if type(version) is not int or version < 0:
        raise FormatError("its schema_version is missing or not a whole number")


def table_ok(table: dict[str, Any]) -> bool:
    """Every document an object under a numeric id (what `check_structure` requires)."""
    ids = "".join(table)
    return (
        (not table or set(map(type, table.values())) == {dict})
        and (ids.isdigit() or not ids)
        and ids.isascii()
        and "" not in table
    )


def schema_version(raw: Raw) -> int:
    return next(iter(raw["meta"].values()))["schema_version"]


def meta_doc(raw: Raw) -> dict[str, Any]:
    return next(iter(raw["meta"].values()))


def is_good_backup(data: bytes) -> bool:
    """A backup worth restoring: readable, not blank, and of a schema this version understands."""
    try:
        raw = decode(data)
    except FormatError:
        return False
    return raw is not None and schema_version(raw) <= SCHEMA_VERSION


def _json_type(value: object) -> str:
    names = {list: "list", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def seed(settings: Settings, actions: Sequence[Action], created_at: str) -> Raw:
    """A new file: the meta document, the default actions, no logs, no steps."""
    return {
        "meta": {
            "1": {
                "schema_version": SCHEMA_VERSION,
                "created_at": created_at,
                "settings": settings.to_doc(),
                "generation": new_generation(),
            }
        },
        "actions": {str(i): a.to_doc() for i, a in enumerate(actions, start=1)},
        "logs": {},
        "steps": {},
    }


# --- migrations -------------------------------------------------------------------------------
# MIGRATIONS[n] turns a schema-n file into a schema-(n+1) file, in place. Add one per bump of
# SCHEMA_VERSION; the store takes a backup before running any.


def _v0_to_v1(raw: Raw) -> None:
    """Schema 0 had no `rated` on actions: only the weekly check-in carries a rating."""
    for doc in raw.get("actions", {}).values():
        doc.setdefault("rated", doc.get("id") == "weekly-check-in")
    for name in TABLES:
        raw.setdefault(name, {})


def _v1_to_v2(raw: Raw) -> None:
    """Schema 2 keeps a journal beside the file: the meta document names the generation the
    journal must match (an older trust-tui would not read the journal, so it must refuse)."""
    meta_doc(raw)["generation"] = new_generation()


MIGRATIONS: dict[int, Callable[[Raw], None]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(raw: Raw) -> list[int]:
    """Bring `raw` to SCHEMA_VERSION in place; returns the versions it went through."""
    version = schema_version(raw)
    steps: list[int] = []
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise FormatError(f"it has schema_version {version}, which no migration starts from")
        step(raw)
        steps.append(version)
        version += 1
        meta_doc(raw)["schema_version"] = version
    return steps
