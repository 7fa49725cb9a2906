"""The first frame is drawn from the derived index; every log is read right after it.

The full read (`Session.open`) is held back by a gate here, so each test looks at the app
before and after it lands without depending on timing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import SIZE, file_logs, highlight, screen_text, settle, wait_until

from trust_tui.app import TrustApp
from trust_tui.session import Session
from trust_tui.storage.index import index_path_for
from trust_tui.tui.screens.base import STILL_READING

NOW = "2026-11-27T20:00:00+01:00"


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """`Session.open` (the full read) waits until the test sets the event."""
    event = threading.Event()
    opened = Session.open

    def held(self: Session):  # type: ignore[no-untyped-def]
        assert event.wait(timeout=30), "the test never let the full read go"
        return opened(self)

    monkeypatch.setattr(Session, "open", held)
    yield event
    event.set()


async def test_first_frame_shows_the_figures_of_the_full_read(
    demo_db: Path, gate: threading.Event
) -> None:
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.data
        assert first is not None and not first.complete
        assert first.snapshot.logs == ()
        before = screen_text(pilot)
        assert "Call or message" in before and "14 d" in before
        gate.set()
        assert await wait_until(pilot, lambda: app.complete)
        await settle(pilot)
        full = app.data
        assert full is not None and len(full.snapshot.logs) > 0
        assert first.streaks == full.streaks
        # Week waits for every log (it shows a loading state): the first frame's data has no
        # weeks to give it.
        assert first.summary.weeks == () and full.summary.weeks != ()
        assert first.snapshot.actions == full.snapshot.actions
        assert first.snapshot.settings == full.snapshot.settings
        assert first.snapshot.pauses == full.snapshot.pauses
        assert screen_text(pilot) == before


@pytest.mark.parametrize(
    ("key", "screen", "shown"),
    [
        ("h", "HistoryScreen", "237 entries, newest first"),
        ("w", "WeekScreen", "met 19 of 20 weeks"),  # Week's weeks need every log
    ],
)
async def test_other_screens_show_a_loading_state_then_their_data(
    demo_db: Path, gate: threading.Event, key: str, screen: str, shown: str
) -> None:
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == screen
        assert app.screen.loading
        assert shown not in screen_text(pilot)
        gate.set()
        assert await wait_until(pilot, lambda: app.complete)
        await settle(pilot)
        assert not app.screen.loading
        assert shown in screen_text(pilot)


async def test_the_calendar_waits_for_every_log(demo_db: Path, gate: threading.Event) -> None:
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        assert [n.message for n in app._notifications] == [STILL_READING]
        gate.set()


async def test_the_guide_waits_for_every_step(demo_db: Path, gate: threading.Event) -> None:
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        assert [n.message for n in app._notifications] == [STILL_READING]
        gate.set()
        assert await wait_until(pilot, lambda: app.complete)
        await pilot.press("g")
        assert await wait_until(pilot, lambda: type(app.screen).__name__ == "GuideScreen")


async def test_a_log_pressed_before_the_full_read_is_saved_once(
    demo_db: Path, gate: threading.Event
) -> None:
    before = [d for d in file_logs(demo_db) if d["action"] == "appreciation-note"]
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(pilot, "appreciation-note")
        await pilot.press("l")
        await pilot.pause()
        assert not app.complete
        gate.set()
        assert await wait_until(pilot, lambda: app.complete)
        await settle(pilot)
        assert app.data is not None
        assert app.data.streaks["appreciation-note"].this_period.count == 3
    after = [d for d in file_logs(demo_db) if d["action"] == "appreciation-note"]
    new = [d for d in after if d not in before]
    assert len(after) == len(before) + 1
    assert len(new) == 1 and new[0]["date"] == "2026-11-27"


async def test_quitting_before_the_full_read_keeps_a_log(
    demo_db: Path, gate: threading.Event
) -> None:
    count = len(file_logs(demo_db))
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(pilot, "appreciation-note")
        await pilot.press("l")
        await pilot.pause()
        assert not app.complete
        gate.set()
        await pilot.press("q")
    assert len(file_logs(demo_db)) == count + 1


async def test_a_missing_index_means_the_full_read_comes_first(demo_db: Path) -> None:
    index_path_for(demo_db).unlink()
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.data is not None and app.data.complete
        assert "14 d" in screen_text(pilot)


async def test_a_stale_index_means_the_full_read_comes_first(demo_db: Path) -> None:
    assert index_path_for(demo_db).exists()
    stat = demo_db.stat()
    os.utime(demo_db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # another writer
    app = TrustApp(demo_db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.data is not None and app.data.complete
        assert len(app.data.snapshot.logs) == 237
        assert "14 d" in screen_text(pilot)


async def test_a_first_run_on_the_default_path_creates_its_folder(
    isolated_user_dirs: Path, isolated_home: Path, now_pinned: str
) -> None:
    # `trust-tui` with no --db, as a new user runs it: the default folder does not exist yet.
    from trust_tui.paths import resolve_db_path

    db = resolve_db_path(None)
    assert not db.parent.exists()
    app = TrustApp(db_path=db, from_index=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert "Today · Friday 27 November 2026" in screen_text(pilot)
    assert db.exists() and (db.parent.stat().st_mode & 0o777) == 0o700
