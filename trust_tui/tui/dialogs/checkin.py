"""The guided weekly check-in: short agenda prompts and the partner's 1-10 trust rating.

The answers become the log's note, one line per prompt answered ("Appreciation: …"), and the
rating its rating. Every prompt is optional: the talk matters, not the form.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Static

from trust_tui.domain.validation import clean_text, parse_rating
from trust_tui.tui.dialogs.log_dialog import LogDialog
from trust_tui.tui.messages import LogRequested
from trust_tui.tui.widgets.form import form_row, text_field

__all__ = ["AGENDA", "CheckInDialog", "checkin_note"]

AGENDA: tuple[tuple[str, str, str], ...] = (
    # (field id, label in the note, prompt shown)
    ("appreciation", "Appreciation", "One thing you appreciated about them this week"),
    ("went-well", "Went well", "What went well between you"),
    ("concern", "Concern", "One concern (theirs or yours), just one"),
    ("need", "They need", "What they need from you"),
    ("plan", "Plan", "The plan for next week"),
)


def checkin_note(answers: dict[str, str]) -> str:
    lines = []
    for field, label, _ in AGENDA:
        text = " ".join(answers.get(field, "").split())
        if text:
            lines.append(f"{label}: {text}")
    return "\n".join(lines)


class CheckInDialog(LogDialog):
    heading = "Check-in"
    extra_classes = "dialog-compact"

    def compose_form(self) -> ComposeResult:
        yield Static(
            "Take turns; listen more than you speak. Write a few words for each, or skip any.",
            classes="dialog-help",
            markup=False,
        )
        for field, label, prompt in AGENDA:
            yield form_row(label, text_field(placeholder=prompt, id=f"agenda-{field}"))
        yield form_row(
            "Trust 1-10",
            text_field(
                placeholder="their rating, only if they want to give one",
                id="checkin-rating",
                restrict=r"[0-9]{0,2}",
            ),
        )

    def build(self) -> list[Message]:
        answers = {f: self.query_one(f"#agenda-{f}", Input).value for f, _, _ in AGENDA}
        note = clean_text(checkin_note(answers))
        raw = self.query_one("#checkin-rating", Input).value.strip()
        rating = parse_rating(raw) if raw else None
        return [LogRequested(self.action.id, self.day(), note, rating)]
