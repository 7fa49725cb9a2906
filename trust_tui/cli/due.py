"""`trust-tui due`: what is still open today and this week. Run from shell prompts, so it reads
only settings, actions, pauses and the dates of the logs (never builds every entry)."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from trust_tui import clock
from trust_tui.cli.subcommands import _read, _store
from trust_tui.domain.calendar import logical_today
from trust_tui.domain.due import DueList, ago, due_items, last_done, short_line
from trust_tui.domain.models import Snapshot
from trust_tui.domain.text import cell_width, pad


def cmd_due(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    store = _store(db_path, explicit)
    snapshot: Snapshot
    counts: dict[str, Counter[int]]
    if store.path.exists():
        snapshot, counts = store.day_counts()
    else:
        snapshot, counts = _read(store, logs=False), {}
    today = logical_today(clock.now(), snapshot.settings.day_starts_at)
    due = due_items(snapshot.actions, counts, today, snapshot.settings, snapshot.pauses)
    if args.short:
        line = short_line(due)
        if line:
            print(line)
    elif args.json:
        document = due.to_json()
        last = {a.id: last_done(counts.get(a.id, {}), today) for a in snapshot.active_actions}
        document["last_done"] = {k: v.isoformat() if v else None for k, v in last.items()}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(format_due(due, counts))
    return 0


def format_due(due: DueList, counts: dict[str, Counter[int]]) -> str:
    today = due.today
    if due.pause is not None:
        until = f" until {due.pause.until.isoformat()}" if due.pause.until else ""
        line = f"Paused ({due.pause.reason}) since {due.pause.start.isoformat()}{until}: nothing is due, and no streak breaks."
        if due.pause.reason == "space":
            line += "\nYour partner asked for space: let them choose whether and when to reach out."
        return line
    if not due.items:
        return f"Nothing is due on {today.strftime('%A %d %B')}: everything for today and this week is done."
    width = max(cell_width(item.action.name) for item in due.items)
    lines = [f"Due on {today.strftime('%A %d %B')}:"]
    for item in due.items:
        when = ago(last_done(counts.get(item.action.id, {}), today), today)
        lines.append(f"  {pad(item.action.name, width)}  {item.phrase:<20}  last done {when}")
    return "\n".join(lines)
