"""Shown instead of the app when the data file cannot be used (corrupt, newer, unreadable).

Nothing is written while it is shown: the app never opened a session to write with.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from trust_tui.tui.text import user_content


class ProblemScreen(Screen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit", id="problem-quit")]

    def __init__(self, error: Exception, db_path: Path, backup: Path | None) -> None:
        super().__init__(id="problem")
        self.error = error
        self.db_path = Path(getattr(error, "path", None) or db_path)
        self.backup = backup
        """The newest good backup, found by the app (screens never open the store)."""

    def _what_is_wrong(self) -> str:
        """Why, in one sentence; the file, the backup and the command have lines of their own."""
        reason = getattr(self.error, "reason", "")
        if reason:
            return f"The file is damaged: {reason}."
        return str(self.error)

    def compose(self) -> ComposeResult:
        backup = self.backup
        lines = [
            "Your notes are safe: nothing has been changed or written.",
            "",
            self._what_is_wrong(),
            "",
            f"Data file:     {self.db_path}",
            f"Newest backup: {backup if backup else 'none yet'}",
            "",
            "What to do:",
            "  1. Close this (q).",
            # The command on a line of its own: a long path wraps without breaking the sentence.
            "  2. Run this check; it says what is wrong and how to repair it,",
            "     usually by copying the newest backup back:",
            "",
            f"       trust-tui --db {shlex.quote(str(self.db_path))} doctor",
            "",
            "  3. Open trust-tui again.",
        ]
        with VerticalScroll(id="problem-body"):
            yield Static("trust-tui cannot open your data file", id="problem-title", markup=False)
            # The path and the reason may hold anything a file name can: made visible.
            yield Static(user_content("\n".join(lines)), id="problem-text")
        yield Footer()
