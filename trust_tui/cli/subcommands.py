"""What each `trust-tui` subcommand does. Validation first, then one write, or none."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import replace
from pathlib import Path

from trust_tui import clock
from trust_tui.cli.output import json_text, say
from trust_tui.cli.report import format_actions, format_settings, format_summary
from trust_tui.domain.calendar import logical_today
from trust_tui.domain.models import SetAside, Settings, Snapshot
from trust_tui.domain.summary import weekly_summary
from trust_tui.domain.text import visible
from trust_tui.domain.validation import (
    ValidationError,
    parse_hhmm,
    parse_optional_time,
    parse_optional_weekday,
    parse_weekday,
)
from trust_tui.guide import load_default_actions
from trust_tui.storage.atomic import atomic_write
from trust_tui.storage.store import Store, StoreError


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
    summary = weekly_summary(
        snapshot.actions,
        snapshot.logs,
        today,
        snapshot.settings,
        args.weeks,
        pauses=snapshot.pauses,
        created_at=snapshot.created_at,
    )
    if args.json:
        say(json_text(summary.to_json()))
    else:
        say(format_summary(summary))
    return 0


def cmd_actions(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    snapshot = _read(_store(db_path, explicit))
    actions = sorted(snapshot.actions, key=lambda a: a.order)
    if getattr(args, "ids", False):
        print("\n".join(a.id for a in actions if not a.archived))
        return 0
    if args.json:
        say(json_text([a.to_doc() for a in actions]))
    else:
        say(format_actions(actions))
    return 0


def cmd_settings(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    store = _store(db_path, explicit)
    settings = _read(store).settings
    changed: list[str] = []
    if args.week_start is not None:
        settings = replace(settings, week_start=parse_weekday(args.week_start))
        changed.append("week_start")
    if args.day_starts_at is not None:
        settings = replace(settings, day_starts_at=parse_hhmm(args.day_starts_at))
        changed.append("day_starts_at")
    if getattr(args, "checkin_day", None) is not None:
        settings = replace(settings, checkin_day=parse_optional_weekday(args.checkin_day))
        changed.append("checkin_day")
    if getattr(args, "checkin_time", None) is not None:
        settings = replace(settings, checkin_time=parse_optional_time(args.checkin_time))
        changed.append("checkin_time")
    if changed:
        store.open()
        # Only the fields asked for, merged under the lock into the file as it is then: a
        # `settings` command running at the same time keeps its change too.
        store.set_settings(settings, fields=changed)
        settings = store.load().settings
    say(format_settings(settings, store.path))
    return 0


def cmd_export(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    if args.tz is not None and args.format != "ics":
        from trust_tui.cli import InputError

        raise InputError(
            f"--tz applies only to --format ics; {args.format} keeps each time as it was "
            "written, with its UTC offset."
        )
    output = Path(args.output) if args.output else None
    if output is not None:
        check_output(output)
    if args.format == "ics":
        from trust_tui.cli.ics import cmd_export_ics

        return cmd_export_ics(db_path, args, explicit)
    snapshot = _read(_store(db_path, explicit))
    text = export_json(snapshot) if args.format == "json" else export_csv(snapshot)
    write_output(output, text, for_screen=args.format == "csv")
    if snapshot.set_aside:
        _report_left_out(snapshot.set_aside)
    return 0


def write_output(output: Path | None, text: str, *, for_screen: bool = False) -> None:
    """An export to its file (atomically, 0600) or to standard output. `for_screen`: text that
    is not already escaped (CSV) is made visible when standard output is a terminal."""
    if output is not None:
        try:
            atomic_write(output, text.encode("utf-8"))
        except OSError as error:
            raise StoreError(
                f"Could not write the export to {output} ({error.strerror or error}); "
                f"{output.name} was left as it was and no temporary file remains.",
                output,
            ) from None
    elif for_screen and sys.stdout.isatty():
        sys.stdout.write(visible(text))  # a spreadsheet file keeps the text exactly; a screen never
    else:
        sys.stdout.write(text)


def check_output(path: Path) -> None:
    if path.is_dir():
        raise ValidationError(
            f"{path} is a folder; give -o a file name, such as {path / 'export'}."
        )
    if not path.parent.is_dir():
        raise ValidationError(
            f"The folder {path.parent} does not exist; create it or choose another -o path."
        )


def _report_left_out(aside: tuple[SetAside, ...]) -> None:
    shown = "; ".join(f"{item.table} {item.key}: {item.reason}" for item in aside[:3])
    more = f"; and {len(aside) - 3} more" if len(aside) > 3 else ""
    count = f"{len(aside)} document{'' if len(aside) == 1 else 's'}"
    sys.stderr.write(
        visible(
            f"trust-tui: left out {count} that {'is' if len(aside) == 1 else 'are'} not valid "
            f"({shown}{more}); {'it is' if len(aside) == 1 else 'they are'} still in the data file, "
            f"and `trust-tui doctor` lists {'it' if len(aside) == 1 else 'them'}."
        )
        + "\n"
    )


def export_json(snapshot: Snapshot) -> str:
    document = {
        "schema_version": snapshot.schema_version,
        "exported_at": clock.stamp(),
        "settings": snapshot.settings.to_doc(),
        "actions": [a.to_doc() for a in snapshot.actions],
        "logs": [e.to_doc() for e in snapshot.logs],
        "steps": [s.to_doc() for s in sorted(snapshot.steps.values(), key=lambda s: s.step)],
    }
    return json_text(document) + "\n"


CSV_COLUMNS = ("date", "action", "action_name", "note", "rating", "logged_at", "uid")


def export_csv(snapshot: Snapshot) -> str:
    names = {a.id: a.name for a in snapshot.actions}
    out = io.StringIO()
    # A hand-edited note may hold a carriage return, which QUOTE_MINIMAL with a "\n" line end
    # would leave unquoted (a broken row): quote every text cell.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(CSV_COLUMNS)
    for e in snapshot.logs:
        rating = "" if e.rating is None else e.rating
        writer.writerow(
            (
                e.date.isoformat(),
                neutralise(e.action),
                neutralise(names.get(e.action, "")),
                neutralise(e.note),
                rating,
                neutralise(e.logged_at),
                neutralise(e.uid),
            )
        )
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading `'` (OWASP's advice on CSV
    injection): a note starting with `=HYPERLINK(...)` stays text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


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
    say(f"Added a sample history to {store.path}: {len(logs):,} logs from {first} to {today}.")
    say("Open it with: trust-tui --db " + _quote(store.path))
    return 0


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def cmd_doctor(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    store = _store(db_path, explicit)
    problems = store.doctor()
    if problems:
        say(f"Problems with {store.path}:")
        for problem in problems:
            say(f"  - {problem}")
        return 1
    snapshot = store.load()
    backup = store.newest_backup()
    logs = len(snapshot.logs)
    say(
        f"{store.path} is healthy: {len(snapshot.actions)} actions, {logs:,} log{'' if logs == 1 else 's'}, "
        f"schema {snapshot.schema_version}."
    )
    say(
        f"Newest backup: {backup}"
        if backup
        else "No backup yet (one is taken each day the file is opened)."
    )
    return 0
