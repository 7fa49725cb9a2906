"""`trust-tui import FILE [--dry-run]`: merge a JSON export back into the data file.

The whole file is read and checked before anything is written; a file that is not an export
(not JSON, not the right shape, a newer schema) is refused with exit 2 and nothing written. Each
document goes through the same validation as every read (`trust_tui.storage.documents`); an
invalid one is reported and not imported. Documents are matched by their key (a log's `uid`, an
action's `id`, a guide step's `step`): one not in the data file is added, an identical one is
already present, a different one is a conflict and the data file's version is kept. Nothing is
ever overwritten, so importing twice adds nothing the second time.

Into a data file that does not exist yet, the export is restored as it was, settings included:
exporting it again gives the same file. Into an existing file, a backup of it is taken first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from trust_tui import clock
from trust_tui.cli import InputError
from trust_tui.cli.output import say
from trust_tui.cli.subcommands import _store
from trust_tui.domain.models import SCHEMA_VERSION, Action, LogEntry, Settings, StepProgress
from trust_tui.storage import backups
from trust_tui.storage.atomic import atomic_write, ensure_private_folder
from trust_tui.storage.documents import (
    INVALID,
    action_from_doc,
    log_from_doc,
    settings_from_doc,
    step_from_doc,
    why,
)
from trust_tui.storage.store import Store

T = TypeVar("T")
MAX_LISTED = 5


@dataclass
class Merge:
    """What importing one kind of document does."""

    added: list[Any] = field(default_factory=list)
    present: int = 0
    conflicting: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    def line(self, kind: str) -> str:
        return (
            f"  {kind + ':':<9}{len(self.added):>7,} added, {self.present:,} already present, "
            f"{len(self.conflicting):,} conflicting, {len(self.invalid):,} invalid"
        )


@dataclass
class Export:
    settings: Settings
    actions: list[tuple[str, Action | None]]
    logs: list[tuple[str, LogEntry | None]]
    steps: list[tuple[str, StepProgress | None]]


def cmd_import(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    source = Path(args.file)
    export = read_export(source)
    store = _store(db_path, explicit)
    new_file = not store.path.exists()
    current = store.load() if not new_file else None
    have_actions = {a.id: a for a in current.actions} if current else {}
    have_logs = {e.uid: e for e in current.logs} if current else {}
    have_steps = dict(current.steps) if current else {}

    actions = _merge(export.actions, have_actions, lambda a: a.id)
    logs = _merge(export.logs, have_logs, lambda e: e.uid)
    steps = _merge(export.steps, have_steps, lambda s: s.step)

    if args.dry_run:
        say(f"Importing {source} into {store.path} would give (nothing was written):")
    elif not (actions.added or logs.added or steps.added) and not new_file:
        say(f"Nothing to import from {source}: {store.path} holds all of it already.")
    else:
        backup = None if new_file else _backup_first(store)
        _write(store, new_file, export.settings, actions.added, logs.added, steps.added)
        present = {e.uid for e in store.load().logs}
        skipped = [e.uid for e in logs.added if e.uid not in present]
        if skipped:
            # The file already held a document with that uid, one that is set aside as invalid:
            # it is never overwritten, so this entry was not added (doctor lists that document).
            logs.added = [e for e in logs.added if e.uid in present]
            logs.conflicting += skipped
        say(f"Imported {source} into {store.path}:")
        if backup is not None:
            say(f"  (a copy of the file as it was before is in {backup})")
    say(actions.line("actions"))
    say(logs.line("logs"))
    say(steps.line("steps"))
    for kind, merge in (("action", actions), ("log", logs), ("step", steps)):
        if merge.conflicting:
            say(
                f"Kept the data file's version of {len(merge.conflicting):,} {kind}"
                f"{'' if len(merge.conflicting) == 1 else 's'} that differ in the import: "
                f"{_list(merge.conflicting)}."
            )
        if merge.invalid:
            say(
                f"Left out {len(merge.invalid):,} invalid {kind} documents: {_list(merge.invalid)}."
            )
    return 0


def read_export(source: Path) -> Export:
    """The whole export, checked; `InputError` (exit 2) when it is not one."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InputError(f"Cannot read {source}: {error.strerror or error}.") from None
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise InputError(
            f"{source} is not a JSON export ({error}); nothing was imported."
        ) from None
    if not isinstance(document, dict) or not all(
        isinstance(document.get(key), list) for key in ("actions", "logs", "steps")
    ):
        raise InputError(
            f"{source} is not a trust-tui JSON export (it needs lists of actions, logs and "
            "steps); nothing was imported."
        )
    version = document.get("schema_version")
    if type(version) is not int or not 0 <= version <= SCHEMA_VERSION:
        raise InputError(
            f"{source} has schema {version!r}; this trust-tui imports schema 0 to "
            f"{SCHEMA_VERSION}. Nothing was imported."
        )
    try:
        settings = settings_from_doc(document.get("settings", {}))
    except INVALID as error:
        raise InputError(f"The settings in {source} are not valid ({why(error)}).") from None
    return Export(
        settings=settings,
        actions=_read(document["actions"], action_from_doc),
        logs=_read(document["logs"], log_from_doc),
        steps=_read(document["steps"], step_from_doc),
    )


def _read(docs: list[object], read: Callable[[object], T]) -> list[tuple[str, T | None]]:
    """(where, model) per document; the model is None and `where` says why when invalid."""
    found: list[tuple[str, T | None]] = []
    for number, doc in enumerate(docs, start=1):
        try:
            found.append((str(number), read(doc)))
        except INVALID as error:
            found.append((f"number {number} ({why(error)})", None))
    return found


def _merge(found: list[tuple[str, T | None]], have: dict[str, T], key: Callable[[T], str]) -> Merge:
    merge = Merge()
    seen: dict[str, T] = {}
    for where, model in found:
        if model is None:
            merge.invalid.append(where)
            continue
        name = key(model)
        existing = have.get(name, seen.get(name))
        if existing is None:
            merge.added.append(model)
            seen[name] = model
        elif existing == model:
            merge.present += 1
        else:
            merge.conflicting.append(name)
    return merge


def _backup_first(store: Store) -> Path:
    """A copy of the data file as it is, outside the 7 rotated daily backups."""
    real = Path(os.path.realpath(store.path))
    stamp = dt.datetime.fromisoformat(clock.stamp()).strftime("%Y-%m-%dT%H%M%S")
    target = backups.backup_dir_for(real) / f"{real.stem}-before-import-{stamp}.json"
    try:
        ensure_private_folder(target.parent)
        atomic_write(target, real.read_bytes())
    except OSError as error:
        raise InputError(
            f"Could not back up {store.path} before importing ({error.strerror or error}); "
            "nothing was imported."
        ) from None
    return target


def _write(
    store: Store,
    new_file: bool,
    settings: Settings,
    actions: Iterable[Action],
    logs: list[LogEntry],
    steps: Iterable[StepProgress],
) -> None:
    if new_file:
        # Restore: the new file starts with the export's actions and settings, not the defaults.
        store = Store(store.path, default_actions=list(actions), now=clock.now)
        store.open()
        store.set_settings(settings)
    else:
        for action in actions:
            store.upsert_action(action)
    if logs:
        store.add_logs(logs)
    for progress in steps:
        store.save_step(progress)


def _list(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")
