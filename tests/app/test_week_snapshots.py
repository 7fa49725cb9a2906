"""Snapshots of Week at 80×24 and 120×40 (demo data plus a 28-character name, pinned clock).

Update only after looking at the pictures: `pytest tests/app/test_week_snapshots.py -n0
--snapshot-update`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import datetime as dt  # noqa: E402

from screenshots import pinned_environment  # noqa: E402
from trust_tui.app import TrustApp  # noqa: E402
from trust_tui.cli import main  # noqa: E402
from trust_tui.domain.models import Action  # noqa: E402
from trust_tui.storage.store import Store  # noqa: E402


def add_long_action(db: Path) -> None:
    """A custom action with a 28-character name, made today (the pinned 27 Nov 2026)."""
    store = Store(db)
    store.open()
    store.upsert_action(
        Action(
            id="long",
            name="Plan a surprise date night!!",
            cadence="week",
            target=2,
            order=99,
            created=dt.date(2026, 11, 27),
        )
    )


@pytest.fixture
def week_db(tmp_path: Path) -> Iterator[Path]:
    with pinned_environment(tmp_path) as db:
        assert main(["--db", str(db), "demo"]) == 0
        add_long_action(db)
        yield db


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((80, 24), ("w",)),
        ((120, 40), ("w",)),
        ((80, 24), ("w", "down", "down", "left", "enter")),  # the calendar over Week
    ],
    ids=["week-80x24", "week-120x40", "calendar-80x24"],
)
def test_week_snapshot(
    snap_compare, week_db: Path, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(
        TrustApp(db_path=week_db), press=list(keys), terminal_size=size, run_before=settle
    )
