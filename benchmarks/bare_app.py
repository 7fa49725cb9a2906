"""The reference app of docs/design.md §8: a bare Textual app (Header, Static, Footer).

Run as a whole process by the benchmark, exactly like `trust-tui`: it draws its first frame and
waits for ctrl+q (Textual's default quit key), as the real app does.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

MARKER = "bare-app-first-frame"
"""Text of the Static: the runner watches the terminal output for it."""


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
