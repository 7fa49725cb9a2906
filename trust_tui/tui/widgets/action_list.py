"""Today's list of active actions: progress this period, current streak, guide step, whether it
is still due, and when it was last done."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from trust_tui.domain.due import DueList
from trust_tui.domain.models import Action
from trust_tui.domain.streaks import StreakInfo
from trust_tui.domain.text import fit
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
"""A long name is cut at most here, and shorter on a narrow terminal, so the other columns stay
in view at 80 columns; the line under the table shows it whole."""
OTHER_CELLS = 59
"""The widest the other columns get, with the cells' padding ('✓ 3/3 this week', 'best 10 wk',
'3.5', 'paused', '123 days ago')."""


COLUMNS = (
    ("Action", "name"),
    ("This period", "progress"),
    ("Streak", "streak"),
    ("Step", "step"),
    ("Due", "due"),
    ("Last done", "last"),
)


class ActionList(DataTable[Text]):
    """Rows keyed by action id; user text (names) only ever as `Text`."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        # Labels as Text: a string label is parsed as Rich markup, whose first use imports
        # Rich's emoji table (~10 ms of the first frame, docs/design.md §8).
        for label, key in COLUMNS:
            self.add_column(Text(label), key=key)

    def _theme_colour(self, name: str) -> str:
        # A theme variable resolved at render time, so the app's theme decides the colour.
        return self.app.theme_variables.get(name, "")

    @property
    def highlighted_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value

    def show(
        self,
        actions: tuple[Action, ...],
        streaks: dict[str, StreakInfo],
        due: DueList | None = None,
        last_done: dict[str, str] | None = None,
    ) -> None:
        """Rebuild the rows, keeping the highlighted action highlighted.

        With `due`, what is due comes in its order (the check-in first on its day) and is
        marked; while a pause covers today every row says "paused" instead.
        """
        keep = self.highlighted_id
        self.clear()
        open_ids = {item.action.id: item for item in due.items} if due else {}
        if due is not None and due.items and due.items[0].checkin_today:
            first = due.items[0].action.id
            actions = tuple(sorted(actions, key=lambda a: a.id != first))
        last_done = last_done or {}
        name_cells = max(16, min(NAME_CELLS, self.app.size.width - OTHER_CELLS))
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
                user_cell(fit(action.name, name_cells), no_wrap=True),
                progress,
                streak_cell(streak),
                user_cell(action.step or "–"),
                self._due_cell(due, open_ids.get(action.id) is not None),
                Text(last_done.get(action.id, ""), style="dim"),
                key=action.id,
            )
        if keep is not None and keep in {a.id for a in actions}:
            self.move_cursor(row=self.get_row_index(keep))

    def _due_cell(self, due: DueList | None, is_due: bool) -> Text:
        if due is not None and due.pause is not None:
            return Text("paused", style="dim")
        if is_due:
            return Text("due", style=f"bold {self._theme_colour('warning')}")
        return Text("")
