"""A dialog's form rows: a label beside its field, and the one kind of text field they use.

A text field never selects what it holds when it gets focus: tabbing into a field that holds a
kept draft or the entry being edited and typing adds to those words, never replaces them.
"""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label

__all__ = ["form_row", "text_field"]


def form_row(label: str, field: Widget) -> Horizontal:
    """`label` in the label column (app.tcss `.form-label`), `field` beside it."""
    return Horizontal(Label(label, classes="form-label"), field, classes="form-row")


def text_field(value: str = "", **options: Any) -> Input:
    """A one-line text field for a form row (compact; focus keeps the cursor, selects nothing)."""
    return Input(value, compact=True, select_on_focus=False, **options)
