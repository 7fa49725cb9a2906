"""Content checks for `trust-tui doctor`: what a structurally sound file can still get wrong.

Each finding is one sentence a person can act on; `diagnose` gathers them for `Store.doctor`.
Nothing here writes anything.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from trust_tui.domain.models import SCHEMA_VERSION, LogEntry, SetAside
from trust_tui.storage import backups
from trust_tui.storage.atomic import FILE_MODE, FOLDER_MODE
from trust_tui.storage.documents import to_snapshot
from trust_tui.storage.schema import Raw, migrate, schema_version

MAX_LISTED = 5


def permission_problems(path: Path) -> list[str]:
    """The file must be private; its folder must at least not be writable by others, nor any
    folder above it.

    A folder others can only list (say, the one a user ran `--db t.json` in) reveals a file
    name, not a word of its contents, so only write access there is a problem: it would let
    another user replace the file, or rename the data folder away and put their own in its
    place. A shared folder with the sticky bit (/tmp) lets nobody rename what is not theirs.
    """
    problems: list[str] = []
    checks = (
        (path, FILE_MODE, 0o077, "file", "can be read by other users", "chmod 600"),
        (path.parent, FOLDER_MODE, 0o022, "folder", "can be changed by other users", "chmod 700"),
    )
    for target, wanted, mask, kind, risk, command in checks:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            continue
        if mode & mask:
            problems.append(
                f"The {kind} {target} {risk} (mode {mode:o}, should be {wanted:o}); "
                f"fix it with: {command} '{target}'"
            )
    for folder in path.parent.parents:
        try:
            mode = stat.S_IMODE(os.stat(folder).st_mode)
        except OSError:
            continue
        if mode & 0o002 and not mode & stat.S_ISVTX:
            problems.append(
                f"The folder {folder}, above the data file, can be changed by other users (mode "
                f"{mode:o}): they could move the data folder away and put another in its place; "
                f"fix it with: chmod o-w '{folder}'"
            )
    return problems


def content_problems(path: Path, raw: Raw, today: dt.date) -> list[str]:
    """What the one validation of `trust_tui.storage.documents` set aside, and what valid
    documents still get wrong together (unknown actions, shared ids, future dates)."""
    snapshot = to_snapshot(raw)
    problems = set_aside_problems(path, snapshot.set_aside)
    action_ids: set[str] = set()
    duplicate_actions: list[str] = []
    for action in snapshot.actions:
        if action.id in action_ids:
            duplicate_actions.append(action.id)
        action_ids.add(action.id)
    if duplicate_actions:
        problems.append(f"Several actions share an id in {path}: {_list(duplicate_actions)}.")
    return problems + _log_problems(path, snapshot.logs, action_ids, today)


def set_aside_problems(path: Path, aside: Sequence[SetAside]) -> list[str]:
    problems: list[str] = []
    for item in aside:
        if item.table == "settings":
            problems.append(
                f"The settings in {path} are not valid ({item.reason}); defaults are used until "
                "you set them again with `trust-tui settings`."
            )
    for table, what in (("actions", "Action"), ("steps", "Guide step"), ("pauses", "Pause")):
        for item in aside:
            if item.table == table:
                problems.append(
                    f"{what} document {item.key} in {path} is not valid ({item.reason}); "
                    "it is set aside (kept in the file, but not shown or counted)."
                )
    logs = [f"{item.key} ({item.reason})" for item in aside if item.table == "logs"]
    if logs:
        problems.append(
            f"{_entries(len(logs))} in {path} {_be(len(logs))} not valid and {_be(len(logs))} "
            f"set aside (kept in the file, but not shown, counted or exported): {_list(logs)}."
        )
    return problems


def _log_problems(
    path: Path, logs: Sequence[LogEntry], action_ids: set[str], today: dt.date
) -> list[str]:
    problems: list[str] = []
    unknown: Counter[str] = Counter()
    uids: Counter[str] = Counter()
    future: list[str] = []
    latest = today + dt.timedelta(days=1)  # a traveller's logical today may be ahead of ours
    for entry in logs:
        if entry.date > latest:
            future.append(f"{entry.uid} ({entry.date})")
        if entry.action not in action_ids:
            unknown[entry.action] += 1
        uids[entry.uid] += 1
    if future:
        problems.append(
            f"{_entries(len(future))} in {path} {_be(len(future))} dated in the future, which "
            f"trust-tui never writes (was the clock wrong?): {_list(future)}."
        )
    if unknown:
        names = [f"'{name}' ({count})" for name, count in unknown.most_common()]
        problems.append(
            f"{_entries(sum(unknown.values()))} in {path} {_point(sum(unknown.values()))} to actions that do "
            f"not exist: {_list(names)}; add those actions to see them again."
        )
    duplicates = [uid for uid, count in uids.items() if count > 1]
    if duplicates:
        problems.append(
            f"{len(duplicates)} log uid{'' if len(duplicates) == 1 else 's'} {'appears' if len(duplicates) == 1 else 'appear'} more than once in {path}: {_list(duplicates)}."
        )
    return problems


def _list(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


def _entries(n: int) -> str:
    return f"{n} log entry" if n == 1 else f"{n} log entries"


def _be(n: int) -> str:
    return "is" if n == 1 else "are"


def _point(n: int) -> str:
    return "points" if n == 1 else "point"


def diagnose(path: Path, file: Path, raw: Raw | None, today: dt.date) -> list[str]:
    """What `Store.doctor` reports about a file it could read (`raw` None: blank, no backups).

    `path` names the file in sentences; `file` is the real file behind it (symlinks resolved).
    """
    problems = permission_problems(file)
    if raw is None:
        return problems  # blank without backups: set up on the next start
    if schema_version(raw) < SCHEMA_VERSION:
        migrate(raw)  # a private copy: check what the migrated file will hold
    problems += content_problems(path, raw, today)
    if not backups.list_backups(file):
        problems.append(
            f"There is no backup of {path} in {backups.backup_dir_for(file)} yet; "
            "one is taken on each day trust-tui opens the file."
        )
    return problems
