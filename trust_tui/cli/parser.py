"""The command line's parser (docs/design.md §5): every command, its options and their help."""

from __future__ import annotations

import argparse
import os
import sys

from trust_tui import __version__
from trust_tui.cli import EXIT_INPUT

__all__ = ["ACTION_IDS", "PAUSE_REASONS", "build_parser"]

PAUSE_REASONS = ("illness", "travel", "space", "other")
"""`domain.models.PAUSE_REASONS`, repeated so parsing imports nothing (a test keeps them equal)."""

ACTION_IDS = {"bash": "_trust_tui_action_ids", "zsh": "_trust_tui_action_ids"}
"""The shell functions (defined by `trust-tui completion`) that list the action ids."""


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the terminal width read without importing shutil (and
    with it bz2 and lzma): argparse builds a formatter for every argument it adds."""

    def __init__(self, prog: str, **kwargs: object) -> None:
        if kwargs.get("width") is None:
            try:
                columns = os.get_terminal_size(sys.stdout.fileno()).columns
            except (OSError, ValueError):
                columns = int(os.environ.get("COLUMNS", "80") or 80)
            kwargs["width"] = max(columns, 40) - 2
        super().__init__(prog, **kwargs)  # type: ignore[arg-type]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line, with exit code 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        from trust_tui.domain.text import visible  # the message may echo any argument

        self.exit(EXIT_INPUT, visible(f"{self.prog}: {message} (see '{self.prog} --help').") + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="trust-tui",
        description="Rebuild trust, one kept promise at a time: a 13-step guide and a private "
        "tracker. With no command, opens the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"trust-tui {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the data file (default: $TRUST_TUI_DB, else your user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    log = sub.add_parser("log", help="log that you did an action")
    log_action = log.add_argument(
        "action",
        metavar="ACTION",
        help="the action's id or name, or the start of either (see 'trust-tui actions')",
    )
    log_action.complete = ACTION_IDS  # type: ignore[attr-defined]  # for `trust-tui completion`
    log.add_argument(
        "--date",
        metavar="DATE",
        help="the day it counts for: YYYY-MM-DD, today, yesterday, -N (days ago) or a weekday "
        "(the last one on or before today; default: today)",
    )
    log.add_argument(
        "--note", default="", metavar="TEXT", help="a private note (up to 2,000 characters)"
    )
    log.add_argument(
        "--rating", metavar="1-10", help="on a check-in: the trust your partner says they feel"
    )

    summary = sub.add_parser("summary", help="the weekly streak summary")
    summary.add_argument(
        "--weeks", type=_weeks, default=8, metavar="N", help="how many weeks (default 8)"
    )
    summary.add_argument("--json", action="store_true", help="machine-readable output")

    actions = sub.add_parser("actions", help="the actions with ids, cadence, target and step")
    actions.add_argument("--json", action="store_true", help="machine-readable output")
    actions.add_argument(
        "--ids", action="store_true", help="only the active actions' ids, one a line"
    )

    settings = sub.add_parser("settings", help="show or change the settings")
    settings.add_argument("--week-start", metavar="DAY", help="the day weeks start on, e.g. monday")
    settings.add_argument(
        "--day-starts-at", metavar="HH:MM", help="when your day starts (00:00-11:59)"
    )
    settings.add_argument(
        "--checkin-day",
        metavar="DAY",
        help="the weekly check-in's day, e.g. sunday ('none' clears it)",
    )
    settings.add_argument(
        "--checkin-time",
        metavar="HH:MM",
        help="the weekly check-in's time, e.g. 19:30 ('none' clears it)",
    )

    export = sub.add_parser("export", help="everything, for a backup or a spreadsheet")
    export.add_argument("--format", choices=("json", "csv", "ics"), required=True)
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )

    export.add_argument(
        "--tz",
        metavar="ZONE",
        help="ics only: the time zone of the check-in, e.g. Europe/Paris (default: this computer's)",
    )

    due = sub.add_parser("due", help="what is still open today and this week")
    due.add_argument("--json", action="store_true", help="machine-readable output")
    due.add_argument(
        "--short",
        action="store_true",
        help="one line for a shell prompt, nothing when nothing is due",
    )

    pause = sub.add_parser(
        "pause", help="pause the tracker (illness, travel, space): no streak breaks meanwhile"
    )
    pause.add_argument(
        "--reason", required=True, choices=PAUSE_REASONS, help="why: " + ", ".join(PAUSE_REASONS)
    )
    pause.add_argument(
        "--from", dest="start", metavar="YYYY-MM-DD", help="the first paused day (default: today)"
    )
    pause.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        help="the last paused day (default: until you resume)",
    )
    pause.add_argument("--note", default="", metavar="TEXT", help="a private note")

    resume = sub.add_parser("resume", help="end the running pause")
    resume.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the first day no longer paused (default: today)"
    )

    completion = sub.add_parser("completion", help="print a shell completion script (bash or zsh)")
    completion.add_argument("shell", choices=("bash", "zsh"))

    restore = sub.add_parser(
        "import", help="merge a JSON export back in (after a backup of the data file)"
    )
    restore.add_argument("file", metavar="FILE", help="a file written by 'export --format json'")
    restore.add_argument(
        "--dry-run", action="store_true", help="only say what would be added; write nothing"
    )

    sub.add_parser("demo", help="fill a new or empty data file with a sample history")
    sub.add_parser("doctor", help="check the data file and say how to fix what is wrong")
    return parser


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--weeks takes a whole number, not '{text}'") from None
    if not 1 <= weeks <= 520:
        raise argparse.ArgumentTypeError(f"--weeks must be from 1 to 520, not {weeks}")
    return weeks
