"""Week: one row per action, one column per week, a cell cursor and a pane telling what the
highlighted week holds; each action's standing; a heat map; the trust ratings on a fixed axis."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from trust_tui.domain.summary import logs_between
from trust_tui.domain.text import cell_width, pad
from trust_tui.domain.wording import count_short, count_units, streak_short
from trust_tui.tui.screens.base import DataScreen
from trust_tui.tui.text import user_content
from trust_tui.tui.widgets.heat_map import HeatMap
from trust_tui.tui.widgets.rating_chart import AVERAGE_OF, RatingChart, RatingPoint
from trust_tui.tui.widgets.streak_grid import NAME_MAX, StreakGrid

if TYPE_CHECKING:
    from trust_tui.domain.models import Action
    from trust_tui.domain.streaks import StreakInfo
    from trust_tui.domain.summary import WeekCell
    from trust_tui.session import AppData

__all__ = ["WeekScreen", "rating_points", "standing"]

RATINGS_SHOWN = 52
NOTES_SHOWN = 3


def rating_points(data: AppData) -> list[RatingPoint]:
    """The check-ins that carry a rating, oldest first (the latest year's worth)."""
    points = [
        RatingPoint(e.date, e.rating, e.note, e.uid)
        for e in data.snapshot.logs
        if e.rating is not None and e.date <= data.today
    ]
    return points[-RATINGS_SHOWN:]


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


def standing(streak: StreakInfo) -> str:
    """`3 weeks now · best 10 · met 19 of 20 weeks (95 %) · strength 91 %`."""
    if streak.current:
        now = f"{count_units(streak.current, streak.unit)} now"
    elif streak.best:
        now = "a fresh start today" if streak.unit == "day" else "a fresh start this week"
    else:
        now = "not started yet"
    parts = [now]
    if streak.best:
        parts.append(f"best {count_units(streak.best, streak.unit)}")
    if streak.counted_periods:
        unit = "days" if streak.unit == "day" else "weeks"
        parts.append(
            f"met {streak.met_periods} of {streak.counted_periods} {unit}"
            f" ({percent(streak.rate or 0.0)})"
        )
    parts.append(f"strength {percent(streak.strength)}")
    return " · ".join(parts)


def _cell_line(action: Action, cell: WeekCell, current: bool) -> str:
    if cell.status == "before_start":
        return "Before this action started: not counted, not a miss."
    if cell.status == "paused":
        return "Paused and not met: skipped; it neither counts nor breaks a streak."
    if action.cadence == "day":
        line = f"{cell.count} of {cell.target} days met"
    else:
        line = f"{cell.count} of {cell.target} done"
    if cell.met:
        return f"✓ {line}."
    return f"{line} so far; the week is still open." if current else f"{line}."


class WeekScreen(DataScreen):
    AUTO_FOCUS = "#week-grid"
    BINDINGS = [
        Binding("m", "heat_mode", "Heat map", id="week.heat_mode"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.heat_all = True
        """The heat map shows every action (True) or the highlighted one."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="week-title", classes="screen-title", markup=False)
        with VerticalScroll(id="week-body"):
            yield StreakGrid(id="week-grid")
            yield Static(id="week-detail", markup=False)
            yield Static("Each action since its start", classes="section-title", markup=False)
            yield Static(id="week-streaks", markup=False)
            yield Static(id="week-heat-title", classes="section-title", markup=False)
            yield HeatMap(id="week-heat")
            yield Static("Trust rating at check-ins", classes="section-title", markup=False)
            yield RatingChart(id="week-chart")
            yield Static(id="week-trend-text", markup=False)
            yield Static(id="week-rating-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StreakGrid).focus()

    def show_data(self, data: AppData) -> None:
        summary = data.summary
        self.query_one("#week-title", Static).update(
            f"Weeks start on {summary.week_start.capitalize()}.   ✓ met   · before it started"
            "   ‖ paused, not met"
        )
        self.query_one(StreakGrid).show(summary)
        self.query_one("#week-streaks", Static).update(self._streak_lines(data))
        self._show_heat(data)
        points = rating_points(data)
        self.query_one(RatingChart).show(points)
        self.query_one("#week-trend-text", Static).update(self._trend_text(points))
        self._show_detail()

    # --- the grid and its pane --------------------------------------------------------------

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_detail()
        if not self.heat_all and self.trust_app.data is not None:
            self._show_heat(self.trust_app.data)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.open_calendar()

    def open_calendar(self) -> None:
        highlighted = self.query_one(StreakGrid).highlighted
        data = self.trust_app.data
        if highlighted is None or data is None:
            return
        action_id, week = highlighted
        day = data.today
        if week is not None:
            day = min(data.today, dt.date.fromisoformat(week) + dt.timedelta(days=6))
        from trust_tui.tui.dialogs.calendar import CalendarDialog

        self.app.push_screen(CalendarDialog(action_id, day))

    def _show_detail(self) -> None:
        pane = self.query_one("#week-detail", Static)
        data = self.trust_app.data
        highlighted = self.query_one(StreakGrid).highlighted
        if data is None or highlighted is None:
            pane.update(Content("No active actions: add one on the Actions screen (a)."))
            return
        action_id, week = highlighted
        action = data.snapshot.action(action_id)
        streak = data.summary.streaks.get(action_id)
        if action is None or streak is None:
            pane.update("")
            return
        lines = [user_content(action.name).stylize("bold")]
        row = next((w for w in data.summary.weeks if w.start.isoformat() == week), None)
        if row is None:
            lines.append(Content(standing(streak)))
            if streak.start is not None:
                lines.append(Content(f"Counted since {streak.start.strftime('%a %d %b %Y')}."))
            if action.description:
                lines.append(user_content(action.description))
        else:
            current = row is data.summary.weeks[0]
            when = f"{row.start.strftime('%a %d %b')} – {row.end.strftime('%a %d %b %Y')}"
            lines.append(Content(f"Week of {when}" + (" (this week)" if current else "")))
            lines.append(Content(_cell_line(action, row.cells[action_id], current)))
            lines.append(Content(standing(streak)))
            notes = [
                e for e in logs_between(data.snapshot.logs, action_id, row.start, row.end) if e.note
            ]
            for entry in notes[:NOTES_SHOWN]:
                first_line = entry.note.strip().splitlines()[0]
                lines.append(
                    Content(f"{entry.date.strftime('%a %d')}: ") + user_content(first_line)
                )
            if len(notes) > NOTES_SHOWN:
                lines.append(Content(f"… and {len(notes) - NOTES_SHOWN} more notes (History, h)."))
        pane.update(Content("\n").join(lines))

    def _streak_lines(self, data: AppData) -> Content:
        """A small table: streak now, best, periods met of those counted, rate, strength."""
        width = min(NAME_MAX, max((cell_width(a.name) for a in data.summary.actions), default=0))
        lines = [
            Content(
                f"{'Action':<{width}}  {'now':>6} {'best':>6} {'met':>8} {'rate':>5} {'strength':>8}"
            ).stylize("dim")
        ]
        for action in data.summary.actions:
            streak = data.summary.streaks.get(action.id)
            if streak is None:
                continue
            name = pad(action.name, width)
            rate = "–" if streak.rate is None else percent(streak.rate)
            met = (
                f"{streak.met_periods}/{streak.counted_periods}" if streak.counted_periods else "–"
            )
            figures = (
                f"  {streak_short(streak):>6} {count_short(streak.best, streak.unit):>6} "
                f"{met:>8} {rate:>5} {percent(streak.strength):>8}"
            )
            lines.append(user_content(name) + Content(figures))
        if len(lines) == 1:
            return Content("No active actions.")
        lines.append(
            Content(
                "met: periods met of those counted since the start (a paused miss is skipped). "
                "Strength rises with each met period and eases down after a miss."
            ).stylize("dim")
        )
        return Content("\n").join(lines)

    # --- the heat map ---------------------------------------------------------------------------

    def action_heat_mode(self) -> None:
        self.heat_all = not self.heat_all
        if self.trust_app.data is not None:
            self._show_heat(self.trust_app.data)

    def _show_heat(self, data: AppData) -> None:
        title = self.query_one("#week-heat-title", Static)
        heat = self.query_one(HeatMap)
        week_start = data.snapshot.settings.week_start_index
        highlighted = self.query_one(StreakGrid).highlighted
        action = data.snapshot.action(highlighted[0]) if highlighted else None
        if self.heat_all or action is None:
            first = data.snapshot.logs[0].date if data.snapshot.logs else data.today
            heat.show(
                data.snapshot.logs, data.today, week_start, start=first, pauses=data.snapshot.pauses
            )
            title.update("Recent months · all actions (m: the highlighted action only)")
            return
        streak = data.streaks.get(action.id)
        logs = [e for e in data.snapshot.logs if e.action == action.id]
        heat.show(
            logs,
            data.today,
            week_start,
            start=streak.start if streak else None,
            pauses=data.snapshot.pauses,
        )
        title.update(
            Content("Recent months · ") + user_content(action.name) + Content(" (m: all actions)")
        )

    # --- the ratings ----------------------------------------------------------------------------

    def on_rating_chart_highlighted(self, event: RatingChart.Highlighted) -> None:
        pane = self.query_one("#week-rating-detail", Static)
        point = event.point
        if point is None:
            pane.update("")
            return
        head = Content(f"{point.day.strftime('%a %d %b %Y')} · {point.rating}/10").stylize("bold")
        pane.update(
            head + (Content("\n") + user_content(point.note) if point.note else Content(""))
        )

    @staticmethod
    def _trend_text(points: list[RatingPoint]) -> str:
        if not points:
            return (
                "No ratings yet. At a check-in your partner can say, if they wish, how much "
                "trust they feel this week (1-10). It is their number, not your score."
            )
        first, latest = points[0], points[-1]
        recent = [p.rating for p in points[-AVERAGE_OF:]]
        if len(points) == 1:
            return f"{latest.rating}/10 on {latest.day:%d %b %Y}."
        return (
            f"First {first.rating}/10 ({first.day:%d %b %Y}) → latest {latest.rating}/10 "
            f"({latest.day:%d %b %Y}) · average of the last {len(recent)}: "
            f"{sum(recent) / len(recent):.1f} · {len(points)} check-ins. "
            "The trend over months says more than any single week. ←/→ on the chart: answers."
        )
