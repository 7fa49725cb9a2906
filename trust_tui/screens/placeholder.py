"""Stands in for a screen whose file has not landed yet, so the app always runs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class PlaceholderScreen(Screen[None]):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.screen_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"The {self.screen_title} screen is on its way.", markup=False, classes="calm")
        yield Footer()
