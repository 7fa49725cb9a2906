"""The guide's reading pane: a part's intro or a step's text, what it feeds, and its answers.

Textual's Markdown widget costs ~0.18 s to import and build, so this module does not import it at
start-up and the pane builds it the first time it shows something (docs/design.md §8): the app's first
frame never pays for the guide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from trust_tui.domain.models import StepProgress
from trust_tui.guide import Part, Step
from trust_tui.tui.text import user_content
from trust_tui.tui.widgets.prompt_answers import PromptAnswers

if TYPE_CHECKING:
    from textual.widgets import Markdown

__all__ = ["StepReader", "step_status"]


def step_status(step: Step, progress: StepProgress | None) -> str:
    if step.kind == "ongoing":
        return "Ongoing: it lives on in the tracker, week after week; there is nothing to tick off."
    if progress and progress.done_on:
        return f"✓ Marked done on {progress.done_on.isoformat()}. Press d to unmark it."
    return "Not marked done yet. Take your time; press d when it feels done."


class StepReader(VerticalScroll):
    """Shows one part or one step. `answers` is the step's PromptAnswers, or None."""

    def __init__(self) -> None:
        super().__init__(id="step-reader")
        self.shown: str | None = None
        """'part-N' or 'step-X.Y': what is on display."""
        self.answers: PromptAnswers | None = None
        self._markdown: Markdown | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="step-heading")
        yield Static(id="step-status")
        yield Static(id="step-feeds")

    async def _body(self) -> Markdown:
        if self._markdown is None:
            # Imported here, not at the top: see the module docstring.
            from textual.widgets import Markdown

            self._markdown = Markdown(id="step-body", open_links=False)
            await self.mount(self._markdown, after="#step-feeds")
        return self._markdown

    def _set(self, widget_id: str, text: str) -> None:
        widget = self.query_one(f"#{widget_id}", Static)
        widget.update(user_content(text))  # may hold action names: user text
        widget.display = bool(text)

    async def show_part(self, part: Part) -> None:
        self.shown = f"part-{part.id}"
        await self._drop_answers()
        self._set("step-heading", f"Part {part.id} · {part.title}")
        self._set("step-status", part.summary)
        self._set("step-feeds", "")
        steps = "\n".join(f"- **{s.id}** {s.title}: {s.summary}" for s in part.steps)
        await (await self._body()).update(f"{part.body}\n\n### The steps\n\n{steps}\n")
        self._to_top()

    async def show_step(
        self,
        step: Step,
        progress: StepProgress | None,
        feeds: Sequence[str],
        today: dt.date,
    ) -> None:
        """`feeds` are the names of the actions the step feeds (user text: shown as Content)."""
        self.shown = f"step-{step.id}"
        await self._drop_answers()
        self._set("step-heading", f"Step {step.id} · {step.title}")
        self.show_progress(step, progress)
        self.show_feeds(feeds)
        await (await self._body()).update(step.body)
        if step.kind == "one-time" and step.prompts:
            self.answers = PromptAnswers(
                step.id, step.prompts, progress.answers if progress else {}
            )
            await self.mount(self.answers)
        self._to_top()

    def _to_top(self) -> None:
        self.scroll_home(animate=False)
        # Measure the lines again: updated while the pane was scrolled past them, they kept the
        # previous text's height (Textual skipped their layout), cutting a longer title's end.
        for line in self.query("#step-heading, #step-status, #step-feeds"):
            line.refresh(layout=True)

    def show_progress(self, step: Step, progress: StepProgress | None) -> None:
        self._set("step-status", step_status(step, progress))
        self.set_class(bool(progress and progress.done_on), "-done")

    def show_feeds(self, feeds: Sequence[str]) -> None:
        # Action names are user text: one Content, never markup.
        self._set("step-feeds", f"Feeds: {', '.join(feeds)}" if feeds else "")

    async def _drop_answers(self) -> None:
        if self.answers is not None:
            answers, self.answers = self.answers, None
            await answers.remove()
