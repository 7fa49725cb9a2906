"""Actions: every action, add one, edit it, archive or bring it back (docs/design.md §2).

Archiving never deletes: the entries stay in the file, the History screen still shows them,
and bringing the action back resumes its streak where the dates say it is.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Header, Static

from trust_tui.domain.models import Action
from trust_tui.domain.text import fit
from trust_tui.domain.validation import ValidationError, check_unique_name
from trust_tui.tui.dialogs.action_form import ActionForm
from trust_tui.tui.messages import ActionSaved
from trust_tui.tui.screens.base import DataScreen
from trust_tui.tui.text import user_cell, user_content, user_str

if TYPE_CHECKING:
    from trust_tui.session import AppData

__all__ = ["ActionsScreen", "how_often"]

COLUMNS = ("Action", "How often", "Step", "Entries", "")
NAME_CELLS = 40
"""The widest an action's name gets in the table, in terminal cells."""


def how_often(action: Action) -> str:
    every = "day" if action.cadence == "day" else "week"
    return f"{action.target}× a {every}"


def sorted_actions(actions: tuple[Action, ...]) -> list[Action]:
    """Active ones first, in their order; the archived ones after them."""
    return sorted(actions, key=lambda a: (a.archived, a.order, a.name))


class ActionsScreen(DataScreen):
    BINDINGS = [
        Binding("n", "new_action", "New", id="actions.new"),
        Binding("e", "edit_action", "Edit", id="actions.edit"),
        # "Archive" alone keeps the footer within 80 columns; the button and the detail say
        # "bring back" when the highlighted action is archived.
        Binding(
            "x",
            "toggle_archive",
            "Archive",
            id="actions.toggle_archive",
            tooltip="Archive or bring back",
        ),
        Binding("u", "undo_archive", "Undo archive", show=False, id="actions.undo_archive"),
    ]

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self._counts: Counter[str] = Counter()
        self._pending_select: str | None = None
        """The action just saved: highlighted once the new data arrives."""
        self._undo: Action | None = None
        """The action as it was before the last x, for u to put back."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content("Your actions. Archived ones keep their history and can come back any time."),
            id="actions-intro",
        )
        table: DataTable[Text] = DataTable(id="action-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="action-detail")
        with Horizontal(id="action-buttons"):
            yield Button("New", id="action-new")
            yield Button("Edit", id="action-edit")
            yield Button("Archive", id="action-archive")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#action-table", DataTable)
        table.add_columns(*COLUMNS)
        table.focus()

    # --- showing -----------------------------------------------------------------------

    def show_data(self, data: AppData | None) -> None:
        if data is None:
            return
        table = self.query_one("#action-table", DataTable)
        keep = self.highlighted_id
        if self._pending_select and data.snapshot.action(self._pending_select):
            keep, self._pending_select = self._pending_select, None
        self._counts = Counter(entry.action for entry in data.snapshot.logs)
        table.clear()
        for action in sorted_actions(data.snapshot.actions):
            style = "dim" if action.archived else ""
            cells = (
                # User text, as a Text object (never markup). A long name (80 characters, CJK
                # twice as wide) would push every other column off an 80-column screen: cut it
                # here; the detail below shows it whole.
                fit(action.name, NAME_CELLS),
                how_often(action),
                action.step or "–",
                str(self._counts[action.id]),
                "archived" if action.archived else "",
            )
            texts = [user_cell(cell, style=style, no_wrap=True) for cell in cells]
            table.add_row(*texts, key=action.id)
        if keep is not None and keep in {a.id for a in data.snapshot.actions}:
            table.move_cursor(row=table.get_row_index(keep))
        self._show_detail()

    @property
    def highlighted_id(self) -> str | None:
        table = self.query_one("#action-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    @property
    def highlighted(self) -> Action | None:
        action_id = self.highlighted_id
        data = self.trust_app.data
        if action_id is None or data is None:
            return None
        return data.snapshot.action(action_id)

    def _show_detail(self) -> None:
        action = self.highlighted
        detail = self.query_one("#action-detail", Static)
        archive = self.query_one("#action-archive", Button)
        if action is None:
            detail.update(Content("No actions yet. Press n to add one."))
            return
        entries = self._counts[action.id]
        lines = [action.name, action.description or "No description."]
        if action.archived:
            if entries == 0:
                lines.append("Archived. No entries yet; press x to bring it back.")
            else:
                kept = (
                    "Its 1 entry is kept" if entries == 1 else f"Its {entries:,} entries are kept"
                )
                lines.append(f"Archived. {kept}; press x to bring it back.")
        archive.label = "Bring back" if action.archived else "Archive"
        # One Content built from plain strings: names and descriptions are never markup.
        detail.update(user_content("\n".join(lines)))

    @on(DataTable.RowHighlighted, "#action-table")
    def _on_row_highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#action-table")
    def _on_row_selected(self) -> None:
        self.action_edit_action()

    # --- changing ------------------------------------------------------------------------

    def _step_choices(self) -> list[tuple[str, str]]:
        guide = self.trust_app.guide
        if guide is None:
            return []
        return [(step.id, step.title) for step in guide.ordered_steps()]

    def _open_form(self, original: Action | None) -> None:
        data = self.trust_app.data
        if data is None:
            return

        def saved(action: Action | None) -> None:
            if action is None:
                return
            self.post_message(ActionSaved(action))
            verb = "updated" if original else "added"
            self.notify(user_str(f"{action.name}: {verb}."), markup=False, timeout=3)
            # The table refreshes when data_changed arrives; the cursor moves there then.
            self._pending_select = action.id

        self.app.push_screen(
            ActionForm(original, data.snapshot.actions, self._step_choices()), saved
        )

    def action_new_action(self) -> None:
        self._open_form(None)

    def action_edit_action(self) -> None:
        action = self.highlighted
        if action is not None:
            self._open_form(action)

    def action_toggle_archive(self) -> None:
        action = self.highlighted
        if action is None:
            return
        archived = not action.archived
        data = self.trust_app.data
        if not archived and data is not None:
            try:
                check_unique_name(action.name, data.snapshot.actions, own_id=action.id)
            except ValidationError:
                self.notify(
                    f"'{action.name}' cannot come back while another action has that name; "
                    "rename one of them first (e).",
                    title="Not brought back",
                    severity="warning",
                    markup=False,
                )
                return
        self._undo = action
        self.post_message(ActionSaved(dataclasses.replace(action, archived=archived)))
        if archived:
            # One key archives at once (even the weekly check-in): say what it does, and how
            # to take it back.
            entries = self._counts[action.id]
            kept = "its 1 entry stays" if entries == 1 else f"its {entries:,} entries stay"
            message = (
                f"{action.name}: archived. It leaves Today and the Week; {kept} in History; "
                "press u to undo."
            )
        else:
            message = f"{action.name}: back in your day. Press u to undo."
        self.notify(user_str(message), markup=False, timeout=8)

    def action_undo_archive(self) -> None:
        before, self._undo = self._undo, None
        data = self.trust_app.data
        current = data.snapshot.action(before.id) if before and data else None
        if before is None or current is None or current.archived == before.archived:
            self.notify("Nothing to undo.", markup=False, timeout=3)
            return
        self._pending_select = current.id
        self.post_message(ActionSaved(dataclasses.replace(current, archived=before.archived)))
        state = "archived again" if before.archived else "back in your day"
        self.notify(user_str(f"{current.name}: {state}."), markup=False, timeout=4)

    @on(Button.Pressed, "#action-new")
    def _on_new(self) -> None:
        self.action_new_action()

    @on(Button.Pressed, "#action-edit")
    def _on_edit(self) -> None:
        self.action_edit_action()

    @on(Button.Pressed, "#action-archive")
    def _on_archive(self) -> None:
        self.action_toggle_archive()
