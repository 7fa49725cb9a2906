"""The store's exceptions and their messages: one sentence naming the file and what to do."""

from __future__ import annotations

from pathlib import Path

from trust_tui.domain.models import SCHEMA_VERSION


class StoreError(Exception):
    """A storage problem; `str()` is one sentence naming the file and what to do."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class CorruptDataError(StoreError):
    """The file cannot be read as a data file; it was left exactly as it was."""

    def __init__(self, message: str, path: Path, reason: str = "") -> None:
        super().__init__(message, path)
        self.reason = reason
        """Why, as a clause ("it is not valid JSON (…)")."""


class NewerSchemaError(StoreError):
    """The file was written by a newer trust-tui; it was left exactly as it was."""


class LockTimeoutError(StoreError):
    """Another process held the lock for longer than the timeout."""


class StorePermissionError(StoreError):
    """The operating system refused to let us read or write the file or its folder."""


class EntryNotFoundError(StoreError, LookupError):
    """The log entry to change is no longer in the file (another process deleted it)."""


def corrupt(path: Path, reason: str, good_backup: Path | None) -> CorruptDataError:
    backup = (
        f"the newest good backup is {good_backup}"
        if good_backup
        else "there is no good backup of it"
    )
    return CorruptDataError(
        f"The data file {path} is damaged ({reason}) and was left untouched; {backup}; "
        f"run `trust-tui --db {_quote(str(path))} doctor` to see how to repair it.",
        path,
        reason,
    )


def newer_schema(path: Path, version: int) -> NewerSchemaError:
    return NewerSchemaError(
        f"The data file {path} was written by a newer trust-tui (schema {version}; this version "
        f"reads up to {SCHEMA_VERSION}) and was left untouched; upgrade trust-tui to open it.",
        path,
    )


def lock_timeout(path: Path, timeout: float) -> LockTimeoutError:
    return LockTimeoutError(
        f"The data file {path} has been locked by another trust-tui for more than {timeout:g} "
        "seconds; close that window or wait, then try again.",
        path,
    )


def permission_denied(path: Path, folder: Path, *, writing: bool) -> StorePermissionError:
    doing = f"write in {folder}" if writing else f"read {path}"
    return StorePermissionError(
        f"Permission denied: trust-tui may not {doing}; give your user access (chmod 700 the "
        "folder, chmod 600 the file) and try again.",
        path,
    )


def write_failed(path: Path, why: str, what: str = "save") -> StoreError:
    return StoreError(
        f"Could not {what} the data file {path} ({why}); the file was left as it was.", path
    )


def folder_missing(path: Path, folder: Path) -> StoreError:
    return StoreError(
        f"The folder {folder} of the data file {path} does not exist; create it or choose "
        "another file with --db.",
        path,
    )


def file_missing(path: Path) -> StoreError:
    return StoreError(
        f"The data file {path} does not exist (was it moved or deleted?); restore it from a "
        "backup or start trust-tui to create a new one.",
        path,
    )


def not_created_yet(path: Path) -> str:
    return (
        f"The data file {path} does not exist yet; trust-tui creates it the first time it runs "
        "(or restore a backup to that place)."
    )


def entry_not_found(path: Path, uid: str) -> EntryNotFoundError:
    return EntryNotFoundError(
        f"The log entry {uid} is no longer in {path} (another window may have deleted it); "
        "nothing was changed.",
        path,
    )


def repair_advice(path: Path, reason: str, good_backup: Path | None) -> str:
    """What `doctor` says about a damaged file: the exact commands to restore a backup."""
    quoted = _quote(str(path))
    aside = _quote(str(path) + ".broken")
    damaged = f"The data file {path} is damaged ({reason}); trust-tui leaves it untouched."
    if good_backup is None:
        return (
            f"{damaged} There is no good backup to restore: move it aside (mv {quoted} {aside}) "
            "and start trust-tui to begin a new file, or repair the JSON by hand."
        )
    return (
        f"{damaged} To restore the newest good backup ({good_backup.name}), run: "
        f"mv {quoted} {aside} && cp {_quote(str(good_backup))} {quoted}"
    )


def _quote(text: str) -> str:
    """`shlex.quote`, imported when a message needs it (not on the way to the app's first
    frame)."""
    import shlex

    return shlex.quote(text)
