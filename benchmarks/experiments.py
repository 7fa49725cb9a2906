"""Measure a proposed design change before anyone edits the app: the key-press figure with and
without a patch applied in the measuring process (the files stay untouched).

    .venv/bin/python benchmarks/experiments.py FILE [--presses 11] [--patch NAME ...]

Patches (each is a proposal in the benchmark report):
- `defer-write`: start the disk write after the screen has been refreshed
  (`TrustApp.save` -> `self.call_after_refresh(self._write_worker)`), so the write worker's
  CPU time (reading, re-encoding and sorting 50,000 entries) does not compete for the GIL with
  the repaint. The write still happens at once, in the same thread worker.
- `group-once`: `tracker.build_data` groups the logs by action once, not twice (streaks and
  the 12-week summary share the per-day counts).
- `incremental`: group-once, plus the tracker keeps the per-action day counts; a new log bumps
  one counter instead of regrouping 50,000 entries, and is inserted without a uid scan.
- `gc-freeze`: `gc.freeze()` once the file is read (full collections skip the loaded data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def patch_defer_write() -> None:
    from trust_tui.app import TrustApp

    def save(self: TrustApp) -> None:
        self.call_after_refresh(self._write_worker)

    TrustApp.save = save  # type: ignore[method-assign]


def build_grouped(snapshot, today: dt.date, db_path: Path, grouped=None):  # type: ignore[no-untyped-def]
    """`tracker.build_data` with one grouping of the logs (or the one given)."""
    from trust_tui import tracker
    from trust_tui.domain.calendar import week_start_ordinal
    from trust_tui.domain.streaks import day_counts_by_action, streak_from_counts
    from trust_tui.domain.summary import DAYS_PER_WEEK, WeeklySummary, WeekRow, week_cell

    settings = snapshot.settings
    week_start = settings.week_start_index
    if grouped is None:
        grouped = day_counts_by_action(snapshot.logs, today)
    empty: dict[int, int] = {}
    streaks = {
        a.id: streak_from_counts(a, grouped.get(a.id, empty), today, week_start)
        for a in snapshot.actions
    }
    shown = tuple(sorted((a for a in snapshot.actions if not a.archived), key=lambda a: a.order))
    newest = week_start_ordinal(today.toordinal(), week_start)
    rows = []
    for i in range(tracker.WEEKS_SHOWN):
        start = newest - DAYS_PER_WEEK * i
        cells = {
            a.id: week_cell(a, grouped.get(a.id, empty), start, today.toordinal()) for a in shown
        }
        rows.append(WeekRow(dt.date.fromordinal(start), dt.date.fromordinal(start + 6), cells))
    summary = WeeklySummary(
        today, settings.week_start, shown, {a.id: streaks[a.id] for a in shown}, tuple(rows)
    )
    return tracker.AppData(snapshot, today, streaks, summary, db_path)


def patch_group_once() -> None:
    from trust_tui import tracker

    tracker.build_data = build_grouped


def patch_incremental() -> None:
    """Prototype of the proposal: the tracker keeps the per-action day counts of its current
    data; logging a new entry bumps one counter (a copy of that action's Counter only) instead
    of regrouping every log, and the entry (a fresh uuid) is inserted without a uid scan."""
    import bisect
    import dataclasses
    from collections import Counter

    from trust_tui import tracker

    state: dict[str, object] = {}

    def build_data(snapshot, today, db_path):  # type: ignore[no-untyped-def]
        added, grouped = state.pop("added", None), state.get("grouped")
        if added is not None and grouped is not None and state.get("today") == today:
            grouped = dict(grouped)  # type: ignore[call-overload]
            counts = Counter(grouped.get(added.action, ()))
            counts[added.date.toordinal()] += 1
            grouped[added.action] = counts
            data = build_grouped(snapshot, today, db_path, grouped)
        else:
            data = build_grouped(snapshot, today, db_path)
            from trust_tui.domain.streaks import day_counts_by_action

            grouped = day_counts_by_action(snapshot.logs, today)  # once per full build only
        state.update(grouped=grouped, today=today)
        return data

    def put_log(snapshot, entry):  # type: ignore[no-untyped-def]
        logs = list(snapshot.logs)
        logs.insert(
            bisect.bisect_right(logs, tracker._sort_key(entry), key=tracker._sort_key), entry
        )
        return dataclasses.replace(snapshot, logs=tuple(logs))

    original_log = tracker.Tracker.log

    def log(self, action_id, day, note="", rating=None):  # type: ignore[no-untyped-def]
        entry = tracker.Tracker.new_entry(self, action_id, day, note, rating)
        self.new_entry = lambda *a, **k: entry
        state["added"] = entry
        try:
            return original_log(self, action_id, day, note, rating)
        finally:
            del self.new_entry

    tracker.build_data = build_data
    tracker._put_log = put_log
    tracker.Tracker.log = log  # type: ignore[method-assign]


def patch_gc_freeze() -> None:
    """After the file is read, move everything alive to the permanent generation
    (`gc.freeze()`): the 50,000 entries (and the store's decoded copy) are never rescanned by
    a full collection, which otherwise lands in a key press now and then."""
    import gc

    from trust_tui import tracker

    original_open = tracker.Tracker.open

    def open_(self):  # type: ignore[no-untyped-def]
        data = original_open(self)
        gc.freeze()
        return data

    tracker.Tracker.open = open_  # type: ignore[method-assign]


PATCHES = {
    "gc-freeze": patch_gc_freeze,
    "defer-write": patch_defer_write,
    "group-once": patch_group_once,
    "incremental": patch_incremental,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--presses", type=int, default=11)
    parser.add_argument("--patch", action="append", default=[], choices=sorted(PATCHES))
    args = parser.parse_args()
    for name in args.patch:
        PATCHES[name]()
    from benchmarks.measure import keypress_seconds

    times = keypress_seconds(args.file, args.presses + 1)[1:]
    print(
        json.dumps(
            {
                "patches": args.patch,
                "median_ms": round(statistics.median(times) * 1000, 1),
                "min_ms": round(min(times) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
