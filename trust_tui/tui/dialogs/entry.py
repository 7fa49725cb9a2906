"""Edit one entry: its date, note and (for a rated action) rating."""

from __future__ import annotations

import dataclasses
import datetime as dt

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Label, TextArea

from trust_tui.domain.models import Action, LogEntry
from trust_tui.domain.validation import clean_text, parse_date, parse_rating
from trust_tui.domain.wording import day_words
from trust_tui.tui.dialogs.log_dialog import LogDialog
from trust_tui.tui.messages import EntryEdited
from trust_tui.tui.text import user_str
from trust_tui.tui.widgets.form import form_row, text_field

__all__ = ["EntryDialog"]


class EntryDialog(LogDialog):
    heading = "Edit"

    def __init__(self, entry: LogEntry, action: Action, today: dt.date) -> None:
        super().__init__(action, today, backfill=False)
        self.entry = entry

    @property
    def draft_key(self) -> tuple[str, str]:
        return ("edit", self.entry.uid)

    @property
    def draft_label(self) -> str:
        return f"{self.action.name}, {day_words(self.entry.date)} (an edit)"

    def compose_form(self) -> ComposeResult:
        yield form_row("Date", text_field(self.entry.date.isoformat(), id="log-date"))
        yield Label("Note")
        area = TextArea(id="log-note", soft_wrap=True, show_line_numbers=False)
        area.text = user_str(self.entry.note)  # a TextArea would pass escape sequences on
        yield area
        if self.action.rated or self.entry.rating is not None:
            rating = "" if self.entry.rating is None else str(self.entry.rating)
            yield form_row(
                "Rating 1-10", text_field(rating, placeholder="optional", id="log-rating")
            )

    def focus_first(self) -> None:
        # The note is what one comes to change: start there, after its words (the date, first
        # in the form, was replaced by the first key typed when it had the focus).
        note = self.query_one("#log-note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)

    def build(self) -> list[Message]:
        day = parse_date(self.query_one("#log-date", Input).value, self.today)
        text = self.query_one("#log-note", TextArea).text
        # An unchanged note goes back as stored, never as the box shows it (with stand-ins).
        note = self.entry.note if text == user_str(self.entry.note) else clean_text(text.strip())
        rating = self.entry.rating
        ratings = self.query("#log-rating")
        if ratings:
            raw = self.query_one("#log-rating", Input).value.strip()
            rating = parse_rating(raw) if raw else None
        entry = dataclasses.replace(self.entry, date=day, note=note, rating=rating)
        return [EntryEdited(entry)]
