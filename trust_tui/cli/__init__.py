"""The command line (docs/design.md §5). It never imports Textual unless it
opens the app, which it does through `trust_tui.app`."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

EXIT_STORAGE, EXIT_INPUT = 1, 2

COMMAND_MODULES = {
    "log": "log",  # the hot path: its own module, importing only what it uses
    "due": "due",
    "pause": "pauses",
    "resume": "pauses",
    "completion": "completion",
    "import": "importing",
}
"""Commands with their own module under trust_tui.cli; the others are in `subcommands`."""


class InputError(Exception):
    """Bad input found by the command line itself (exit code 2)."""


def _opens_the_app(argv: Sequence[str]) -> bool:
    """Whether `argv` is exactly one of the ways to open the app: nothing, `--db PATH` or
    `--db=PATH`. Only then is no parser built (argparse's import and the commands' parser
    are ~6 ms of start-up, docs/design.md §8); anything else, `--help` included, gets the
    whole parser."""
    if not argv:
        return True
    if len(argv) == 1:
        return argv[0].startswith("--db=")
    return len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-")


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The arguments; opening the app (`_opens_the_app`) does not even import argparse."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if _opens_the_app(argv):
        from types import SimpleNamespace

        db = argv[1] if len(argv) == 2 else (argv[0].removeprefix("--db=") if argv else None)
        return SimpleNamespace(db=db, command=None)  # type: ignore[return-value]
    from trust_tui.cli.parser import build_parser

    return build_parser().parse_args(argv)


PATH_ARGUMENTS = frozenset({"db", "output", "file"})
"""Arguments that name files: any bytes are a valid file name there. Every other argument is
text that may be stored or shown, so it must be valid UTF-8."""

EXIT_BROKEN_PIPE = 141
"""What a shell reports for `ls | head` (128 + SIGPIPE): the reader left, nothing is wrong."""


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # here, not at exit, so a closed pipe is handled below
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a traceback could show a note's text
        return _failed(error)


def _failed(error: Exception) -> int:
    """One line on stderr for what stopped a command, and its exit code. The error classes and
    the output module are imported only now: opening the app needs neither (docs/design.md
    §8)."""
    from trust_tui.cli.output import fail
    from trust_tui.clock import ClockError
    from trust_tui.domain.validation import ValidationError
    from trust_tui.storage.errors import StoreError

    if isinstance(error, (ValidationError, ClockError, InputError)):
        fail(str(error))
        return EXIT_INPUT
    if isinstance(error, StoreError):
        fail(str(error))
        return EXIT_STORAGE
    if isinstance(error, OSError):
        # A path the system refuses (too long, a folder we may not enter): one line, no
        # traceback. A name too long is bad input; anything else is the storage's problem.
        fail(_os_error_sentence(error))
        return EXIT_INPUT if error.errno == errno.ENAMETOOLONG else EXIT_STORAGE
    fail(
        f"An unexpected error ({type(error).__name__}) stopped this command; the data file "
        "was left as it was. Run `trust-tui doctor` to check it."
    )
    return EXIT_STORAGE


def _dispatch(args: argparse.Namespace) -> int:
    from trust_tui.paths import resolve_db_path
    from trust_tui.storage.guard import check_data_path

    _check_arguments(args)
    db_path = resolve_db_path(args.db)
    check_data_path(db_path)  # before anything opens it: a FIFO would block forever
    if args.command is None:
        return _run_app(db_path)
    import importlib

    module = importlib.import_module(
        f"trust_tui.cli.{COMMAND_MODULES.get(args.command, 'subcommands')}"
    )
    handler = getattr(module, f"cmd_{args.command}")
    return handler(db_path, args, explicit=bool(args.db) or _env_db())


def _check_arguments(args: argparse.Namespace) -> None:
    if args.db is not None and not args.db.strip():
        raise InputError("--db needs a file name; it was empty.")
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS or not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # argv bytes that are not UTF-8 arrive as lone surrogates (PEP 383); stored, they
            # could not be written back as JSON.
            flag = "the action" if name == "action" else f"--{name.replace('_', '-')}"
            raise InputError(
                f"The text given for {flag} is not valid UTF-8; check the terminal's encoding."
            ) from None


def _os_error_sentence(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return f"The path {error.filename or ''} is too long for this system; choose a shorter one."
    where = f" on {error.filename}" if error.filename else ""
    return f"The system refused a file operation{where} ({error.strerror or error}); nothing was written."


def _silence_stdout() -> None:
    """After the reader of a pipe has gone, point stdout at /dev/null so the interpreter's
    final flush does not print an error (the pattern Python's signal docs recommend)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file descriptor (a test's captured output): nothing will flush


def _env_db() -> bool:
    return bool(os.environ.get("TRUST_TUI_DB"))


def _run_app(db_path: Path) -> int:
    from trust_tui.collector import pause_for_start_up

    pause_for_start_up()  # the app resumes it after its first frame
    from trust_tui.opening import open_in_background
    from trust_tui.paths import resolve_db_path

    # The file is read while Textual is imported (trust_tui.opening).
    db_path = resolve_db_path(db_path)
    opening = open_in_background(db_path, from_index=True)
    from trust_tui.app import TrustApp

    app = TrustApp(db_path=db_path, from_index=True, opening=opening)
    app.run()
    return int(app.return_code or 0)
