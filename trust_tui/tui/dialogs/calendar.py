"""One action's month calendar: the main way to log an earlier day, or take one back.

Arrows move a day cursor (never past today), enter logs the highlighted day (through the note or
check-in dialog when the action's kind has one), x removes that day's entry and u brings it
back, page up / page down change the month. Each day shows its count and `*` when a note was
written. The dialog saves nothing itself: it posts the app's messages, and shows each change as
the app publishes it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from trust_tui.domain.streaks import PauseCover
from trust_tui.domain.summary import logs_between
from trust_tui.tui.messages import EntryDeleted, EntryRestored
from trust_tui.tui.text import user_content

if TYPE_CHECKING:
    from trust_tui.domain.models import LogEntry
    from trust_tui.session import AppData
    from trust_tui.tui.app import TrustApp

__all__ = ["CalendarDialog", "day_mark", "month_days"]

CELL = 6


def month_days(year: int, month: int, week_start: int) -> list[list[dt.date | None]]:
    """The month as weeks (rows) of seven days starting on `week_start`; None outside it."""
    cal = calendar.Calendar(firstweekday=week_start)
    return [
        [d if d.month == month else None for d in week]
        for week in cal.monthdatescalendar(year, month)
    ]


def day_mark(entries: list[LogEntry], paused: bool) -> str:
    """Two cells after the day number: its count (`✓` for one) and `*` when a note exists."""
    if not entries:
        return "‖ " if paused else "  "
    count = "✓" if len(entries) == 1 else (str(len(entries)) if len(entries) < 10 else "+")
    return count + ("*" if any(e.note for e in entries) else " ")


class CalendarDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="calendar.close"),
        Binding("left", "move(-1)", "Day before", show=False, id="calendar.day_before"),
        Binding("right", "move(1)", "Day after", show=False, id="calendar.day_after"),
        Binding("up", "move(-7)", "Week before", show=False, id="calendar.week_before"),
        Binding("down", "move(7)", "Week after", show=False, id="calendar.week_after"),
        Binding("enter", "log", "Log this day", id="calendar.log"),
        Binding("x", "remove", "Remove its entry", id="calendar.remove"),
        Binding("u", "undo", "Undo", id="calendar.undo"),
        Binding("pageup", "month(-1)", "Month before", id="calendar.month_before"),
        Binding("pagedown", "month(1)", "Month after", id="calendar.month_after"),
    ]

    def __init__(self, action_id: str, day: dt.date) -> None:
        super().__init__(classes="dialog-screen")
        self.action_id = action_id
        self.day = day
        self._removed: list[LogEntry] = []

    @property
    def trust_app(self) -> TrustApp:
        return cast("TrustApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog calendar-dialog"):
            yield Static(id="calendar-title", classes="dialog-title")
            yield Static(id="calendar-month")
            yield Static(id="calendar-day", markup=False)
            yield Static(
                "enter log this day · x remove its entry · u undo · pgup/pgdn month · esc close",
                classes="dialog-help",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.trust_app.data_changed.subscribe(self, self.show_data)
        if self.trust_app.data is not None:
            self.show_data(self.trust_app.data)

    def _entries(self, data: AppData) -> dict[dt.date, list[LogEntry]]:
        first = self.day.replace(day=1) - dt.timedelta(days=7)
        last = first + dt.timedelta(days=50)
        by_day: dict[dt.date, list[LogEntry]] = {}
        for entry in logs_between(data.snapshot.logs, self.action_id, first, last):
            by_day.setdefault(entry.date, []).append(entry)
        return by_day

    def show_data(self, data: AppData) -> None:
        action = data.snapshot.action(self.action_id)
        if action is None:
            self.dismiss(None)
            return
        self.day = min(self.day, data.today)
        self.query_one("#calendar-title", Static).update(
            Content("Calendar: ").stylize("bold") + user_content(action.name)
        )
        entries = self._entries(data)
        paused = PauseCover(data.snapshot.pauses)
        week_start = data.snapshot.settings.week_start_index
        streak = data.streaks.get(self.action_id)
        start = streak.start if streak else None
        grid = Text(no_wrap=True)
        grid.append(f"{self.day:%B %Y}".center(7 * CELL).rstrip() + "\n", style="bold")
        for i in range(7):
            grid.append(calendar.day_abbr[(week_start + i) % 7].rjust(4).ljust(CELL), style="dim")
        grid.append("\n")
        for week in month_days(self.day.year, self.day.month, week_start):
            for day in week:
                if day is None:
                    grid.append(" " * CELL)
                    continue
                cell = f"{day.day:>3}" + day_mark(
                    entries.get(day, []), bool(paused) and paused.covers(day.toordinal())
                )
                cell = cell.ljust(CELL)
                if day == self.day:
                    style = "reverse bold"
                elif day > data.today or (start is not None and day < start):
                    style = "dim"
                else:
                    style = ""
                grid.append(cell[:-1], style=style)
                grid.append(" ")
            grid.append("\n")
        grid.append("✓ logged · 2 twice … · * a note · ‖ paused · dim: future or before it started")
        self.query_one("#calendar-month", Static).update(grid)
        self._show_day(data, entries.get(self.day, []))

    def _show_day(self, data: AppData, entries: list[LogEntry]) -> None:
        fmt = "%A %d %B" if self.day.year == data.today.year else "%A %d %B %Y"
        head = self.day.strftime(fmt) + (" (today)" if self.day == data.today else "")
        if not entries:
            body = "Nothing logged. enter logs it."
        else:
            body = f"{len(entries)} logged." + "".join(
                f"\n· {e.note.strip().splitlines()[0]}" for e in entries if e.note.strip()
            )
        text = Content(head).stylize("bold") + Content("\n") + user_content(body)
        self.query_one("#calendar-day", Static).update(text)

    def _refresh(self) -> None:
        if self.trust_app.data is not None:
            self.show_data(self.trust_app.data)

    def action_move(self, days: int) -> None:
        data = self.trust_app.data
        if data is None:
            return
        day = self.day + dt.timedelta(days=days)
        if day > data.today:
            self.notify("Future days cannot be logged yet.", markup=False, timeout=2)
            day = data.today
        self.day = day
        self._refresh()

    def action_month(self, step: int) -> None:
        data = self.trust_app.data
        if data is None:
            return
        import pendulum  # the calendar's month arithmetic; only when a month is turned

        # 31 January + 1 month is 28 (or 29) February: pendulum keeps the day in the month.
        moved = pendulum.date(self.day.year, self.day.month, self.day.day).add(months=step)
        self.day = min(dt.date(moved.year, moved.month, moved.day), data.today)
        self._refresh()

    def action_log(self) -> None:
        data = self.trust_app.data
        if data is None or self.day > data.today:
            return
        self.trust_app.start_log(self.action_id, day=self.day)

    def action_remove(self) -> None:
        data = self.trust_app.data
        if data is None:
            return
        entries = self._entries(data).get(self.day, [])
        if not entries:
            self.notify("Nothing logged that day.", markup=False, timeout=3)
            return
        entry = entries[-1]  # the latest written that day
        self._removed.append(entry)
        self.post_message(EntryDeleted(entry.uid))
        when = self.day.strftime("%a %d %b" if self.day.year == data.today.year else "%a %d %b %Y")
        self.notify(f"Removed the entry of {when}. Press u to bring it back.", markup=False)

    def action_undo(self) -> None:
        if not self._removed:
            self.notify("Nothing to undo.", markup=False, timeout=3)
            return
        entry = self._removed.pop()
        self.day = entry.date
        self.post_message(EntryRestored(entry))

    def action_close(self) -> None:
        self.dismiss(None)

    def on_unmount(self, event: Any) -> None:
        self.trust_app.data_changed.unsubscribe(self)
