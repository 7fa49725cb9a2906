"""Shown instead of a screen when the terminal is too small to show it whole.

Below the smallest usable size the footer loses its last keys (the safety note, quit) and a
dialog's buttons fall off the screen; saying so plainly, with the size needed, is kinder than a
half-drawn screen. q and ! keep working; the screen goes away by itself once the window is larger.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "TooSmallScreen", "too_small"]

MIN_WIDTH = 80
"""Every key of every screen's footer fits in 80 columns, and no fewer."""
MIN_HEIGHT = 20
"""The tallest dialog (logging a partner's need for an earlier day) fits in 20 lines, scrolling
by one."""


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="too-small-text")

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def on_screen_resume(self) -> None:
        # A window made larger while the safety note was open on top: nothing left to say.
        if not too_small(*self.app.size):
            self.dismiss()
        else:
            self.show_size()

    def show_size(self) -> None:
        width, height = self.app.size
        dialog_open = any(isinstance(s, ModalScreen) for s in self.app.screen_stack)
        keys = (
            "A dialog is open underneath with what you were writing: make the window larger "
            "to carry on. ! opens the safety note."
            if dialog_open
            else "q quits · ! opens the safety note"
        )
        self.query_one("#too-small-text", Static).update(
            Content(
                f"This window is {width}×{height}. trust-tui needs at least "
                f"{MIN_WIDTH}×{MIN_HEIGHT} to show everything: make the window larger, or the "
                f"font smaller.\n\n{keys}"
            )
        )
