"""Today's list of active actions: progress this period, current streak, guide step."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from trust_tui.domain.models import Action
from trust_tui.domain.streaks import StreakInfo
from trust_tui.domain.wording import count_short, progress_label, streak_short
from trust_tui.tui.text import user_cell

__all__ = ["ActionList", "streak_cell"]


def streak_cell(streak: StreakInfo) -> Text:
    """'5 wk'; a broken streak shows the best run, never a bare zero."""
    if streak.current:
        return Text(streak_short(streak), style="bold")
    if streak.best:
        return Text(f"best {count_short(streak.best, streak.unit)}", style="dim")
    return Text("new", style="dim")


NAME_CELLS = 32
"""A long name is cut here so progress and streak stay in view at 80 columns; the line under
the table shows it whole."""


def _cut(name: str, cells: int) -> Text:
    text = user_cell(name, no_wrap=True)
    text.truncate(cells, overflow="ellipsis")  # counts cells, so CJK names are cut right too
    return text


class ActionList(DataTable[Text]):
    """Rows keyed by action id; user text (names) only ever as `Text`."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.add_column("Action", key="name")
        self.add_column("This period", key="progress")
        self.add_column("Streak", key="streak")
        self.add_column("Step", key="step")

    def _theme_colour(self, name: str) -> str:
        # A theme variable resolved at render time, so the app's theme decides the colour.
        return self.app.theme_variables.get(name, "")

    @property
    def highlighted_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value

    def show(self, actions: tuple[Action, ...], streaks: dict[str, StreakInfo]) -> None:
        """Rebuild the rows, keeping the highlighted action highlighted."""
        keep = self.highlighted_id
        self.clear()
        for action in actions:
            streak = streaks.get(action.id)
            if streak is None:
                continue
            done = streak.this_period.met
            progress = Text(
                progress_label(action, streak.this_period), style="bold" if done else ""
            )
            if done:
                progress.stylize(self._theme_colour("success"))
            self.add_row(
                _cut(action.name, NAME_CELLS),
                progress,
                streak_cell(streak),
                user_cell(action.step or "–"),
                key=action.id,
            )
        if keep is not None and keep in {a.id for a in actions}:
            self.move_cursor(row=self.get_row_index(keep))
