"""Private folders and atomic, durable file replacement (docs/design.md §6).

A write goes to a temporary file in the same folder (created 0600), is flushed and fsynced, then
`os.replace`d over the target, and the folder is fsynced so the rename itself survives a power cut.
A crash at any moment leaves either the old file or the new one, never a torn one; at worst a stray
temporary file is left, which `remove_stray_temps` cleans up later.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
TEMP_MARK = ".tmp-"


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents; every folder we create is 0700, whatever the
    umask (`mkdir(parents=True)` would give the parents the umask's mode, often 0755 and 0777
    under `umask 000`, letting another user rename our folder away)."""
    if folder.is_dir():
        return
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        try:
            candidate.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if not candidate.is_dir():
                raise
            continue  # made by someone else meanwhile: not ours to change
        # mkdir's mode is filtered by the umask; say exactly what we mean.
        os.chmod(candidate, FOLDER_MODE)


def private_temp(target: Path) -> tuple[int, Path]:
    """A new temporary file beside `target`, open for writing: `mkstemp` gives it an
    unpredictable name, creates it exclusively (never through a file or symlink someone
    planted) and makes it 0600 from the first byte. Named `.<name>.tmp-<pid>-<random>` so
    `remove_stray_temps` can tell whose it is."""
    fd, temp = tempfile.mkstemp(
        prefix=f".{target.name}{TEMP_MARK}{os.getpid()}-", dir=target.parent
    )
    return fd, Path(temp)


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` atomically and durably; the new file is 0600.

    The one way trust-tui writes a file (the data file, backups, exports). The temporary file
    is made by `mkstemp` in the target's folder: an unpredictable name, created exclusively
    (never through a file or symlink someone planted), 0600 from the first byte, and named
    `.<name>.tmp-<pid>-<random>` so `remove_stray_temps` can tell whose it is.
    """
    fd, temp = private_temp(target)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # mkstemp's 0600 already; say it for every platform
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            _move_mtime_on(fd, target)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        # Leave nothing behind on an ordinary failure (disk full, Ctrl-C); a hard kill is
        # cleaned up by `remove_stray_temps` at the next open.
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    fsync_folder(target.parent)


def _move_mtime_on(fd: int, target: Path) -> None:
    """Give the new file an mtime after the old one's, so (mtime, size, inode) signatures always
    change: the file system's clock may tick coarsely and the old inode may be reused."""
    try:
        old = os.stat(target).st_mtime_ns
    except OSError:
        return
    new = os.fstat(fd).st_mtime_ns
    if new <= old:
        os.utime(fd, ns=(old + 1, old + 1))


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stray_temps(folder: Path, name: str | None = None) -> list[Path]:
    """Remove temporary files (of the file `name`, or of any file) left in `folder` by writers
    that died mid-write.

    Call it only while holding the exclusive lock: then no write is in progress, so a temp whose
    writer is dead is certainly stray. A temp whose pid is alive is kept (belt and braces).
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for entry in names:
        mark = entry.rfind(TEMP_MARK)
        if not entry.startswith(".") or mark < 0:
            continue
        if name is not None and entry[:mark] != f".{name}":
            continue
        pid_text = entry[mark + len(TEMP_MARK) :].split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        stray = folder / entry
        try:
            stray.unlink()
        except OSError:
            continue
        removed.append(stray)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        # Under the exclusive lock this process is not writing; an own-pid temp is from an
        # earlier process that had the same pid.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True
