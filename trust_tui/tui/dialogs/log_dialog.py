"""Log with a note, or for an earlier date (backfill): a small modal form, and the frame the
other log dialogs (check-in, needs, edit) fill with their own fields.

Input is checked here, before the dialog closes, so a too-long note or a bad date is
explained next to what was typed and nothing typed is ever thrown away. The dialog saves
nothing itself: it dismisses with the messages to post (None when cancelled).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from trust_tui.domain.models import Action
from trust_tui.domain.validation import ValidationError, clean_text, parse_date, parse_rating
from trust_tui.domain.wording import day_words
from trust_tui.tui import drafts
from trust_tui.tui.messages import LogRequested
from trust_tui.tui.text import user_content
from trust_tui.tui.widgets.form import form_row, text_field

__all__ = ["FAR_BACK_DAYS", "LogDialog", "day_label", "far_back_question", "is_far_back"]

FAR_BACK_DAYS = 60
"""A day further back than this is confirmed before it is logged, with its year named."""


def is_far_back(day: dt.date, today: dt.date) -> bool:
    return (today - day).days > FAR_BACK_DAYS


def day_label(day: dt.date, today: dt.date) -> str:
    """`Fri 27 Nov`, with the year when it is not this year's."""
    return day.strftime("%a %d %b" if day.year == today.year else "%a %d %b %Y")


def far_back_question(day: dt.date, today: dt.date) -> Content:
    days = (today - day).days
    return Content(f"Log it for {day.strftime('%A %d %B %Y')}?\n\n").stylize("bold") + Content(
        f"That is {days} days ago, in {day.year}. Logging long ago is fine when you mean it."
    )


class LogDialog(drafts.DraftDialog[list[Message]]):
    """Shared frame: a title, an optional date field, the form, an error line, buttons."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
    ]
    heading = "Log"
    extra_classes = ""

    def __init__(
        self,
        action: Action,
        today: dt.date,
        *,
        backfill: bool = False,
        day: dt.date | None = None,
    ) -> None:
        """`day`: log for this date, already chosen (the calendar); no date field then."""
        super().__init__(classes="dialog-screen")
        self.action = action
        self.today = today
        self.backfill = backfill and day is None
        self.fixed_day = day
        self._far_confirmed: dt.date | None = None

    @property
    def draft_key(self) -> tuple[str, str]:
        """Which draft this dialog keeps: the words for one action (whatever the date)."""
        return ("log", self.action.id)

    @property
    def draft_label(self) -> str:
        """The draft in words, for the quit warning: the action and the day."""
        try:
            day = self.day()
        except ValidationError:
            day = self.today
        return f"{self.action.name}, {day_words(day)}"

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"dialog {self.extra_classes}"):
            title = Content(f"{self.heading}: ").stylize("bold") + user_content(self.action.name)
            if self.fixed_day is not None and self.fixed_day != self.today:
                title += Content(f" · {day_label(self.fixed_day, self.today)}")
            yield Static(title, classes="dialog-title")
            if self.backfill:
                yield form_row(
                    "Date",
                    text_field(
                        (self.today - dt.timedelta(days=1)).isoformat(),
                        placeholder="YYYY-MM-DD, yesterday, -3, friday",
                        id="log-date",
                    ),
                )
            yield from self.compose_form()
            yield Static("", id="dialog-error", classes="-empty", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", id="dialog-save", variant="primary")
                yield Button("Cancel  esc", id="dialog-cancel")
        yield Footer()

    def compose_form(self) -> ComposeResult:
        yield Label("Note (optional; only you see it)")
        yield TextArea(id="log-note", soft_wrap=True, show_line_numbers=False)
        if self.action.rated:
            yield form_row("Rating 1-10", text_field(placeholder="optional", id="log-rating"))

    def on_mount(self) -> None:
        self.restore_draft()
        self.focus_first()

    def focus_first(self) -> None:
        self.query("#log-date, Input, TextArea").first().focus()

    def day(self) -> dt.date:
        if self.fixed_day is not None:
            return self.fixed_day
        if not self.backfill:
            return self.today
        return parse_date(self.query_one("#log-date", Input).value, self.today)

    def build(self) -> list[Message]:
        """The messages to post on save (raises ValidationError to keep the dialog open)."""
        note = clean_text(self.query_one("#log-note", TextArea).text.strip())
        rating = None
        if self.action.rated:
            raw = self.query_one("#log-rating", Input).value.strip()
            rating = parse_rating(raw) if raw else None
        return [LogRequested(self.action.id, self.day(), note, rating)]

    def show_error(self, error: Exception) -> None:
        line = self.query_one("#dialog-error", Static)
        line.update(str(error))
        line.set_class(not str(error), "-empty")

    def action_save(self) -> None:
        try:
            messages = self.build()
        except ValidationError as error:
            self.show_error(error)
            return
        day = self.day()
        if self.backfill and is_far_back(day, self.today) and self._far_confirmed != day:
            self._ask_far_back(day)
            return
        self.close_saved(messages)

    def _ask_far_back(self, day: dt.date) -> None:
        """A typed date long ago is more often a slip of the keys than a memory: ask once."""
        from trust_tui.tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._far_confirmed = day
                self.action_save()

        self.app.push_screen(
            ConfirmDialog(
                far_back_question(day, self.today),
                yes="Log it",
                no="Change the date",
                destructive=False,
            ),
            answered,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "dialog-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()
