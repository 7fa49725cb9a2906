"""Where the data file lives: --db, then TRUST_TUI_DB, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "TRUST_TUI_DB"
FILE_NAME = "trust-tui.json"


def default_db_path() -> Path:
    # platformdirs is imported here, not at module level: the CLI's hot path often has --db.
    from platformdirs import user_data_path

    return user_data_path("trust-tui", appauthor=False) / FILE_NAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data file to use, as an absolute path (nothing is created here)."""
    if cli_value:
        chosen = Path(cli_value)
    elif os.environ.get(DB_ENV):
        chosen = Path(os.environ[DB_ENV])
    else:
        chosen = default_db_path()
    return chosen.expanduser().absolute()


def display_path(path: Path) -> str:
    """The path as a person reads it: under the home folder it starts with ~."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):  # not under home, or no home to speak of
        return str(path)
