"""User text (notes, answers, action names, anything read from the data file) on the screen.

Every such string reaches a widget through these helpers: as `Content`/`Text`, never markup, and
through `trust_tui.domain.text.visible`, the same rule the command line uses, so an escape
sequence in a note (say, one that would retitle the terminal) is shown, never obeyed.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content

from trust_tui.domain.text import visible, visible_line

__all__ = ["user_cell", "user_content", "user_str", "visible", "visible_line"]


def user_content(text: str) -> Content:
    """Content for a Static, a label or an option: plain text, controls made visible."""
    return Content(visible(text))


def user_cell(text: str, **options: Any) -> Text:
    """A one-line Text (a table cell): newlines and tabs are shown as stand-ins too."""
    return Text(visible_line(text), **options)


def user_str(text: str) -> str:
    """A plain string with user text in it, for APIs that take one (`notify(..., markup=False)`,
    a DataTable column label)."""
    return visible(text)
