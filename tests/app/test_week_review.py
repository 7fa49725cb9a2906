"""Issue 9 in the app: Week's cell cursor and pane, resizing, the calendar (backfill, removal,
undo), relative and far-back dates, the heat map's levels, the rating chart's fixed axis."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app_helpers import file_logs, screen_text, settle
from rich.color import ColorSystem
from textual.widgets import Button

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.domain.models import Action
from trust_tui.storage.store import Store
from trust_tui.tui.dialogs.calendar import CalendarDialog
from trust_tui.tui.dialogs.checkin import CheckInDialog
from trust_tui.tui.dialogs.confirm import ConfirmDialog
from trust_tui.tui.dialogs.log_dialog import LogDialog
from trust_tui.tui.widgets.heat_map import GLYPHS, HeatMap
from trust_tui.tui.widgets.rating_chart import RatingChart
from trust_tui.tui.widgets.streak_grid import StreakGrid

TODAY = dt.date(2026, 11, 27)
LONG_NAME = "Plan a surprise date night!!"  # 28 characters


def add_long_action(db: Path) -> None:
    store = Store(db)
    store.open()
    store.upsert_action(
        Action(id="long", name=LONG_NAME, cadence="week", target=2, order=99, created=TODAY)
    )


async def test_every_full_name_is_on_week_and_every_action_reachable_at_80x24(
    demo_db: Path,
) -> None:
    add_long_action(demo_db)
    app = TrustApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        grid = app.screen.query_one(StreakGrid)
        assert app.focused is grid
        text = screen_text(pilot)
        for action in app.data.snapshot.active_actions:
            assert action.name in text
        assert len(grid.columns) - 1 >= 8  # weeks beside the names
        # The cursor starts on this week of the first action; down reaches the last one.
        assert grid.highlighted == ("weekly-check-in", "2026-11-23")
        for _ in range(len(app.data.snapshot.active_actions) - 1):
            await pilot.press("down")
        assert grid.highlighted == ("long", "2026-11-23")
        pane = str(app.screen.query_one("#week-detail").render())
        assert LONG_NAME in pane and "Mon 23 Nov – Sun 29 Nov 2026" in pane
        # A week before the action was made: no figure, and the pane says why.
        await pilot.press("left")
        assert grid.highlighted == ("long", "2026-11-16")
        assert "Before this action started" in str(app.screen.query_one("#week-detail").render())


async def test_the_pane_shows_the_weeks_count_and_notes(app: TrustApp, demo_db: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "down", "down", "left")  # Call or message, last week
        grid = app.screen.query_one(StreakGrid)
        assert grid.highlighted == ("stay-in-touch", "2026-11-16")
        pane = str(app.screen.query_one("#week-detail").render())
        week_notes = [
            e.note.splitlines()[0]
            for e in app.data.snapshot.logs
            if e.action == "stay-in-touch" and dt.date(2026, 11, 16) <= e.date and e.note
        ]
        assert "days met" in pane and "met " in pane and "strength" in pane
        assert week_notes[0] in pane


async def test_resizing_widens_the_grid(demo_db: Path) -> None:
    add_long_action(demo_db)
    app = TrustApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        grid = app.screen.query_one(StreakGrid)
        narrow = len(grid.columns) - 1
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        wide = len(grid.columns) - 1
        assert narrow >= 8 and wide >= 12 and wide > narrow
        assert LONG_NAME in screen_text(pilot)
        assert grid.highlighted == ("weekly-check-in", "2026-11-23")  # the cursor stays


async def test_a_fresh_file_with_one_log_shows_no_miss_before_it(app_db: Path) -> None:
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--date", "-2"]) == 0
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        grid = app.screen.query_one(StreakGrid)
        for row in range(grid.row_count):
            cells = [c.plain.strip() for c in grid.get_row_at(row)[1:]]
            assert all(c == "·" for c in cells[:-1]), cells  # every week before this one


async def test_calendar_backfills_removes_and_undoes(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "down", "down")  # Call or message (plain: one key logs)
        await pilot.press("enter")
        assert isinstance(app.screen, CalendarDialog)
        await pilot.press("right")  # tomorrow cannot be chosen
        assert app.screen.day == TODAY
        await pilot.press("left", "left", "left", "enter")
        await settle(pilot)
        assert [(d["action"], d["date"]) for d in file_logs(app_db)] == [
            ("stay-in-touch", "2026-11-24")
        ]
        assert "24✓" in str(app.screen.query_one("#calendar-month").render())
        await pilot.press("x")
        await settle(pilot)
        assert file_logs(app_db) == []
        await pilot.press("u")
        await settle(pilot)
        assert [d["date"] for d in file_logs(app_db)] == ["2026-11-24"]
        await pilot.press("escape")
        assert type(app.screen).__name__ == "WeekScreen"


async def test_calendar_opens_the_check_in_for_its_kind_and_the_page_keys_change_month(
    app: TrustApp,
    app_db: Path,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # on Today: the first action, the weekly check-in
        assert isinstance(app.screen, CalendarDialog)
        await pilot.press("pageup")
        assert app.screen.day == dt.date(2026, 10, 27)
        await pilot.press("pagedown", "pagedown")  # never past today
        assert app.screen.day == TODAY
        await pilot.press("up", "enter")
        assert isinstance(app.screen, CheckInDialog)
        assert "Fri 20 Nov" in screen_text(pilot)
        app.screen.query_one("#checkin-rating").value = "6"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [(d["date"], d["rating"]) for d in file_logs(app_db)] == [("2026-11-20", 6)]
        assert isinstance(app.screen, CalendarDialog)


async def test_a_month_turned_from_its_31st_lands_on_the_last_day_of_a_shorter_month(
    app: TrustApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "pageup")  # 27 October
        await pilot.press("right", "right", "right", "right")
        assert app.screen.day == dt.date(2026, 10, 31)
        await pilot.press("pageup")
        assert app.screen.day == dt.date(2026, 9, 30)
        await pilot.press("pageup", "pageup", "pageup", "pageup", "pageup", "pageup", "pageup")
        assert app.screen.day == dt.date(2026, 2, 28)


async def test_a_day_long_ago_is_confirmed_naming_its_year(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")  # Today: Call or message
        await pilot.press("c", "pageup", "pageup", "pageup", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "2026" in screen_text(pilot) and "August" in screen_text(pilot)
        # Nothing is taken away either way: no red button for a day long ago.
        assert app.screen.query_one("#confirm-yes", Button).variant == "primary"
        assert app.screen.focused is app.screen.query_one("#confirm-no", Button)
        await pilot.press("n")
        await settle(pilot)
        assert file_logs(app_db) == []
        await pilot.press("enter", "y")
        await settle(pilot)
        assert [d["date"] for d in file_logs(app_db)] == ["2026-08-27"]


async def test_typed_relative_dates_and_a_year_named_far_back(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "b")
        assert isinstance(app.screen, LogDialog)
        app.screen.query_one("#log-date").value = "yesterday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [d["date"] for d in file_logs(app_db)] == ["2026-11-26"]
        await pilot.press("b")
        app.screen.query_one("#log-date").value = "-2"
        await pilot.press("ctrl+s")
        await pilot.press("b")
        app.screen.query_one("#log-date").value = "mon"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert sorted(d["date"] for d in file_logs(app_db)) == [
            "2026-11-23",
            "2026-11-25",
            "2026-11-26",
        ]
        await pilot.press("b")
        app.screen.query_one("#log-date").value = "2025-12-31"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert "2025" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "2025-12-31" in [d["date"] for d in file_logs(app_db)]
        toasts = [n.message for n in app._notifications]
        assert any("Wed 31 Dec 2025" in t for t in toasts)  # another year: named


def test_cli_log_takes_relative_dates(app_db: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--date", "yesterday"]) == 0
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--date", "-3"]) == 0
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--date", "wednesday"]) == 0
    dates = sorted(d["date"] for d in file_logs(app_db))
    assert dates == ["2026-11-24", "2026-11-25", "2026-11-26"]
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--date", "someday"]) == 2
    assert "is not a date" in capsys.readouterr().err


async def test_heat_map_switches_to_the_highlighted_action_and_its_levels_stay_apart(
    app: TrustApp,
    demo_db: Path,
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("w")
        title = app.screen.query_one("#week-heat-title")
        assert "all actions" in str(title.render())
        await pilot.press("m")
        assert "Weekly check-in" in str(title.render())
        await pilot.press("down")
        assert "Ask what they need" in str(title.render())
        heat = app.screen.query_one(HeatMap)
        styles = heat.level_styles()
        # Every level differs by glyph (whatever the colours), and by colour in this theme.
        assert len(set(GLYPHS)) == len(GLYPHS) == len(styles)
        assert len({str(s.color) for s in styles}) == len(styles)
        for system in (ColorSystem.EIGHT_BIT, ColorSystem.STANDARD):
            shades = [s.color.downgrade(system).number for s in styles]
            assert len(set(shades)) == len(shades), (system, shades)
        rendered = heat.render().plain
        assert "░ 1" in rendered and "4+" in rendered and "paused" in rendered
        await pilot.press("m")
        assert "all actions" in str(title.render())


async def test_ratings_sit_on_a_fixed_axis_and_a_point_shows_its_answers(app_db: Path) -> None:
    for day, rating, note in (
        ("-21", 3, "Appreciation: the walk"),
        ("-14", 4, "Went well: dinner"),
        ("-7", 10, "Plan: more walks"),
    ):
        assert (
            main(
                [
                    "--db",
                    str(app_db),
                    "log",
                    "weekly-check-in",
                    "--date",
                    day,
                    "--rating",
                    str(rating),
                    "--note",
                    note,
                ]
            )
            == 0
        )
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        chart = app.screen.query_one(RatingChart)
        lines = chart.render().plain.splitlines()
        rows = {label: line for line in lines[:10] for label in [line[:3].strip()]}
        assert list(rows) == [str(n) for n in range(10, 0, -1)]  # 10 at the top … 1 below
        column = {r: rows[str(r)].index("●") if "●" in rows[str(r)] else None for r in (3, 4)}
        assert column[3] is not None and column[4] is not None
        assert column[4] - column[3] == 3  # next check-in, one row up: never rescaled
        assert "◆" in rows["10"]  # the latest is highlighted
        chart.focus()
        await pilot.press("left")
        detail = str(app.screen.query_one("#week-rating-detail").render())
        assert "4/10" in detail and "Went well: dinner" in detail
        text = str(app.screen.query_one("#week-trend-text").render())
        assert (
            "First 3/10" in text and "latest 10/10" in text and "average of the last 3: 5.7" in text
        )


def test_summary_json_adds_the_new_figures(demo_db: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(demo_db), "summary", "--json", "--weeks", "2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    check_in = doc["actions"][0]
    assert check_in["met_periods"] <= check_in["counted_periods"]
    assert 0 <= check_in["strength"] <= 100 and 0.0 <= check_in["rate"] <= 1.0
    assert check_in["start"] <= doc["today"]
    assert doc["weeks"][0]["actions"]["weekly-check-in"]["status"] == "counted"
    assert main(["--db", str(demo_db), "summary"]) == 0
    out = capsys.readouterr().out
    assert "strength" in out and max(len(line) for line in out.splitlines()) <= 80


async def test_a_paused_missed_week_has_its_own_mark_in_week_and_the_calendar(
    app_db: Path,
) -> None:
    """Pauses are stored by another change (issue 10); here one is put into the data shown."""
    import dataclasses

    from trust_tui.domain.models import Pause
    from trust_tui.session import build_data

    # Shared activity: met in the weeks of 26 Oct, 2 Nov and 16 Nov; the week of 9 Nov missed.
    for day in ("-27", "-20", "-6"):
        assert main(["--db", str(app_db), "log", "shared-activity", "--date", day]) == 0
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "down", "down", "down")
        grid = app.screen.query_one(StreakGrid)
        assert grid.highlighted == ("shared-activity", "2026-11-23")
        missed = grid.get_cell("shared-activity", "2026-11-09").plain.strip()
        assert missed == "0/1"
        before = app.data.streaks["shared-activity"]
        assert (before.current, before.best) == (1, 2)
        pause = Pause("p", "illness", dt.date(2026, 11, 10), dt.date(2026, 11, 12))
        snapshot = dataclasses.replace(app.data.snapshot, pauses=(pause,))
        app.publish(build_data(snapshot, app.data.today, app.db_path))
        await pilot.pause()
        assert grid.get_cell("shared-activity", "2026-11-09").plain.strip() == "‖"
        after = app.data.streaks["shared-activity"]
        assert (after.current, after.best) == (3, 3)
        assert "met 3 of 3 weeks" in str(app.screen.query_one("#week-detail").render())
        await pilot.press("enter")
        month = str(app.screen.query_one("#calendar-month").render())
        assert month.count("‖") == 3 + 1  # the three paused days, and the legend


def test_grid_and_calendar_marks() -> None:
    from trust_tui.domain.summary import WeekCell
    from trust_tui.tui.dialogs.calendar import day_mark
    from trust_tui.tui.widgets.streak_grid import cell_text

    assert cell_text(WeekCell(0, 1, False, "before_start")).plain.strip() == "·"
    assert cell_text(WeekCell(0, 1, False, "paused")).plain.strip() == "‖"
    assert cell_text(WeekCell(1, 1, True)).plain.strip() == "✓1/1"
    assert cell_text(WeekCell(12, 12, True)).plain.strip() == "✓12"
    assert cell_text(WeekCell(2, 3, False)).plain.strip() == "2/3"
    assert all(len(cell_text(WeekCell(n, 99, False)).plain) == 6 for n in (0, 9, 99))
    note = LogEntryFactory("a note")
    plain = LogEntryFactory("")
    assert day_mark([], paused=False) == "  " and day_mark([], paused=True) == "‖ "
    assert day_mark([plain], paused=True) == "✓ " and day_mark([plain, note], paused=False) == "2*"


def LogEntryFactory(note: str):  # type: ignore[no-untyped-def]  # noqa: N802
    from trust_tui.domain.models import LogEntry

    return LogEntry("u" + note, "a", TODAY, "2026-11-27T12:00:00+00:00", note)


def test_new_actions_know_the_day_they_were_made() -> None:
    from trust_tui.tui.dialogs.action_form import build_action
    from trust_tui.tui.dialogs.needs import need_action

    made = build_action(
        None, [], name="Cook", cadence="week", target="1", step="", description="", today=TODAY
    )
    assert made.created == TODAY and made.to_doc()["created"] == "2026-11-27"
    assert need_action("Text when late", (), TODAY).created == TODAY
    # An edit keeps the day it was made.
    edited = build_action(
        made, [made], name="Cook twice", cadence="week", target="2", step="", description=""
    )
    assert edited.created == TODAY
