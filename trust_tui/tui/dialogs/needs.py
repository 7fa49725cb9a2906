"""Log "ask what they need": keep the partner's answer, and turn a need into an action.

A need your partner names is worth tracking like any other promise: one field here makes it a
weekly custom action (target 1, linked to guide step 3.2) without leaving the dialog.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Label, TextArea

from trust_tui.domain.models import Action
from trust_tui.domain.validation import check_unique_name, clean_name, unique_slug
from trust_tui.tui.dialogs.log_dialog import LogDialog
from trust_tui.tui.messages import ActionSaved
from trust_tui.tui.widgets.form import form_row, text_field

__all__ = ["NeedsDialog", "need_action"]

NEEDS_STEP = "3.2"


def need_action(name: str, actions: tuple[Action, ...], today: dt.date | None = None) -> Action:
    """A new weekly action for a need the partner named, created on `today`."""
    clean = check_unique_name(clean_name(name, field="action name"), actions)
    return Action(
        id=unique_slug(clean, {a.id for a in actions}),
        name=clean,
        cadence="week",
        target=1,
        step=NEEDS_STEP,
        description="Something your partner said they need from you.",
        order=max((a.order for a in actions), default=0) + 1,
        created=today,
    )


class NeedsDialog(LogDialog):
    heading = "Log"

    def __init__(
        self,
        action: Action,
        today: dt.date,
        actions: tuple[Action, ...],
        *,
        backfill: bool = False,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(action, today, backfill=backfill, day=day)
        self.actions = actions
        """Every action so far: a new one gets an id none of them has."""

    def compose_form(self) -> ComposeResult:
        yield Label("What did they say they need? (their words, as close as you can)")
        yield TextArea(id="log-note", soft_wrap=True, show_line_numbers=False)
        yield Label("Turn one need into something you track weekly (optional):")
        yield form_row(
            "New action",
            text_field(placeholder="e.g. Text when I'm running late", id="need-action"),
        )

    def build(self) -> list[Message]:
        messages = super().build()
        name = self.query_one("#need-action", Input).value
        if name.strip():
            messages.append(ActionSaved(need_action(name, self.actions, self.today)))
        return messages
