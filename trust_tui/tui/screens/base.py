"""The base of every screen that shows the app's data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from trust_tui.session import AppData
    from trust_tui.tui.app import TrustApp

__all__ = ["STILL_READING", "DataScreen"]

STILL_READING = "Still reading your history…"
"""Said when something needs every log before the full read (after the first frame) lands."""


class DataScreen(Screen[None]):
    """Shows `app.data` when mounted and again each time it changes (`show_data`).

    Screens never touch the store: they post the messages of `tui.messages`, which bubble up to
    the app. Textual runs this `on_mount` after a subclass's own.
    """

    @property
    def trust_app(self) -> TrustApp:
        return cast("TrustApp", self.app)

    FROM_INDEX = False
    """Whether `show_data` can draw the first frame's data (`AppData.complete` False: no logs,
    no steps). Other screens show a loading state until every log is read."""

    def on_mount(self) -> None:
        self.trust_app.data_changed.subscribe(self, self._show)
        if self.trust_app.data is not None:
            self._show(self.trust_app.data)

    def _show(self, data: AppData) -> None:
        waiting = not (data.complete or self.FROM_INDEX)
        self.loading = waiting
        if not waiting:
            self.show_data(data)

    def show_data(self, data: AppData) -> None:
        raise NotImplementedError

    def post_all(self, messages: Iterable[Message] | None) -> None:
        """A dialog's result: the changes it asks for (None when it was cancelled)."""
        for message in messages or ():
            self.post_message(message)
