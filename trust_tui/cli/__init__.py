"""The command line (docs/design.md, "The command line"). It never imports Textual unless it
opens the app, which it does through `trust_tui.app`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from trust_tui import __version__

EXIT_STORAGE, EXIT_INPUT = 1, 2


class InputError(Exception):
    """Bad input found by the command line itself (exit code 2)."""


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
        self.exit(EXIT_INPUT, f"{self.prog}: {message} (see '{self.prog} --help').\n")


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
    log.add_argument("action", metavar="ACTION", help="the action's id (see 'trust-tui actions')")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="the day it counts for (default: today)")
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

    settings = sub.add_parser("settings", help="show or change the settings")
    settings.add_argument("--week-start", metavar="DAY", help="the day weeks start on, e.g. monday")
    settings.add_argument(
        "--day-starts-at", metavar="HH:MM", help="when your day starts (00:00-11:59)"
    )

    export = sub.add_parser("export", help="everything, for a backup or a spreadsheet")
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Imported after parsing so `--help` and `--version` stay instant.
    from trust_tui.clock import ClockError
    from trust_tui.domain.validation import ValidationError
    from trust_tui.paths import resolve_db_path
    from trust_tui.storage.errors import StoreError
    from trust_tui.storage.guard import check_data_path

    try:
        db_path = resolve_db_path(args.db)
        check_data_path(db_path)  # before anything opens it: a FIFO would block forever
        if args.command is None:
            return _run_app(db_path)
        if args.command == "log":  # the hot path: its own module, importing only what it uses
            from trust_tui.cli.log import cmd_log

            return cmd_log(db_path, args, explicit=bool(args.db) or _env_db())
        from trust_tui.cli import subcommands

        handler = getattr(subcommands, f"cmd_{args.command}")
        return handler(db_path, args, explicit=bool(args.db) or _env_db())
    except (ValidationError, ClockError, InputError) as error:
        _fail(str(error))
        return EXIT_INPUT
    except StoreError as error:
        _fail(str(error))
        return EXIT_STORAGE
    except KeyboardInterrupt:
        return 130


def _env_db() -> bool:
    import os

    return bool(os.environ.get("TRUST_TUI_DB"))


def _fail(message: str) -> None:
    sys.stderr.write(f"trust-tui: {message}\n")


def _run_app(db_path: Path) -> int:
    from trust_tui.app import TrustApp

    app = TrustApp(db_path=db_path)
    app.run()
    return int(app.return_code or 0)
