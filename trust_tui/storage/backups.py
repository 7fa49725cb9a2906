"""Daily backups in `<data folder>/backups/`, the newest 7 kept (DESIGN §6).

A daily backup is `<stem>-YYYY-MM-DD.json`; the copy taken before a schema migration is
`<stem>-YYYY-MM-DD-schemaN.json` (N = the version it holds). Both count towards the 7.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from trust_tui.storage.atomic import atomic_write, ensure_private_folder, remove_stray_temps

KEEP = 7
FOLDER_NAME = "backups"


def backup_dir_for(target: Path) -> Path:
    return target.parent / FOLDER_NAME


def _pattern(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(target.stem) + r"-(\d{4}-\d{2}-\d{2})(?:-schema(\d+))?\.json")


def list_backups(target: Path) -> list[Path]:
    """The backups of `target`, oldest first (by the date in the name, then schema copies first)."""
    folder = backup_dir_for(target)
    pattern = _pattern(target)
    found: list[tuple[str, int, Path]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and entry.is_file():
            # A schema copy is taken before that day's migration, so it is older.
            found.append((match.group(1), 0 if match.group(2) else 1, entry))
    found.sort(key=lambda item: (item[0], item[1], item[2].name))
    return [path for _, _, path in found]


def daily_backup_path(target: Path, day: dt.date) -> Path:
    return backup_dir_for(target) / f"{target.stem}-{day.isoformat()}.json"


def migration_backup_path(target: Path, day: dt.date, version: int) -> Path:
    return backup_dir_for(target) / f"{target.stem}-{day.isoformat()}-schema{version}.json"


def write_backup(target: Path, destination: Path, data: bytes) -> None:
    """Write `data` (the current file's bytes) to `destination`, then keep the newest 7."""
    folder = destination.parent
    ensure_private_folder(folder)
    remove_stray_temps(folder)
    atomic_write(destination, data)
    rotate(target)


def rotate(target: Path, keep: int = KEEP) -> list[Path]:
    backups = list_backups(target)
    removed = backups[: max(0, len(backups) - keep)]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def newest_good(target: Path, is_good: Callable[[bytes], bool]) -> Path | None:
    """The newest backup whose bytes pass `is_good` (a readable file of a known schema)."""
    for candidate in reversed(list_backups(target)):
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        if is_good(data):
            return candidate
    return None
