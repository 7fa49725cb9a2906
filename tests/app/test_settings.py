"""Settings screen: the week start and the day's start are saved; the data file is shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from app_helpers import SIZE
from textual.widgets import Input, Select

from trust_tui.app import TrustApp
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store
from trust_tui.tui.screens.settings import SettingsScreen


async def _open_settings(pilot) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def test_change_the_week_start_it_is_saved_and_the_weeks_regroup(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        assert app.focused is screen.query_one("#week-start", Select)
        # Open the choice, go down from Monday to Sunday, choose it.
        await pilot.press("enter", *["down"] * 6, "enter")
        await pilot.pause()
        assert app.data.snapshot.settings.week_start == "sunday"
        # Friday 27 Nov sits in the week that began on Sunday 22 Nov.
        assert app.data.summary.weeks[0].start == dt.date(2026, 11, 22)
        await pilot.press("q")
    assert (
        Store(app_db, default_actions=load_default_actions()).load().settings.week_start == "sunday"
    )

    again = TrustApp(db_path=app_db)
    async with again.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        assert screen.query_one("#week-start", Select).value == "sunday"


async def test_the_day_start_is_validated_then_saved(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        field = screen.query_one("#day-starts-at", Input)
        field.focus()
        field.value = "13:00"
        await pilot.press("enter")
        await pilot.pause()
        error = screen.query_one("#day-starts-error")
        assert error.display and "11:59" in str(error.render())
        assert app.data.snapshot.settings.day_starts_at == dt.time(0, 0)

        field.value = ""
        await pilot.press(*"4:30", "enter")  # the field's one typing test
        await pilot.pause()
        assert not error.display
        assert field.value == "04:30"
        assert app.data.snapshot.settings.day_starts_at == dt.time(4, 30)
        await pilot.press("tab")
        await pilot.press("q")
    stored = Store(app_db, default_actions=load_default_actions()).load().settings
    assert stored.day_starts_at == dt.time(4, 30)


async def test_the_data_file_path_and_the_theme(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        assert str(screen.query_one("#data-path").render()) == str(app_db)
        theme = screen.query_one("#theme", Select)
        other = next(t for t in sorted(app.available_themes) if t != app.theme)
        theme.value = other
        await pilot.pause()
        assert app.theme == other
        # The theme is now kept with the other settings (issue 10).
        assert app.data.snapshot.settings.theme == other


async def test_opening_settings_never_changes_them(app: TrustApp, app_db: Path) -> None:
    store = Store(app_db, default_actions=load_default_actions())
    settings = store.open().settings
    store.set_settings(dataclasses.replace(settings, week_start="sunday", day_starts_at=dt.time(3)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_settings(pilot)
        await pilot.pause()
        assert screen.query_one("#week-start", Select).value == "sunday"
        assert screen.query_one("#day-starts-at", Input).value == "03:00"
        await pilot.press("tab", "tab", "t")  # wander through the fields and leave
        await pilot.pause()
        assert app.data.snapshot.settings.week_start == "sunday"
        assert app.data.snapshot.settings.day_starts_at == dt.time(3)
