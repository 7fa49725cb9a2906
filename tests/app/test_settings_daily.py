"""Settings (issue 10): the weekly check-in's day and time, and pausing and resuming."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import SIZE, file_meta, settle
from textual.widgets import Button, Input, Select

from trust_tui.app import TrustApp
from trust_tui.storage.store import Store
from trust_tui.tui.screens.settings import SettingsScreen


async def _open_settings(pilot) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def test_the_checkin_day_and_time_are_saved_and_cleared(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        screen.query_one("#checkin-day", Select).value = "sunday"
        time = screen.query_one("#checkin-time", Input)
        time.focus()
        time.value = "7:30"
        await pilot.press("enter")
        await settle(pilot)
        assert time.value == "07:30"
        settings = file_meta(app_db)["settings"]
        assert (settings["checkin_day"], settings["checkin_time"]) == ("sunday", "07:30")
        screen.query_one("#checkin-day", Select).value = "none"
        time.value = ""
        await pilot.press("enter")
        await settle(pilot)
        settings = file_meta(app_db)["settings"]
        assert "checkin_day" not in settings and "checkin_time" not in settings


async def test_a_bad_checkin_time_is_refused_and_kept_on_screen(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        time = screen.query_one("#checkin-time", Input)
        time.focus()
        time.value = "25:00"
        await pilot.press("enter")
        await settle(pilot)
        error = screen.query_one("#checkin-time-error")
        assert error.has_class("-shown") and "not a real time" in str(error.render())
        assert time.value == "25:00"
        assert app.data.snapshot.settings.checkin_time is None


async def test_pause_and_resume_from_settings(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        assert "Not paused." in str(screen.query_one("#pause-status").render())
        assert screen.query_one("#pause-resume", Button).disabled
        screen.query_one("#pause-reason", Select).value = "travel"
        screen.query_one("#pause-until", Input).value = "2026-12-03"
        screen.query_one("#pause-start", Button).press()
        await settle(pilot)
        [pause] = Store(app_db).load().pauses
        assert (pause.reason, pause.start, pause.until) == (
            "travel",
            dt.date(2026, 11, 27),
            dt.date(2026, 12, 3),
        )
        status = str(screen.query_one("#pause-status").render())
        assert status == "Paused (travel) since Fri 27 Nov 2026 until Thu 03 Dec 2026."
        assert screen.query_one("#pause-start", Button).disabled
        screen.query_one("#pause-resume", Button).press()
        await settle(pilot)
        assert Store(app_db).load().pauses == ()  # begun today: resuming cancels it
        assert "Not paused." in str(screen.query_one("#pause-status").render())


async def test_a_bad_until_date_is_refused_and_nothing_is_written(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        screen.query_one("#pause-until", Input).value = "next week"
        screen.query_one("#pause-start", Button).press()
        await settle(pilot)
        assert screen.query_one("#pause-error").has_class("-shown")
        assert app.data.snapshot.pauses == ()
        # A date before today is refused by the pause rules, as a toast.
        screen.query_one("#pause-until", Input).value = "2026-11-20"
        screen.query_one("#pause-start", Button).press()
        await settle(pilot)
        assert app.data.snapshot.pauses == ()
        assert any("before it starts" in str(n.message) for n in app._notifications)
