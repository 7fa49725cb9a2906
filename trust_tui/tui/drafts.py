"""Drafts: what was typed in a dialog that closed without saving (escape, Cancel).

Escape must stay a quick way out, but a stray key must never throw away a private note: the
dialog keeps its fields here, per app and per dialog (e.g. the note for one action, the edit of
one entry), and puts them back the next time that dialog opens. Saving clears the draft.
Kept in memory for the life of the app only: a draft was, by choice, not saved.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

__all__ = [
    "DraftDialog",
    "fields",
    "forget",
    "keep",
    "keep_on_cancel",
    "labels",
    "pending",
    "put_back",
    "restore_on_open",
    "take",
]

_DRAFTS: WeakKeyDictionary[App[Any], dict[Hashable, dict[str, str]]] = WeakKeyDictionary()
_LABELS: WeakKeyDictionary[App[Any], dict[Hashable, str]] = WeakKeyDictionary()
"""What each draft is, in words (e.g. "Appreciation note, Friday 27 November"): the quit warning
names it so the person knows which dialog to open again."""


def fields(node: DOMNode) -> dict[str, str]:
    """The text of every Input and TextArea with an id under `node`."""
    values: dict[str, str] = {}
    for widget in node.query("Input, TextArea"):
        if widget.id is None:
            continue
        if isinstance(widget, Input):
            values[widget.id] = widget.value
        elif isinstance(widget, TextArea):
            values[widget.id] = widget.text
    return values


def put_back(node: DOMNode, values: Mapping[str, str]) -> None:
    """Fill the fields under `node` from `values` (ids that are not there are skipped)."""
    for widget in node.query("Input, TextArea"):
        if widget.id is None or widget.id not in values:
            continue
        if isinstance(widget, Input):
            widget.value = values[widget.id]
            widget.cursor_position = len(widget.value)
        elif isinstance(widget, TextArea):
            widget.load_text(values[widget.id])
            widget.move_cursor(widget.document.end)


def keep(
    app: App[Any],
    key: Hashable,
    values: Mapping[str, str],
    initial: Mapping[str, str],
    label: str = "",
) -> bool:
    """Keep `values` as the draft for `key` if they differ from what the dialog opened with
    (beyond spaces); returns True if a draft is kept."""
    changed = any(
        value.strip() != initial.get(field, "").strip() for field, value in values.items()
    )
    if not changed:
        forget(app, key)
        return False
    _DRAFTS.setdefault(app, {})[key] = dict(values)
    _LABELS.setdefault(app, {})[key] = label
    return True


def take(app: App[Any], key: Hashable) -> dict[str, str] | None:
    """The draft for `key`, if there is one (it stays until saved or forgotten)."""
    return _DRAFTS.get(app, {}).get(key)


def forget(app: App[Any], key: Hashable) -> None:
    _DRAFTS.get(app, {}).pop(key, None)
    _LABELS.get(app, {}).pop(key, None)


def pending(app: App[Any]) -> int:
    """How many dialogs hold unsaved words (asked before quitting)."""
    return sum(
        1 for values in _DRAFTS.get(app, {}).values() if any(v.strip() for v in values.values())
    )


def labels(app: App[Any]) -> list[str]:
    """What each draft holding words is, in the order they were kept."""
    held = _DRAFTS.get(app, {})
    named = _LABELS.get(app, {})
    return [
        named.get(key, "")
        for key, values in held.items()
        if any(v.strip() for v in values.values())
    ]


def keep_on_cancel(
    dialog: DOMNode, key: Hashable, initial: Mapping[str, str], label: str = ""
) -> None:
    """A dialog closing without saving: keep what was typed, and say so."""
    if keep(dialog.app, key, fields(dialog), initial, label):
        dialog.app.notify(
            "Nothing was saved. Your words are kept: open it again to carry on.",
            markup=False,
            timeout=5,
        )


def restore_on_open(dialog: DOMNode, key: Hashable) -> dict[str, str]:
    """A dialog opening: put back an unsaved draft, and return the fields as they opened
    (what `keep_on_cancel` compares against)."""
    opened_with = fields(dialog)
    draft = take(dialog.app, key)
    if draft is not None:
        put_back(dialog, draft)
        dialog.app.notify("Your unsaved words are back, as you left them.", markup=False, timeout=4)
    return opened_with


ResultT = TypeVar("ResultT")


class DraftDialog(ModalScreen[ResultT | None]):
    """A dialog whose words survive a cancel, the one place for that rule: it puts an unsaved
    draft back when it opens (`restore_draft`, from `on_mount`), keeps what was typed when it is
    cancelled (escape, Cancel) and forgets the draft once saved (`close_saved`)."""

    draft_key: Hashable
    """Which draft this dialog keeps (set or computed by the subclass)."""
    _opened_with: Mapping[str, str] = MappingProxyType({})

    @property
    def draft_label(self) -> str:
        """The draft in words, for the quit warning."""
        return ""

    def restore_draft(self) -> None:
        self._opened_with = restore_on_open(self, self.draft_key)

    def close_saved(self, result: ResultT) -> None:
        forget(self.app, self.draft_key)
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving; what was typed is kept for the next time (never lost)."""
        keep_on_cancel(self, self.draft_key, self._opened_with, self.draft_label)
        self.dismiss(None)
