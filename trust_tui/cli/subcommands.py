"""What each `trust-tui` subcommand does. Validation first, then one write, or none."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from trust_tui import clock
from trust_tui.cli.report import format_actions, format_settings, format_summary
from trust_tui.domain.calendar import logical_today
from trust_tui.domain.models import Settings, Snapshot
from trust_tui.domain.summary import weekly_summary
from trust_tui.domain.validation import (
    ValidationError,
    parse_hhmm,
    parse_weekday,
)
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store


def _store(db_path: Path, explicit: bool) -> Store:
    if explicit and not db_path.parent.is_dir():
        raise ValidationError(
            f"The folder {db_path.parent} does not exist; create it first or choose another --db path."
        )
    return Store(db_path, default_actions=load_default_actions(), now=clock.now)


def _read(store: Store, logs: bool = True) -> Snapshot:
    """The file's contents, or the defaults a new file would get (without creating it yet)."""
    if store.path.exists():
        return store.open(logs=logs)
    return Snapshot(settings=Settings(), actions=tuple(store.default_actions), logs=(), steps={})


def cmd_summary(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    snapshot = _read(_store(db_path, explicit))
    today = clock.today(snapshot.settings)
    summary = weekly_summary(snapshot.actions, snapshot.logs, today, snapshot.settings, args.weeks)
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary))
    return 0


def cmd_actions(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    snapshot = _read(_store(db_path, explicit))
    actions = sorted(snapshot.actions, key=lambda a: a.order)
    if args.json:
        print(json.dumps([a.to_doc() for a in actions], ensure_ascii=False, indent=2))
    else:
        print(format_actions(actions))
    return 0


def cmd_settings(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    store = _store(db_path, explicit)
    snapshot = _read(store)
    settings = snapshot.settings
    if args.week_start is not None:
        settings = replace(settings, week_start=parse_weekday(args.week_start))
    if args.day_starts_at is not None:
        settings = replace(settings, day_starts_at=parse_hhmm(args.day_starts_at))
    if settings != snapshot.settings:
        store.open()
        store.set_settings(settings)
    print(format_settings(settings, store.path))
    return 0


def cmd_export(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    snapshot = _read(_store(db_path, explicit))
    text = export_json(snapshot) if args.format == "json" else export_csv(snapshot)
    if args.output:
        _write_private(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


def export_json(snapshot: Snapshot) -> str:
    document = {
        "schema_version": snapshot.schema_version,
        "exported_at": clock.stamp(),
        "settings": snapshot.settings.to_doc(),
        "actions": [a.to_doc() for a in snapshot.actions],
        "logs": [e.to_doc() for e in snapshot.logs],
        "steps": [s.to_doc() for s in sorted(snapshot.steps.values(), key=lambda s: s.step)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("date", "action", "action_name", "note", "rating", "logged_at", "uid")


def export_csv(snapshot: Snapshot) -> str:
    names = {a.id: a.name for a in snapshot.actions}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in snapshot.logs:
        rating = "" if e.rating is None else e.rating
        writer.writerow(
            (
                e.date.isoformat(),
                e.action,
                names.get(e.action, ""),
                e.note,
                rating,
                e.logged_at,
                e.uid,
            )
        )
    return out.getvalue()


def _write_private(path: Path, text: str) -> None:
    """Write an export readable by its owner only: it holds the private notes."""
    if not path.parent.is_dir():
        raise ValidationError(
            f"The folder {path.parent} does not exist; create it or choose another -o path."
        )
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except PermissionError:
        tmp.unlink(missing_ok=True)
        raise ValidationError(
            f"Cannot write {path}: permission denied; choose another -o path."
        ) from None


def cmd_demo(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    from trust_tui.demo import build_demo
    from trust_tui.guide import load_guide

    store = _store(db_path, explicit)
    snapshot = _read(store)
    if snapshot.logs:
        raise ValidationError(
            f"{store.path} already holds {len(snapshot.logs):,} logs; the demo only fills a new or "
            "empty file (try --db with a new file name)."
        )
    now = clock.now()
    today = logical_today(now, snapshot.settings.day_starts_at)
    guide = load_guide()
    prompt_ids = {s.id: [p.id for p in s.prompts] for s in guide.ordered_steps() if s.prompts}
    logs, steps = build_demo(snapshot.active_actions, today, now, prompt_ids)
    store.open()
    store.add_logs(logs)
    for progress in steps:
        store.save_step(progress)
    first = logs[0].date if logs else today
    print(f"Added a sample history to {store.path}: {len(logs):,} logs from {first} to {today}.")
    print("Open it with: trust-tui --db " + _quote(store.path))
    return 0


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def cmd_doctor(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    store = _store(db_path, explicit)
    problems = store.doctor()
    if problems:
        print(f"Problems with {store.path}:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    snapshot = store.load()
    backup = store.newest_backup()
    logs = len(snapshot.logs)
    print(
        f"{store.path} is healthy: {len(snapshot.actions)} actions, {logs:,} log{'' if logs == 1 else 's'}, "
        f"schema {snapshot.schema_version}."
    )
    print(
        f"Newest backup: {backup}"
        if backup
        else "No backup yet (one is taken each day the file is opened)."
    )
    return 0
