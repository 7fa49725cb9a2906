"""What may stand at the data path: a regular file, or nothing yet (no TinyDB here).

Checked with `stat` before anything opens the path: opening a FIFO blocks until a writer comes,
a device or socket is no data file, and a symlink loop must not pass for a file that does not
exist yet (which would show an empty history and then write a new file somewhere).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from trust_tui.storage.errors import StoreError

KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def check_data_path(path: Path) -> None:
    """Raise StoreError unless `path` is a regular file (through symlinks) or absent."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):  # a dangling symlink: the file it names would be created
            return
        return
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StoreError(
                f"The data file {path} is a symbolic link that leads back to itself (a loop); "
                "point it at a real file or choose another file with --db.",
                path,
            ) from None
        if error.errno == errno.ENOTDIR:
            raise StoreError(
                f"The data file {path} is inside something that is not a folder; choose "
                "another file with --db.",
                path,
            ) from None
        if isinstance(error, PermissionError) or error.errno == errno.ENAMETOOLONG:
            return  # each reported with its own advice (and exit code) where it is opened
        raise StoreError(
            f"The data file {path} cannot be examined ({error.strerror}).", path
        ) from None
    kind = stat.S_IFMT(st.st_mode)
    if kind != stat.S_IFREG:
        what = KINDS.get(kind, "not a regular file")
        raise StoreError(
            f"The data file {path} is {what}, not a file trust-tui can keep your data in; "
            "nothing was opened or changed; choose another file with --db.",
            path,
        )
