"""Content checks for `trust-tui doctor`: what a structurally sound file can still get wrong.

Each finding is one sentence a person can act on; `diagnose` gathers them for `Store.doctor`.
Nothing here writes anything.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections import Counter
from pathlib import Path

from trust_tui.domain.models import SCHEMA_VERSION
from trust_tui.domain.validation import EARLIEST_DATE
from trust_tui.storage import backups
from trust_tui.storage.atomic import FILE_MODE, FOLDER_MODE
from trust_tui.storage.documents import (
    action_from_doc,
    log_from_doc,
    pause_from_doc,
    settings_from_doc,
    step_from_doc,
)
from trust_tui.storage.schema import Raw, meta_doc, migrate, schema_version

MAX_LISTED = 5


def permission_problems(path: Path) -> list[str]:
    """The file must be private; its folder must at least not be writable by others.

    A folder others can only list (say, the one a user ran `--db t.json` in) reveals a file
    name, not a word of its contents, so only write access there is a problem: it would let
    another user replace the file.
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
    return problems


def content_problems(path: Path, raw: Raw, today: dt.date) -> list[str]:
    problems: list[str] = []
    try:
        settings_from_doc(meta_doc(raw).get("settings", {}))
    except (TypeError, ValueError) as error:
        problems.append(
            f"The settings in {path} are not valid ({error}); defaults are used until "
            "you set them again with `trust-tui settings`."
        )
    action_ids: set[str] = set()
    duplicate_actions: list[str] = []
    for key, doc in raw.get("actions", {}).items():
        try:
            action = action_from_doc(doc)
        except (KeyError, TypeError, ValueError) as error:
            problems.append(
                f"Action document {key} in {path} cannot be read ({_why(error)}); it is ignored."
            )
            continue
        if action.id in action_ids:
            duplicate_actions.append(action.id)
        action_ids.add(action.id)
    if duplicate_actions:
        problems.append(f"Several actions share an id in {path}: {_list(duplicate_actions)}.")
    problems += _log_problems(path, raw, action_ids, today)
    for key, doc in raw.get("steps", {}).items():
        try:
            step_from_doc(doc)
        except (KeyError, TypeError, ValueError) as error:
            problems.append(
                f"Guide step document {key} in {path} cannot be read ({_why(error)}); "
                "it is ignored."
            )
    for key, doc in raw.get("pauses", {}).items():
        try:
            pause_from_doc(doc)
        except (KeyError, TypeError, ValueError) as error:
            problems.append(
                f"Pause document {key} in {path} cannot be read ({_why(error)}); it is ignored."
            )
    return problems


def _log_problems(path: Path, raw: Raw, action_ids: set[str], today: dt.date) -> list[str]:
    problems: list[str] = []
    unreadable: list[str] = []
    bad_dates: list[str] = []
    unknown: Counter[str] = Counter()
    uids: Counter[str] = Counter()
    latest = today + dt.timedelta(days=1)  # a traveller's logical today may be ahead of ours
    for key, doc in raw.get("logs", {}).items():
        day = _date(doc.get("date"))
        if day is None or not EARLIEST_DATE <= day <= latest:
            bad_dates.append(f"{key} ({doc.get('date')!r})")
            continue
        try:
            entry = log_from_doc(doc)
        except (KeyError, TypeError, ValueError) as error:
            unreadable.append(f"{key} ({_why(error)})")
            continue
        if entry.action not in action_ids:
            unknown[entry.action] += 1
        uids[entry.uid] += 1
    if unreadable:
        problems.append(
            f"{_entries(len(unreadable))} in {path} cannot be read and {_be(len(unreadable))}: "
            f"{_list(unreadable)}."
        )
    if bad_dates:
        problems.append(
            f"{_entries(len(bad_dates))} in {path} {_have(len(bad_dates))} a bad date (not "
            f"YYYY-MM-DD, before 1970 or in the future): {_list(bad_dates)}."
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


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _why(error: BaseException) -> str:
    if isinstance(error, KeyError):
        return f"no {error.args[0]}"
    return str(error)


def _list(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


def _entries(n: int) -> str:
    return f"{n} log entry" if n == 1 else f"{n} log entries"


def _be(n: int) -> str:
    return "is ignored" if n == 1 else "are ignored"


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


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
