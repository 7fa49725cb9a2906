"""Small helpers for the app's Pilot tests (no sleeps: wait for workers, then a pause)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

SIZE = (100, 32)


async def settle(pilot: Pilot[Any]) -> None:
    """Let every worker (disk writes, reloads) finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(pilot: Pilot[Any]) -> str:
    """What the terminal shows right now, as plain text lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def file_raw(db: Path) -> dict[str, Any]:
    """The data file with its journal replayed: what the next reader of the disk gets."""
    from trust_tui.storage.journal import read_state

    raw = read_state(db)
    if raw is None:
        raise FileNotFoundError(db)
    return raw


def file_logs(db: Path) -> list[dict[str, Any]]:
    """The log documents on disk, in file order."""
    return list(file_raw(db).get("logs", {}).values())


def file_actions(db: Path) -> list[dict[str, Any]]:
    return list(file_raw(db).get("actions", {}).values())


def file_meta(db: Path) -> dict[str, Any]:
    return next(iter(file_raw(db).get("meta", {}).values()))


def disk_bytes(db: Path) -> bytes:
    """Everything written for `db`: the main file and its journal (a change appends to the
    journal, so comparing the main file alone would miss it)."""
    from trust_tui.storage.journal import journal_path_for

    journal = journal_path_for(db)
    return db.read_bytes() + b"\0journal\0" + (journal.read_bytes() if journal.exists() else b"")


def hand_edit(db: Path, raw: dict[str, Any]) -> None:
    """Write `raw` as the whole data file, as a person or a script editing it would: the
    journal and the index beside it go (they belonged to the file as it was)."""
    import orjson

    from trust_tui.storage.index import index_path_for
    from trust_tui.storage.journal import journal_path_for

    db.write_bytes(orjson.dumps(raw))
    journal_path_for(db).unlink(missing_ok=True)
    index_path_for(db).unlink(missing_ok=True)
