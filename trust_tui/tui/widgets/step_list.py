"""The guide's table of contents: each part, then its steps with a done mark."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from trust_tui.domain.models import StepProgress
from trust_tui.guide import Guide, Part, Step

__all__ = ["StepList", "part_option_id", "step_option_id"]


def part_option_id(part_id: str) -> str:
    return f"part-{part_id}"


def step_option_id(step_id: str) -> str:
    return f"step-{step_id}"


def _grid(left: str, right: str, style: str = "") -> Table:
    """Two columns; a long title ends in an ellipsis (one line per step keeps the whole guide in
    view at 80×24; the reading pane shows the full title). Text cells: a Rich table would read
    plain strings as markup."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_row(Text(left, style=style), Text(right, style=style))
    return grid


def _part_prompt(part: Part) -> Table:
    return _grid(f"Part {part.id}", part.title, "bold")


def _step_prompt(step: Step, progress: StepProgress | None) -> Table:
    if step.kind == "ongoing":
        mark = "↻"
    elif progress and progress.done_on:
        mark = "✓"
    else:
        mark = "·"
    return _grid(f" {mark} {step.id}", step.title)


class StepList(OptionList):
    """Parts and steps; the highlighted option is what the reading pane shows."""

    def show_guide(self, guide: Guide, steps: Mapping[str, StepProgress]) -> None:
        """Fill the list once; later calls only refresh the done marks (keeps the highlight)."""
        if self.option_count:
            for step in guide.ordered_steps():
                self.replace_option_prompt(
                    step_option_id(step.id), _step_prompt(step, steps.get(step.id))
                )
            return
        options: list[Option] = []
        for part in guide.parts:
            options.append(Option(_part_prompt(part), id=part_option_id(part.id)))
            options.extend(
                Option(_step_prompt(s, steps.get(s.id)), id=step_option_id(s.id))
                for s in part.steps
            )
        self.add_options(options)

    def select_id(self, option_id: str) -> None:
        self.highlighted = self.get_option_index(option_id)
