"""Settings: the week start, the hour the day starts, the weekly check-in's day and time,
pauses, the theme; where the data file is.

The week start and the day's start change only how periods are cut, never an entry. The
check-in's day puts it first on Today on that day (and its time goes into the calendar export).
A pause (illness, travel, space) means nothing is due and no streak breaks meanwhile; the rules
for what may be paused are in `trust_tui.domain.pauses`. The theme is kept in the settings too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from trust_tui.domain.due import pause_on
from trust_tui.domain.models import PAUSE_REASONS, WEEKDAYS
from trust_tui.domain.pauses import pause_to_end
from trust_tui.domain.validation import ValidationError, parse_hhmm, parse_optional_time
from trust_tui.paths import display_path
from trust_tui.tui.messages import PauseRequested, ResumeRequested, SettingsChanged
from trust_tui.tui.screens.base import DataScreen
from trust_tui.tui.text import user_content

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
            yield Static(Content("Kept with your settings."), classes="setting-hint")
            yield from self._compose_checkin(data)
            yield from self._compose_pause()
            yield Label("Data file", classes="setting-label")
            yield Static(id="data-path")
            yield Static(
                Content("Daily backups, the newest 7, are kept beside it in backups/."),
                classes="setting-hint",
            )
        yield Footer()

    def _compose_checkin(self, data: AppData | None) -> ComposeResult:
        settings = data.snapshot.settings if data else None
        yield Label("Weekly check-in", classes="setting-label")
        yield Select(
            [("Not set", "none"), *[(day.capitalize(), day) for day in WEEKDAYS]],
            value=(settings.checkin_day if settings else None) or "none",
            allow_blank=False,
            id="checkin-day",
            compact=True,
        )
        yield Input(
            placeholder="HH:MM (empty: no time)", id="checkin-time", max_length=5, compact=True
        )
        yield Static(
            Content(
                "On that day Today puts the check-in first. The time goes into the calendar "
                "file of 'trust-tui export --format ics'. Press enter to apply the time."
            ),
            classes="setting-hint",
        )
        yield Static(id="checkin-time-error")

    def _compose_pause(self) -> ComposeResult:
        yield Label("Pause", classes="setting-label")
        yield Static(id="pause-status")
        yield Select(
            [(reason.capitalize(), reason) for reason in PAUSE_REASONS],
            value="illness",
            allow_blank=False,
            id="pause-reason",
            compact=True,
        )
        yield Input(
            placeholder="until YYYY-MM-DD (empty: until you resume)", id="pause-until", compact=True
        )
        with Horizontal(id="pause-buttons"):
            yield Button("Pause from today", id="pause-start", compact=True)
            yield Button("Resume today", id="pause-resume", compact=True)
        yield Static(
            Content(
                "While paused nothing is due and no streak breaks; a week you still kept counts. "
                "Space: for when your partner asked for it."
            ),
            classes="setting-hint",
        )
        yield Static(id="pause-error")

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
        checkin = self.query_one("#checkin-day", Select)
        if checkin.value != (settings.checkin_day or "none"):
            checkin.value = settings.checkin_day or "none"
        time = self.query_one("#checkin-time", Input)
        if not time.has_focus and not self.query_one("#checkin-time-error").has_class("-shown"):
            time.value = settings.checkin_time.strftime("%H:%M") if settings.checkin_time else ""
        self._show_pause(data)
        # A path is user data too (a folder may be named anything): plain Content, never markup.
        self.query_one("#data-path", Static).update(user_content(display_path(data.db_path)))

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

    # --- the check-in ----------------------------------------------------------------------

    @on(Select.Changed, "#checkin-day")
    def _on_checkin_day(self, event: Select.Changed) -> None:
        data = self.trust_app.data
        if data is None or event.value is Select.BLANK or event.value != event.select.value:
            return  # no data, or a stale event
        day = None if event.value == "none" else str(event.value)
        settings = data.snapshot.settings
        if day != settings.checkin_day:
            self.post_message(SettingsChanged(dataclasses.replace(settings, checkin_day=day)))
            said = (
                f"The weekly check-in is now on {day.capitalize()}."
                if day
                else "No check-in day is set."
            )
            self.notify(said, markup=False, timeout=3)

    @on(Input.Submitted, "#checkin-time")
    def _on_checkin_time_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_checkin_time()

    @on(Input.Blurred, "#checkin-time")
    def _on_checkin_time_blurred(self) -> None:
        self.apply_checkin_time()

    def apply_checkin_time(self) -> None:
        data = self.trust_app.data
        if data is None:
            return
        field = self.query_one("#checkin-time", Input)
        error = self.query_one("#checkin-time-error", Static)
        try:
            when = parse_optional_time(field.value) if field.value.strip() else None
        except ValidationError as problem:
            error.update(Content(str(problem)))
            error.add_class("-shown")
            return
        error.update("")
        error.remove_class("-shown")
        field.value = when.strftime("%H:%M") if when else ""
        settings = data.snapshot.settings
        if when != settings.checkin_time:
            self.post_message(SettingsChanged(dataclasses.replace(settings, checkin_time=when)))
            said = f"The check-in is now at {field.value}." if when else "No check-in time is set."
            self.notify(said, markup=False, timeout=3)

    # --- pauses ----------------------------------------------------------------------------

    def _show_pause(self, data: AppData) -> None:
        pauses = data.snapshot.pauses
        now = pause_on(pauses, data.today)
        ahead = pause_to_end(pauses, data.today)
        status = self.query_one("#pause-status", Static)
        if now is not None:
            until = f" until {now.until:%a %d %b %Y}" if now.until else " until you resume"
            status.update(Content(f"Paused ({now.reason}) since {now.start:%a %d %b %Y}{until}."))
        elif ahead is not None:
            status.update(Content(f"A pause ({ahead.reason}) starts on {ahead.start:%a %d %b %Y}."))
        else:
            status.update(Content("Not paused."))
        self.query_one("#pause-resume", Button).disabled = ahead is None
        self.query_one("#pause-start", Button).disabled = now is not None

    @on(Button.Pressed, "#pause-start")
    def _on_pause(self, event: Button.Pressed) -> None:
        event.stop()
        data = self.trust_app.data
        if data is None:
            return
        error = self.query_one("#pause-error", Static)
        text = self.query_one("#pause-until", Input).value.strip()
        until = None
        if text:
            try:
                until = dt.date.fromisoformat(text)
            except ValueError:
                error.update(
                    Content(f"'{text}' is not a date; write it as YYYY-MM-DD, or leave it empty.")
                )
                error.add_class("-shown")
                return
        error.update("")
        error.remove_class("-shown")
        reason = str(self.query_one("#pause-reason", Select).value)
        self.post_message(PauseRequested(reason, data.today, until))

    @on(Button.Pressed, "#pause-resume")
    def _on_resume(self, event: Button.Pressed) -> None:
        event.stop()
        data = self.trust_app.data
        if data is not None:
            self.post_message(ResumeRequested(data.today))
