"""Today's first frame from the derived index alone (docs/design.md §6 and §8).

What the app needs before its first frame: the actions, settings and pauses, and the logs per
action and day, read from the index beside the data file, under the same lock and with the same
checks as every read, but without importing the store (TinyDB, the journal storage, the write
path): the full read that follows the first frame imports those.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from trust_tui.domain.models import SCHEMA_VERSION, Snapshot
from trust_tui.storage import backups, index
from trust_tui.storage.documents import to_snapshot
from trust_tui.storage.filelock import LOCK_TIMEOUT, data_file_lock
from trust_tui.storage.journal import journal_path_for
from trust_tui.storage.schema import Raw

__all__ = ["FirstFrame", "read"]

FirstFrame = tuple[Snapshot, dict[str, dict[int, int]], bool]
"""The file without its logs (`logs == ()`, no steps), the logs per action and day ordinal,
and whether a step of the guide is done."""


def read(
    path: Path, now: Callable[[], dt.datetime], timeout: float = LOCK_TIMEOUT
) -> FirstFrame | None:
    """The first frame's data, or None when the index cannot be trusted for the file as it is
    now (missing, stale, unreadable) or when `Store.open` has work to do first (no file, the
    day's first open): then open the store. Raises the StoreError subclasses of the lock and
    the guard."""
    real = Path(os.path.realpath(path))
    if not real.exists():
        return None  # a first run: `open` creates the folder, the file and the lock
    with data_file_lock(path, real, shared=True, timeout=timeout):
        if not real.exists() or not backups.daily_backup_path(real, now().date()).exists():
            return None
        try:
            size = os.stat(journal_path_for(real)).st_size
        except FileNotFoundError:
            size = 0
        except OSError:
            return None
        kept = index.read(index.index_path_for(real), index.file_signature(real), size)
    if kept is None or not isinstance(kept.get("settings"), dict):
        return None
    try:
        raw: Raw = {
            "meta": {
                "1": {
                    "settings": kept["settings"],
                    "created_at": kept["created_at"],
                    "schema_version": SCHEMA_VERSION,  # `open` migrates before indexing
                }
            },
            "actions": {str(n): doc for n, doc in enumerate(kept["actions"])},
            "pauses": {str(n): doc for n, doc in enumerate(kept["pauses"])},
        }
        snapshot = to_snapshot(raw, logs=())
        counts = kept["days"]  # ordinal → count, as `index.read` checked and built them
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return snapshot, counts, kept.get("steps_done") is True
