"""`trust-tui log` without reading the logs: the index, then one journal line (no TinyDB here).

Under the exclusive lock it reads only the derived index (actions, settings, next id, day counts),
checks that it is current for the file and journal as they are now, appends one line to the
journal and brings the index up to date. Whenever that is not possible (no file yet, today's
backup not taken, an index that is missing, stale or unreadable, a journal due for compaction)
it returns None and the caller takes the full path through `Store`, which rebuilds the index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from trust_tui.domain.models import Action, LogEntry, Pause, Settings
from trust_tui.storage import backups, index, journal
from trust_tui.storage.documents import action_from_doc, pause_from_doc, settings_from_doc
from trust_tui.storage.filelock import LOCK_TIMEOUT, FileLock, lock_path_for

Make = Callable[[Settings, Sequence[Action]], LogEntry]


def append_log(
    file: Path, day_of_backup: dt.date, make: Make, timeout: float = LOCK_TIMEOUT
) -> tuple[LogEntry, Settings, dict[int, int], tuple[Pause, ...]] | None:
    """Append the entry `make` builds from the settings and actions; returns it with the
    settings, its action's logs per day ordinal and the pauses (for the streak), or None (see
    above).

    `file` is the real data file (symlinks resolved). `make` may raise: nothing is written.
    """
    if not backups.daily_backup_path(file, day_of_backup).exists():
        return None  # the first run of the day compacts and backs up: the full path
    journal_file = journal.journal_path_for(file)
    index_file = index.index_path_for(file)
    with FileLock(lock_path_for(file), shared=False, timeout=timeout):
        main = index.file_signature(file)
        size = index.journal_size(journal_file)
        current = index.read(index_file, main, size, counts=False)
        lines = current.get("lines") if current is not None else None
        generation = current.get("generation") if current is not None else None
        if (
            current is None
            or not isinstance(lines, int)
            or not isinstance(generation, str)
            or lines >= journal.COMPACT_AFTER
        ):
            return None
        try:
            settings = settings_from_doc(current["settings"])
        except (TypeError, ValueError):
            settings = Settings()
        actions = []
        for doc in current["actions"]:
            try:
                actions.append(action_from_doc(doc))
            except (KeyError, TypeError, ValueError):
                continue
        pauses = []
        for doc in current["pauses"]:
            try:
                pauses.append(pause_from_doc(doc))
            except (KeyError, TypeError, ValueError):
                continue
        entry = make(settings, actions)
        key = str(current["next_id"])
        change: journal.Change = ("logs", key, None, entry.to_doc())
        head = journal.header(generation)
        end = journal.append(journal_file, journal.encode([change]), size, new=head)
        index.apply(current, [change])
        current["lines"] = lines + (1 if size else 2)
        index.write(index_file, current, main, end)
    return entry, settings, index.counts_of(current, entry.action), tuple(pauses)
