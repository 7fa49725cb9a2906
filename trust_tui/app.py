"""TrustApp: the full-screen app. Modes, bindings, palette, and the one data flow.

Screens read `app.data` (an `AppData`) and subscribe to `app.data_changed`; they change the
data by posting the messages of `trust_tui.messages`, handled here: validate, update memory,
publish, then write to disk in a thread worker (DESIGN §6, CONTRACT "the full-screen app").

The app is one class in four files, split by responsibility: start-up and the guide here,
navigation and the palette in `app_commands`, message handlers in `app_changes`, writing,
polling and quitting in `app_writes`.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.signal import Signal

from trust_tui import clock
from trust_tui.app_changes import ChangesMixin
from trust_tui.app_commands import MODE_SCREENS, CommandsMixin, mode_factory
from trust_tui.app_writes import POLL_SECONDS, WritesMixin
from trust_tui.paths import resolve_db_path

if TYPE_CHECKING:
    from trust_tui.guide import Guide, Step
    from trust_tui.tracker import AppData, Tracker

__all__ = ["MODE_SCREENS", "TrustApp"]


class TrustApp(CommandsMixin, ChangesMixin, WritesMixin, App[int]):
    """A private companion for rebuilding a partner's trust."""

    CSS_PATH = "app.tcss"
    TITLE = "trust-tui"
    MODES = {mode: mode_factory(mode) for mode in MODE_SCREENS}
    DEFAULT_MODE = "today"
    """The first screen: starting on Textual's default screen and switching to Today cost a
    second screen and two re-parses of the CSS."""
    BINDINGS = [
        Binding("t", "go('today')", "Today", id="go-today"),
        Binding("w", "go('week')", "Week", id="go-week"),
        Binding("h", "go('history')", "History", id="go-history"),
        Binding("g", "go('guide')", "Guide", id="go-guide"),
        Binding("a", "go('actions')", "Actions", id="go-actions", show=False),
        Binding("s", "go('settings')", "Settings", id="go-settings", show=False),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("exclamation_mark", "safety", "Safety", id="safety"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, db_path: Path | str | None = None) -> None:
        super().__init__()
        self.db_path: Path = resolve_db_path(db_path)
        self.data: AppData | None = None
        """What every screen shows; None until the file is open (or when it could not be)."""
        self.data_changed: Signal[AppData] = Signal(self, "data_changed")
        self.tracker: Tracker | None = None
        self.problem: Exception | None = None
        """Why the file could not be opened (shown on the ProblemScreen)."""
        self._guide: Guide | None = None
        self._guide_failed = False
        self._opening: asyncio.Future[AppData] | None = None
        self._reading = False
        self._write_error: str | None = None
        self._read_error: str | None = None
        self._quit_armed = False
        self._drafts_warned = False

    # --- start-up --------------------------------------------------------------------------

    def _open_tracker(self) -> AppData:
        """Runs in a thread while Textual starts: build the store and read the file."""
        from trust_tui.guide import load_default_actions
        from trust_tui.store import Store
        from trust_tui.tracker import Tracker

        store = Store(self.db_path, default_actions=load_default_actions(), now=clock.now)
        tracker = Tracker(store, self.db_path, clock.now)
        # The file decodes to ~1.5 million objects at 50,000 logs; collections triggered while
        # they are made would rescan them again and again (~35 ms of start-up). None of them is
        # cyclic garbage: load without the collector, then move what is alive out of its reach
        # for good (objects are still freed by reference counting when replaced).
        enabled = gc.isenabled()
        gc.disable()
        try:
            data = tracker.open()
            gc.freeze()
        finally:
            if enabled:
                gc.enable()
        self.tracker = tracker
        return data

    def on_load(self) -> None:
        # Read the file in a thread while Textual sets up the terminal.
        self._opening = asyncio.get_running_loop().run_in_executor(None, self._open_tracker)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Compose):
            # Today (DEFAULT_MODE) is composed with the data at hand, so its first frame shows
            # real figures; Textual mounts it right after this.
            await self._receive_data()
        await super().on_event(event)

    async def _receive_data(self) -> None:
        assert self._opening is not None
        try:
            self.data = await self._opening
        except Exception as error:  # noqa: BLE001 - StoreError, ContentError, ClockError: shown, never raised
            self.problem = error

    async def on_mount(self) -> None:
        if self.problem is not None:
            from trust_tui.screens.problem import ProblemScreen
            from trust_tui.tracker import newest_backup

            backup = newest_backup(self.db_path)
            await self.push_screen(ProblemScreen(self.problem, self.db_path, backup))
            return
        self.set_interval(POLL_SECONDS, self.poll_now, name="poll clock and file")

    # --- guide -------------------------------------------------------------------------------

    @property
    def guide(self) -> Guide | None:
        """The guide's content, read on first use; None if the content cannot be read."""
        if self._guide is None and not self._guide_failed:
            from trust_tui.guide import ContentError, load_guide

            try:
                self._guide = load_guide()
            except ContentError as error:
                self._guide_failed = True
                self.notify(str(error), title="Guide", severity="error", markup=False)
        return self._guide

    def guide_step(self, step_id: str | None) -> Step | None:
        guide = self.guide
        if guide is None or not step_id:
            return None
        return guide.steps.get(step_id)
