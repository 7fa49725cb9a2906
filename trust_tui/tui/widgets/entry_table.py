"""History's table: one row per entry, newest first; user text only as `Text`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from trust_tui.domain.models import Action, LogEntry
from trust_tui.domain.text import cell_width, fit
from trust_tui.tui.text import user_cell

__all__ = ["EntryTable", "first_line"]

NOTE_PREVIEW = 60
NAME_CELLS = 22
FIXED_CELLS = len("Fri 27 Nov 2026") + len("Rating") + 4 * 2 + 5
"""The date and rating columns, every column's padding (one cell each side), the screen's margin
and the scroll bar (5, measured at 80 and 100 columns): with the action column's widest name,
what the note's preview must leave free."""


def first_line(note: str, width: int = NOTE_PREVIEW) -> str:
    """The note's first line, cut to `width` cells; " …" after it says more lines follow."""
    line = note.split("\n", 1)[0]
    return fit(line + " …" if "\n" in note else line, width)


class EntryTable(DataTable[Text]):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.add_column("Date", key="date")
        self.add_column("Action", key="action")
        self.add_column("Rating", key="rating")
        self.add_column("Note", key="note")

    @property
    def highlighted_uid(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value

    def show(self, entries: Sequence[LogEntry], actions: dict[str, Action]) -> None:
        """Rows for `entries` (already newest first), keeping the cursor near where it was."""
        keep, row = self.highlighted_uid, self.cursor_row
        names = {
            action_id: fit(action.name if action else action_id, NAME_CELLS)
            for action_id, action in ((e.action, actions.get(e.action)) for e in entries)
        }
        name_cells = max((cell_width(name) for name in names.values()), default=0)
        # The preview ends with "…" where the screen ends, not mid-word at its edge.
        room = self.app.size.width - FIXED_CELLS - max(name_cells, len("Action"))
        preview = max(16, min(NOTE_PREVIEW, room))
        self.clear()
        for entry in entries:
            self.add_row(
                Text(entry.date.strftime("%a %d %b %Y"), no_wrap=True),
                user_cell(names[entry.action], no_wrap=True),
                Text("" if entry.rating is None else f"{entry.rating}/10"),
                user_cell(first_line(entry.note, preview), no_wrap=True, overflow="ellipsis"),
                key=entry.uid,
            )
        if not self.row_count:
            return
        uids = [e.uid for e in entries]
        if keep in uids:
            self.move_cursor(row=uids.index(keep), animate=False)
        else:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)
