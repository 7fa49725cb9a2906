"""The user's own answers to a one-time step's reflection prompts: one text box per prompt.

The widget keeps, per prompt, the text it last loaded or saved (its "baseline"), so it can tell
what is still unsaved and never overwrite a box the person is typing in when fresh data arrives.
Saving itself is the screen's job (it posts `StepSaved`); this widget only holds the text.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from trust_tui.guide import Prompt
from trust_tui.tui.text import user_str

__all__ = ["AnswerArea", "PromptAnswers"]


class AnswerArea(TextArea):
    """A plain-text box for one prompt's answer (never highlighted as code, never markup)."""

    def __init__(self, prompt: Prompt, text: str, *, id: str) -> None:
        shown = user_str(text)  # a TextArea would pass an escape sequence to the terminal
        super().__init__(
            shown,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=Content("Write here, in your own words. It saves when you leave the box."),
            id=id,
            classes="answer-area",
        )
        self.prompt_id = prompt.id
        self.stored = text
        """The answer as last loaded from, or saved to, the data file."""
        self.baseline = shown
        """`stored` as the box shows it (controls made visible)."""

    def on_mount(self) -> None:
        # Going back into an answer carries on after the words already there.
        self.move_cursor(self.document.end)

    @property
    def unsaved(self) -> bool:
        return self.text != self.baseline

    @property
    def value(self) -> str:
        """What to save: the stored answer exactly while the box is unchanged, else the text."""
        return self.text if self.unsaved else self.stored

    def show_stored(self, text: str) -> None:
        self.stored = text
        self.baseline = user_str(text)


class PromptAnswers(Vertical):
    """One labelled `AnswerArea` per prompt of a step."""

    def __init__(
        self, step_id: str, prompts: tuple[Prompt, ...], answers: Mapping[str, str]
    ) -> None:
        super().__init__(id="step-answers")
        self.step_id = step_id
        self._prompts = prompts
        self._answers = dict(answers)

    def compose(self) -> ComposeResult:
        yield Static(Content("Your answers"), classes="answers-title")
        for index, prompt in enumerate(self._prompts, start=1):
            yield Static(Content(prompt.text), classes="prompt-text")
            yield AnswerArea(prompt, self._answers.get(prompt.id, ""), id=f"answer-{index}")

    @property
    def areas(self) -> list[AnswerArea]:
        return list(self.query(AnswerArea))

    @property
    def unsaved(self) -> bool:
        return any(area.unsaved for area in self.areas)

    def texts(self) -> dict[str, str]:
        """Every prompt's current text, keyed by prompt id (unsaved edits included)."""
        return {area.prompt_id: area.value for area in self.areas}

    def mark_saved(self, texts: Mapping[str, str]) -> None:
        for area in self.areas:
            if area.prompt_id in texts:
                area.show_stored(texts[area.prompt_id])

    def refresh_answers(self, stored: Mapping[str, str]) -> None:
        """Show answers written elsewhere (another process), but only in boxes with no unsaved
        edits that the person is not typing in: their words always win."""
        for area in self.areas:
            new = stored.get(area.prompt_id, "")
            if area.unsaved or area.has_focus or new == area.stored:
                continue
            area.show_stored(new)
            area.load_text(area.baseline)
            area.move_cursor(area.document.end)
