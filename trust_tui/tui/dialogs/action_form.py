"""A dialog to add or edit an action: name, how often, how many times, guide step, description.

It returns the finished `Action` (or None when cancelled) and saves nothing itself: the caller
posts `ActionSaved`. Reusable wherever an action is born, e.g. from a need the partner named
(`ActionForm(None, actions, steps, name=need)`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Select, Static

from trust_tui.domain.models import CADENCES, Action
from trust_tui.domain.validation import (
    ValidationError,
    check_unique_name,
    clean_name,
    clean_text,
    parse_target,
    unique_slug,
)
from trust_tui.tui import drafts
from trust_tui.tui.text import user_str
from trust_tui.tui.widgets.form import form_row, text_field

__all__ = ["DESCRIPTION_MAX_CHARS", "NO_STEP", "ActionForm", "build_action"]

DESCRIPTION_MAX_CHARS = 500
NO_STEP = "none"
CADENCE_CHOICES = tuple((f"Every {cadence}", cadence) for cadence in CADENCES)


def build_action(
    original: Action | None,
    actions: Sequence[Action],
    *,
    name: str,
    cadence: str,
    target: str,
    step: str,
    description: str,
    today: dt.date | None = None,
) -> Action:
    """The action the form describes; raises ValidationError with one clear sentence.

    A new action is `created` on `today` (the app's logical today): nothing before it counts.
    """
    clean = check_unique_name(
        clean_name(name, field="name"), actions, original.id if original else None
    )
    count = parse_target(target)
    if cadence not in CADENCES:
        raise ValidationError("Choose how often: every day or every week.")
    text = clean_text(description, max_chars=DESCRIPTION_MAX_CHARS, field="description").strip()
    fields = {
        "name": clean,
        "cadence": cadence,
        "target": count,
        "step": None if step in ("", NO_STEP) else step,
        "description": text,
    }
    if original is not None:
        return dataclasses.replace(original, **fields)  # the id stays: history points to it
    taken = {a.id for a in actions}
    order = max((a.order for a in actions), default=0) + 1
    return Action(id=unique_slug(clean, taken), order=order, created=today, **fields)  # type: ignore[arg-type]


class ActionForm(drafts.DraftDialog[Action]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="action_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="action_form.save"),
        # Typed into a text box, ! is just a letter; on a button or a choice it opens the note.
        Binding(
            "exclamation_mark", "app.safety", "Safety note", show=False, id="action_form.safety"
        ),
    ]

    def __init__(
        self,
        original: Action | None,
        actions: Sequence[Action],
        steps: Sequence[tuple[str, str]],
        *,
        name: str = "",
        description: str = "",
    ) -> None:
        """`steps` are (step id, title) pairs for the guide-step choice."""
        super().__init__(classes="dialog-screen action-form-screen")
        self.original = original
        self.actions = tuple(actions)
        self.steps = tuple(steps)
        # Inputs would pass escape sequences on: they show controls made visible.
        self._name = user_str(original.name if original else name)
        self._description = user_str(original.description if original else description)
        self.draft_key = ("action", original.id if original else "new")

    def compose(self) -> ComposeResult:
        action = self.original
        title = "Edit action" if action else "New action"
        step_options = [("No guide step", NO_STEP)] + [(f"{i} {t}", i) for i, t in self.steps]
        step_value = action.step if action and action.step in dict(self.steps) else NO_STEP
        with Vertical(id="action-form", classes="dialog"):
            yield Static(Content(title), classes="dialog-title")
            yield form_row(
                "Name", text_field(self._name, placeholder="What you will do", id="form-name")
            )
            yield form_row(
                "How often",
                Select(
                    CADENCE_CHOICES,
                    value=action.cadence if action else "week",
                    allow_blank=False,
                    id="form-cadence",
                    compact=True,
                ),
            )
            yield form_row(
                "Times each",
                text_field(str(action.target if action else 1), type="integer", id="form-target"),
            )
            yield form_row(
                "Guide step",
                Select(
                    step_options, value=step_value, allow_blank=False, id="form-step", compact=True
                ),
            )
            yield form_row(
                "Description",
                text_field(
                    self._description,
                    placeholder="Optional: why it matters, what it looks like",
                    id="form-description",
                ),
            )
            if action is not None:
                yield Static(
                    Content(
                        "Changing how often re-counts its streaks; the entries stay as they are."
                    ),
                    classes="dialog-help",
                )
            yield Static(id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="form-save")
                yield Button("Cancel  esc", id="form-cancel")
        yield Footer()  # the form's own keys, not those of the Actions screen behind it

    def on_mount(self) -> None:
        self.restore_draft()
        self.query_one("#form-name", Input).focus()

    def _value(self, selector: str) -> str:
        widget = self.query_one(selector)
        value = widget.value  # type: ignore[attr-defined]
        return "" if value is Select.BLANK else str(value)

    def action_save(self) -> None:
        data = getattr(self.app, "data", None)  # TrustApp's AppData (None in a bare test app)
        try:
            action = build_action(
                self.original,
                self.actions,
                name=self._value("#form-name"),
                cadence=self._value("#form-cadence"),
                target=self._value("#form-target"),
                step=self._value("#form-step"),
                description=self._value("#form-description"),
                today=data.today if data is not None else None,
            )
        except ValidationError as error:
            message = self.query_one("#form-error", Static)
            message.update(Content(str(error)))
            message.add_class("-shown")
            return
        self.close_saved(action)

    @property
    def draft_label(self) -> str:
        if self.original is not None:
            return f"changes to the action {self.original.name}"
        name = " ".join(self._value("#form-name").split())
        return f"a new action ({name})" if name else "a new action"

    @on(Input.Submitted)
    def _on_submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _on_save(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _on_cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
