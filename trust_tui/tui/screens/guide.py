"""Guide: the parts and steps in a list, the chosen one in a reading pane (docs/design.md §2).

The user's answers to a one-time step's prompts are very private and sometimes hard to write, so
no typed word is ever dropped: the answers are saved when a box loses focus, when another step is
chosen, when the screen is left, a moment after typing stops, and on ctrl+s; `unsaved_progress()`
lets the app take what is left in the boxes when it quits.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static, TextArea

from trust_tui.domain.models import StepProgress
from trust_tui.domain.validation import ValidationError, clean_text
from trust_tui.tui.messages import StepSaved
from trust_tui.tui.screens.base import DataScreen
from trust_tui.tui.widgets.guide_progress import GuideProgress, progress_line
from trust_tui.tui.widgets.prompt_answers import AnswerArea
from trust_tui.tui.widgets.step_list import StepList, part_option_id, step_option_id
from trust_tui.tui.widgets.step_reader import StepReader

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from trust_tui.guide import Guide, Step
    from trust_tui.session import AppData

__all__ = ["ANSWER_MAX_CHARS", "GuideScreen"]

ANSWER_MAX_CHARS = 20_000
"""Far above any reflection; only there so a pasted novel cannot bloat the data file."""
AUTOSAVE_SECONDS = 1.5
_KEEP: Any = object()


class GuideScreen(DataScreen):
    BINDINGS = [
        Binding("d", "toggle_done", "Mark done", id="guide.toggle_done"),
        # Short words, and the sources off the footer: at 80 columns the footer must still
        # show the safety note and quit (the Help screen lists every key).
        Binding(
            "ctrl+s", "save_answers", "Save", id="guide.save_answers", tooltip="Save your answers"
        ),
        Binding("r", "show_sources", "Sources", id="guide.show_sources", show=False),
        Binding("right_square_bracket", "next_step", "Next step", show=False, id="guide.next_step"),
        Binding(
            "left_square_bracket",
            "previous_step",
            "Previous step",
            show=False,
            id="guide.previous_step",
        ),
        Binding("escape", "focus_list", "Back to the list", show=False, id="guide.focus_list"),
    ]

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self._autosave: Timer | None = None
        self._first_done: dict[str, dt.date] = {}
        """Steps un-marked in this session, with the day they were first marked done: marking
        one again keeps that day rather than today."""

    @property
    def guide(self) -> Guide:
        guide = self.trust_app.guide
        assert guide is not None, "only used once the guide is known to be there"
        return guide

    def compose(self) -> ComposeResult:
        yield Header()
        if self.trust_app.guide is None:  # the content could not be read (the app said why)
            yield Static(
                Content(
                    "The guide's text could not be read, so it cannot be shown. The tracker works "
                    "as before; reinstalling trust-tui brings the guide back."
                ),
                classes="calm",
            )
            yield Footer()
            return
        yield GuideProgress(id="guide-progress")
        with Horizontal(id="guide-body"):
            yield StepList(id="step-list")
            yield StepReader()
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.trust_app.guide is not None

    def on_mount(self) -> None:
        if self.trust_app.guide is None:
            return
        # The list is filled here so the first open step can be selected; DataScreen then
        # shows the rest (progress, the selected step's marks).
        data = self.trust_app.data
        assert data is not None
        step_list = self.query_one(StepList)
        step_list.show_guide(self.guide, data.snapshot.steps)
        step_list.select_id(self._first_open_option(data))
        step_list.focus()

    def _first_open_option(self, data: AppData) -> str:
        """The first one-time step not yet done: where the person most likely wants to be."""
        for step in self.guide.ordered_steps():
            progress = data.snapshot.steps.get(step.id)
            if step.kind == "one-time" and not (progress and progress.done_on):
                return step_option_id(step.id)
        return part_option_id(self.guide.parts[-1].id)

    # --- showing -----------------------------------------------------------------------

    def show_data(self, data: AppData) -> None:
        """New data (ours or another process's): refresh marks, progress, the shown step."""
        if self.trust_app.guide is None:
            return
        self.query_one(StepList).show_guide(self.guide, data.snapshot.steps)
        self._show_progress(data)
        step = self.current_step
        reader = self.query_one(StepReader)
        if step is None:
            return
        progress = data.snapshot.steps.get(step.id)
        reader.show_progress(step, progress)
        reader.show_feeds(self._feeds(step, data))
        if reader.answers is not None:
            reader.answers.refresh_answers(progress.answers if progress else {})

    def _show_progress(self, data: AppData) -> None:
        snapshot = data.snapshot
        line = progress_line(
            self.guide,
            snapshot.steps,
            snapshot.logs,
            data.today,
            snapshot.settings.week_start_index,
        )
        self.query_one(GuideProgress).show_line(line)

    def _feeds(self, step: Step, data: AppData) -> list[str]:
        """Names of the actions the step feeds: its own, plus custom ones linked to it."""
        ids = list(step.actions)
        ids += [a.id for a in data.snapshot.actions if a.step == step.id and a.id not in ids]
        names = []
        for action_id in ids:
            action = data.snapshot.action(action_id)
            if action is None:
                continue
            every = "a day" if action.cadence == "day" else "a week"
            archived = ", archived" if action.archived else ""
            names.append(f"{action.name} ({action.target}× {every}{archived})")
        return names

    @property
    def current_step(self) -> Step | None:
        shown = self.query_one(StepReader).shown
        if shown and shown.startswith("step-"):
            return self.guide.steps.get(shown.removeprefix("step-"))
        return None

    @on(OptionList.OptionHighlighted, "#step-list")
    async def _on_highlight(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option_id or ""
        reader = self.query_one(StepReader)
        if option_id == reader.shown:
            return
        self.save_answers()
        data = self.trust_app.data
        if option_id.startswith("part-"):
            part = next(p for p in self.guide.parts if p.id == option_id.removeprefix("part-"))
            await reader.show_part(part)
        else:
            step = self.guide.steps[option_id.removeprefix("step-")]
            progress = data.snapshot.steps.get(step.id)
            await reader.show_step(step, progress, self._feeds(step, data), data.today)

    # --- saving ------------------------------------------------------------------------

    def save_answers(self, done_on: dt.date | None = _KEEP) -> bool:
        """Post the shown step's answers (and done mark) if anything changed.

        Returns False only when the text could not be saved (it stays in the box, with a note).
        """
        self._stop_autosave()
        try:
            progress = self._collect(done_on)
        except ValidationError as error:
            self.notify(str(error), title="Not saved yet", severity="warning", markup=False)
            return False
        if progress is not None:
            self.post_message(StepSaved(progress))
        return True

    def unsaved_progress(self) -> StepProgress | None:
        """The shown step's unsaved answers, now counted as saved; for the app to apply at once
        when it quits (a message posted then would never be handled). None if nothing changed
        or the text cannot be stored (too long: it is then left to the app's own warning)."""
        self._stop_autosave()
        try:
            return self._collect(_KEEP)
        except ValidationError:
            return None

    def _collect(self, done_on: dt.date | None) -> StepProgress | None:
        """The step's progress with the boxes' text merged in, or None if nothing changed."""
        step = self.current_step
        data = self.trust_app.data
        if step is None or data is None:
            return None
        reader = self.query_one(StepReader)
        texts = reader.answers.texts() if reader.answers else {}
        stored = data.snapshot.steps.get(step.id) or StepProgress(step.id)
        answers = dict(stored.answers)
        for prompt_id, text in texts.items():
            if text == stored.answers.get(prompt_id):
                continue  # unchanged: kept exactly as stored, even a control a script put there
            cleaned = clean_text(text, max_chars=ANSWER_MAX_CHARS, field="answer")
            if cleaned.strip():
                answers[prompt_id] = cleaned
            else:
                answers.pop(prompt_id, None)
        if reader.answers:
            reader.answers.mark_saved(texts)
        progress = StepProgress(step.id, stored.done_on if done_on is _KEEP else done_on, answers)
        return None if progress == stored else progress

    def _stop_autosave(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None

    @on(TextArea.Changed)
    def _on_answer_changed(self, event: TextArea.Changed) -> None:
        if isinstance(event.text_area, AnswerArea) and event.text_area.unsaved:
            self._stop_autosave()
            self._autosave = self.set_timer(AUTOSAVE_SECONDS, self.save_answers)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, AnswerArea):
            self.save_answers()

    def on_screen_suspend(self) -> None:
        if self.trust_app.guide is not None:
            self.save_answers()

    # --- actions -----------------------------------------------------------------------

    def action_save_answers(self) -> None:
        if self.current_step is None:
            return
        if self.save_answers():
            self.notify("Your answers are saved.", markup=False)

    def action_toggle_done(self) -> None:
        step = self.current_step
        if step is None:
            self.notify("Choose a step to mark it done.", markup=False)
            return
        if step.kind != "one-time":
            self.notify(
                "This step is ongoing: it is never done, it is kept up in the tracker.",
                markup=False,
            )
            return
        progress = self.trust_app.data.snapshot.steps.get(step.id)
        if progress is not None and progress.done_on is not None:
            self._ask_to_unmark(step.id, progress.done_on)
            return
        day = self._first_done.pop(step.id, self.trust_app.data.today)
        if self.save_answers(done_on=day):
            self.notify(f"Step {step.id} marked done. Well done for doing it.", markup=False)

    def _ask_to_unmark(self, step_id: str, done_on: dt.date) -> None:
        """One key never takes a mark away unasked: the date it was done on goes with it."""
        from trust_tui.tui.dialogs.confirm import ConfirmDialog

        question = Content(
            f"Take the done mark off step {step_id}?\n\nIt was marked done on "
            f"{done_on.isoformat()}. Your answers stay; marked again before you quit, it keeps "
            "that date."
        )

        def answered(yes: bool | None) -> None:
            if yes and self.current_step is not None and self.current_step.id == step_id:
                self._first_done[step_id] = done_on
                if self.save_answers(done_on=None):
                    self.notify(f"Step {step_id} is no longer marked done.", markup=False)

        self.app.push_screen(ConfirmDialog(question, yes="Unmark", no="Keep it"), answered)

    def action_show_sources(self) -> None:
        from trust_tui.tui.screens.sources import SourcesScreen

        self.app.push_screen(SourcesScreen(self.guide.sources))

    def _move(self, delta: int) -> None:
        step_list = self.query_one(StepList)
        index = (step_list.highlighted or 0) + delta
        if 0 <= index < step_list.option_count:
            step_list.highlighted = index

    def action_next_step(self) -> None:
        self._move(1)

    def action_previous_step(self) -> None:
        self._move(-1)

    def action_focus_list(self) -> None:
        self.query_one(StepList).focus()

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        # open_links=False: nothing is opened; the address is shown so it can be copied.
        event.stop()
        self.notify(event.href, title="Link", markup=False)
