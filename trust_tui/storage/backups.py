"""Daily backups in `<data folder>/backups/`, the newest 7 kept (docs/design.md §6).

A daily backup is `<stem>-YYYY-MM-DD.json`; the copy taken before a schema migration is
`<stem>-YYYY-MM-DD-schemaN.json` (N = the version it holds). Both count towards the 7.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

# atomic (secrets, hashlib) is imported where a backup is written: `trust-tui log` only asks
# whether today's backup exists.

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


def write_backup(
    target: Path, destination: Path, data: bytes, *, today: dt.date | None = None
) -> None:
    """Write `data` (the current file's bytes) to `destination`, then keep the newest 7."""
    from trust_tui.storage.atomic import atomic_write, ensure_private_folder, remove_stray_temps

    folder = destination.parent
    ensure_private_folder(folder)
    remove_stray_temps(folder)
    atomic_write(destination, data)
    rotate(target, today=today)


def clone_backup(target: Path, destination: Path, data: bytes, *, today: dt.date) -> None:
    """Today's backup of a file whose bytes are its whole state (its journal just compacted).

    Not a hard link, though the file is only ever replaced: a link shares the inode, so
    anything that writes the data file in place (a hand edit, a shell redirection, a sync tool)
    would damage the backup with it. A copy-on-write clone where the file system offers one,
    else a copy of `data`.
    """
    from trust_tui.storage.atomic import atomic_write, ensure_private_folder, remove_stray_temps

    folder = destination.parent
    ensure_private_folder(folder)
    remove_stray_temps(folder)
    if not _clone(target, destination):
        atomic_write(destination, data)
    rotate(target, today=today)


FICLONE = 0x40049409  # Linux: share extents copy-on-write (btrfs, xfs, …)


def _clone(source: Path, destination: Path) -> bool:
    from trust_tui.storage.atomic import fsync_folder, private_temp

    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return False
    try:
        src = os.open(source, os.O_RDONLY)
    except OSError:
        return False
    try:
        dst, temp = private_temp(destination)
    except OSError:
        os.close(src)
        return False
    try:
        fcntl.ioctl(dst, FICLONE, src)
        os.fsync(dst)
    except OSError:
        os.close(dst)
        os.close(src)
        os.unlink(temp)
        return False
    os.close(dst)
    os.close(src)
    os.replace(temp, destination)
    fsync_folder(destination.parent)
    return True


def rotate(target: Path, keep: int = KEEP, *, today: dt.date | None = None) -> list[Path]:
    """Keep the newest `keep` backups. One dated after `today` (a run with the clock ahead)
    counts as older than every real day, so it never pushes a real day's backup out."""
    found = list_backups(target)
    if today is not None:
        limit = today.isoformat()
        future = [p for p in found if _date_of(target, p) > limit]
        found = future + [p for p in found if p not in future]
    removed = found[: max(0, len(found) - keep)]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def _date_of(target: Path, backup: Path) -> str:
    match = _pattern(target).fullmatch(backup.name)
    return match.group(1) if match else ""


def newest_good(
    target: Path,
    recency: Callable[[bytes], tuple[str, str] | None],
    today: dt.date | None = None,
) -> Path | None:
    """The backup to restore, chosen by content: among those `recency` accepts (readable, of a
    known schema), the one holding the latest entry; on a tie, the later by name. A backup
    dated after `today` is chosen only when it holds something later than every other."""
    best: tuple[tuple[str, str], int, int] | None = None
    chosen: Path | None = None
    limit = today.isoformat() if today else "9999-12-31"
    for order, candidate in enumerate(list_backups(target)):
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        latest = recency(data)
        if latest is None:
            continue
        real_day = 1 if _date_of(target, candidate) <= limit else 0
        key = (latest, real_day, order)
        if best is None or key > best:
            best, chosen = key, candidate
    return chosen
