"""Settings: the week start, the hour the day starts, the theme; where the data file is.

The week start and the day's start are stored (DESIGN §3) and change only how periods are cut,
never an entry. The theme is kept for this session only: the stored settings hold exactly the two
fields of DESIGN §3, and a colour choice is not worth a schema change.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Label, Select, Static

from trust_tui.domain.models import WEEKDAYS
from trust_tui.domain.validation import ValidationError, parse_hhmm
from trust_tui.paths import display_path
from trust_tui.tui.messages import SettingsChanged
from trust_tui.tui.screens.base import DataScreen

if TYPE_CHECKING:
    from trust_tui.session import AppData

__all__ = ["SettingsScreen"]


class SettingsScreen(DataScreen):
    BINDINGS = [
        Binding("ctrl+s", "apply_day_start", "Apply", id="settings.apply"),
    ]

    def compose(self) -> ComposeResult:
        data = self.trust_app.data
        # Start from the stored value: a Select that starts elsewhere and is then moved posts a
        # stale Changed for its first value, which must never be taken as the user's choice.
        week_start = data.snapshot.settings.week_start if data else "monday"
        yield Header()
        with VerticalScroll(id="settings"):
            yield Label("Week starts on", classes="setting-label")
            yield Select(
                [(day.capitalize(), day) for day in WEEKDAYS],
                value=week_start,
                allow_blank=False,
                id="week-start",
                compact=True,
            )
            yield Static(
                Content("Weekly actions count from this day. Changing it never changes an entry."),
                classes="setting-hint",
            )
            yield Label("The day starts at", classes="setting-label")
            yield Input(
                placeholder="HH:MM",
                id="day-starts-at",
                max_length=5,
                compact=True,
                select_on_focus=False,
            )
            yield Static(
                Content(
                    "Logged between midnight and this time, it counts for the day before "
                    "(00:00 to 11:59). Press enter to apply."
                ),
                classes="setting-hint",
            )
            yield Static(id="day-starts-error")
            yield Label("Theme", classes="setting-label")
            yield Select(
                [(name, name) for name in sorted(self.app.available_themes)],
                allow_blank=False,
                value=self.app.theme,
                id="theme",
                compact=True,
            )
            yield Static(
                Content("For this session; the data file keeps no colours."), classes="setting-hint"
            )
            yield Label("Data file", classes="setting-label")
            yield Static(id="data-path")
            yield Static(
                Content("Daily backups, the newest 7, are kept beside it in backups/."),
                classes="setting-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        # The theme can also change from the command palette: keep the choice in step.
        self.watch(self.app, "theme", self._show_theme, init=False)
        self.query_one("#week-start", Select).focus()

    def _show_theme(self, theme: str) -> None:
        select = self.query_one("#theme", Select)
        if select.value != theme:
            select.value = theme

    def show_data(self, data: AppData | None) -> None:
        if data is None:
            return
        settings = data.snapshot.settings
        week = self.query_one("#week-start", Select)
        if week.value != settings.week_start:
            week.value = settings.week_start
        day = self.query_one("#day-starts-at", Input)
        if not day.has_focus:  # never wipe what the person is typing
            day.value = settings.day_starts_at.strftime("%H:%M")
        # A path is user data too (a folder may be named anything): plain Content, never markup.
        self.query_one("#data-path", Static).update(Content(display_path(data.db_path)))

    @on(Select.Changed, "#week-start")
    def _on_week_start(self, event: Select.Changed) -> None:
        data = self.trust_app.data
        if data is None or event.value is Select.BLANK or event.value != event.select.value:
            return  # no data, or a stale event for a value the Select no longer shows
        settings = data.snapshot.settings
        if event.value != settings.week_start:
            self.post_message(
                SettingsChanged(dataclasses.replace(settings, week_start=str(event.value)))
            )
            self.notify(
                f"Weeks now start on {str(event.value).capitalize()}.", markup=False, timeout=3
            )

    @on(Select.Changed, "#theme")
    def _on_theme(self, event: Select.Changed) -> None:
        if event.value != event.select.value:
            return  # stale: the Select has moved on since
        if event.value is not Select.BLANK and event.value != self.app.theme:
            self.app.theme = str(event.value)

    @on(Input.Submitted, "#day-starts-at")
    def _on_day_start_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply_day_start()

    @on(Input.Blurred, "#day-starts-at")
    def _on_day_start_blurred(self) -> None:
        self.action_apply_day_start(leaving=True)

    def action_apply_day_start(self, leaving: bool = False) -> None:
        data = self.trust_app.data
        if data is None:
            return
        field = self.query_one("#day-starts-at", Input)
        error = self.query_one("#day-starts-error", Static)
        try:
            when = parse_hhmm(field.value)
        except ValidationError as problem:
            message = str(problem)
            if leaving:
                # Left with a time that was refused: show the setting again, and say so, so
                # the field never shows a time that is not the one in use.
                field.value = data.snapshot.settings.day_starts_at.strftime("%H:%M")
                message += f" The day still starts at {field.value}."
            error.update(Content(message))
            error.add_class("-shown")
            return
        error.update("")
        error.remove_class("-shown")
        field.value = when.strftime("%H:%M")
        settings = data.snapshot.settings
        if when != settings.day_starts_at:
            self.post_message(SettingsChanged(dataclasses.replace(settings, day_starts_at=when)))
            self.notify(f"The day now starts at {field.value}.", markup=False, timeout=3)
