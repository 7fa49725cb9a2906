"""History: every entry, newest first, filterable by action; read, edit, delete and undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Select, Static

from trust_tui.domain.models import LogEntry
from trust_tui.domain.text import fit
from trust_tui.tui.dialogs.confirm import ConfirmDialog
from trust_tui.tui.dialogs.entry import EntryDialog
from trust_tui.tui.messages import EntryDeleted, EntryRestored
from trust_tui.tui.screens.base import DataScreen
from trust_tui.tui.text import user_content
from trust_tui.tui.widgets.entry_table import EntryTable

if TYPE_CHECKING:
    import datetime as dt

    from trust_tui.domain.models import Action
    from trust_tui.session import AppData

__all__ = ["HistoryScreen"]

PAGE = 500
NOTE_SHOWN = 200
"""The most of a note the delete question shows (in cells): enough to know which entry it is."""
"""Rows added at a time: years of logs stay quick to show; `m` shows more."""
ALL = "__all__"


class HistoryScreen(DataScreen):
    AUTO_FOCUS = "#history-table"
    BINDINGS = [
        Binding("e", "edit", "Edit", id="history.edit"),
        Binding("d,delete", "delete", "Delete", id="history.delete"),
        Binding("u", "undo", "Undo delete", id="history.undo", show=False),
        Binding("f", "filter", "Filter", id="history.filter", show=False),
        Binding("m", "more", "Show more", id="history.more", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._filter: str = ALL
        self._limit = PAGE
        self._deleted: LogEntry | None = None
        self._options: tuple[tuple[str, str], ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Select[str](
            [], prompt="All actions", id="history-filter", allow_blank=True, compact=True
        )
        yield Static(id="history-count", classes="hint", markup=False)
        yield EntryTable(id="history-table")
        with VerticalScroll(id="history-note-pane"):
            yield Static(id="history-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(EntryTable).focus()

    # --- showing ---------------------------------------------------------------------------

    def _entries(self, data: AppData) -> list[LogEntry]:
        logs = data.snapshot.logs
        if self._filter != ALL:
            logs = tuple(e for e in logs if e.action == self._filter)
        return list(reversed(logs))

    def show_data(self, data: AppData) -> None:
        options = tuple(
            (a.id, a.name + (" (archived)" if a.archived else "")) for a in data.snapshot.actions
        )
        if options != self._options:
            self._options = options
            select = self.query_one("#history-filter", Select)
            with self.prevent(Select.Changed):
                select.set_options(
                    [(user_content(label), action_id) for action_id, label in options]
                )
                if self._filter != ALL and self._filter in {a for a, _ in options}:
                    select.value = self._filter
        entries = self._entries(data)
        shown = entries[: self._limit]
        actions = {a.id: a for a in data.snapshot.actions}
        self.query_one(EntryTable).show(shown, actions)
        total = len(entries)
        if not total:
            text = "No entries yet. Log something on Today (t) and it appears here."
        elif len(shown) < total:
            text = f"Newest {len(shown):,} of {total:,} entries · m shows more"
        else:
            text = f"{total:,} entr{'y' if total == 1 else 'ies'}, newest first"
        self.query_one("#history-count", Static).update(text)
        self._show_note()

    def _current(self) -> LogEntry | None:
        data = self.trust_app.data
        uid = self.query_one(EntryTable).highlighted_uid
        if data is None or uid is None:
            return None
        return next((e for e in reversed(data.snapshot.logs) if e.uid == uid), None)

    def _under_cursor(self) -> tuple[LogEntry, Action | None, dt.date] | None:
        """The entry under the cursor, its action (None if it no longer exists) and today."""
        entry = self._current()
        data = self.trust_app.data
        if entry is None or data is None:
            return None
        return entry, data.snapshot.action(entry.action), data.today

    def _show_note(self) -> None:
        entry = self._current()
        note = self.query_one("#history-note", Static)
        if entry is None:
            note.update("")
            return
        data = self.trust_app.data
        action = data.snapshot.action(entry.action) if data else None
        head = f"{action.name if action else entry.action} · {entry.date.strftime('%A %d %B %Y')}"
        if entry.rating is not None:
            head += f" · trust {entry.rating}/10"
        body = entry.note or "(no note)"
        note.update(user_content(head).stylize("bold") + Content("\n") + user_content(body))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_note()
        self.query_one("#history-note-pane").scroll_home(animate=False)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = event.value
        self._filter = value if isinstance(value, str) else ALL
        self._limit = PAGE
        if self.trust_app.data is not None:
            self.show_data(self.trust_app.data)
        # Chosen: back to the entries, so up and down move through them (not the list again).
        self.query_one(EntryTable).focus()

    # --- actions ---------------------------------------------------------------------------

    def action_filter(self) -> None:
        select = self.query_one("#history-filter", Select)
        select.focus()
        select.action_show_overlay()

    def action_more(self) -> None:
        self._limit += PAGE
        if self.trust_app.data is not None:
            self.show_data(self.trust_app.data)

    def action_edit(self) -> None:
        picked = self._under_cursor()
        if picked is None:
            return
        entry, action, today = picked
        if action is None:
            self.notify("This entry's action no longer exists.", markup=False)
            return
        self.app.push_screen(EntryDialog(entry, action, today), self.post_all)

    def action_delete(self) -> None:
        picked = self._under_cursor()
        if picked is None:
            return
        entry, action, _ = picked
        name = action.name if action else entry.action
        question = (
            Content("Delete this entry?\n\n").stylize("bold")
            + user_content(f"{name} · {entry.date.isoformat()}\n")
            + user_content(fit(entry.note, NOTE_SHOWN))
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._deleted = entry
                self.post_message(EntryDeleted(entry.uid))
                self.notify("Entry deleted. Press u to bring it back.", markup=False, timeout=8)

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_undo(self) -> None:
        if self._deleted is None:
            self.notify("Nothing to undo.", markup=False, timeout=3)
            return
        entry, self._deleted = self._deleted, None
        self.post_message(EntryRestored(entry))
