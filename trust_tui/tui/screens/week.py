"""Week: the weekly streak summary, streaks, a heat map of recent months, the rating trend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Sparkline, Static

from trust_tui.domain.wording import count_units
from trust_tui.tui.screens.base import DataScreen
from trust_tui.tui.text import user_content
from trust_tui.tui.widgets.heat_map import HeatMap
from trust_tui.tui.widgets.streak_grid import StreakGrid

if TYPE_CHECKING:
    from trust_tui.session import AppData

__all__ = ["WeekScreen", "rating_points"]

RATED_ACTION = "weekly-check-in"
RATINGS_SHOWN = 26


def rating_points(data: AppData) -> list[tuple[str, int]]:
    """(date, rating) of the check-ins that carry one, oldest first, the latest few."""
    points = [
        (e.date.isoformat(), e.rating)
        for e in data.snapshot.logs
        if e.rating is not None and e.date <= data.today
    ]
    return points[-RATINGS_SHOWN:]  # type: ignore[return-value]


class WeekScreen(DataScreen):
    AUTO_FOCUS = "#week-body"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="week-body"):
            yield Static(id="week-title", classes="screen-title", markup=False)
            yield StreakGrid(id="week-grid")
            yield Static("Streaks", classes="section-title", markup=False)
            yield Static(id="week-streaks")
            yield Static("Recent months", classes="section-title", markup=False)
            yield HeatMap(id="week-heat")
            yield Static("Trust rating at check-ins", classes="section-title", markup=False)
            yield Sparkline([], id="week-trend")
            yield Static(id="week-trend-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#week-body").focus()

    def show_data(self, data: AppData) -> None:
        summary = data.summary
        self.query_one("#week-title", Static).update(
            f"The last {len(summary.weeks)} weeks · weeks start on {summary.week_start.capitalize()}"
        )
        self.query_one(StreakGrid).show(summary)
        self.query_one("#week-streaks", Static).update(self._streak_lines(data))
        self.query_one(HeatMap).show(
            data.snapshot.logs, data.today, data.snapshot.settings.week_start_index
        )
        points = rating_points(data)
        trend = self.query_one("#week-trend", Sparkline)
        trend.data = [float(r) for _, r in points]
        trend.display = len(points) > 1
        self.query_one("#week-trend-text", Static).update(self._trend_text(points))

    def _streak_lines(self, data: AppData) -> Content:
        lines: list[Content] = []
        width = max((len(a.name) for a in data.summary.actions), default=0)
        width = min(width, 24)
        for action in data.summary.actions:
            streak = data.summary.streaks.get(action.id)
            if streak is None:
                continue
            name = action.name if len(action.name) <= width else action.name[: width - 1] + "…"
            if streak.current:
                now = f"{count_units(streak.current, streak.unit)} now"
            elif streak.best:
                now = "a fresh start today" if streak.unit == "day" else "a fresh start this week"
            else:
                now = "not started yet"
            best = f" · best {count_units(streak.best, streak.unit)}" if streak.best else ""
            lines.append(user_content(name.ljust(width)) + Content(f"  {now}{best}"))
        return Content("\n").join(lines) if lines else Content("No active actions.")

    @staticmethod
    def _trend_text(points: list[tuple[str, int]]) -> str:
        if not points:
            return (
                "No ratings yet. At a check-in your partner can say, if they wish, how much "
                "trust they feel this week (1-10). It is their number, not your score."
            )
        latest_day, latest = points[-1]
        first_day, first = points[0]
        if len(points) == 1:
            return f"{latest}/10 on {latest_day}."
        return (
            f"{first}/10 on {first_day} → {latest}/10 on {latest_day} ({len(points)} check-ins). "
            "The trend over months says more than any single week."
        )
