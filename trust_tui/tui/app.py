"""TrustApp: the full-screen app, in one class.

Screens read `app.data` (an `AppData`) and subscribe to `app.data_changed` (through
`screens.base.DataScreen`); they ask for changes by posting the messages of `tui.messages`.
Each handler here is one line into the `Session`: validate, apply in memory, publish to every
screen, then write to disk in a thread worker. docs/architecture.md follows one key press
through screen → app → session → store.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from trust_tui import clock
from trust_tui.paths import resolve_db_path
from trust_tui.tui.messages import (
    ActionSaved,
    EntryDeleted,
    EntryEdited,
    EntryRestored,
    LogRequested,
    SettingsChanged,
    StepSaved,
)

if TYPE_CHECKING:
    import datetime as dt

    from trust_tui.guide import Guide, Step
    from trust_tui.session import AppData, Session, WriteFailure

__all__ = ["MODE_SCREENS", "TrustApp"]

MODE_SCREENS: dict[str, tuple[str, str]] = {
    # mode: (module in trust_tui.tui.screens, title); the class is <Title>Screen.
    "today": ("today", "Today"),
    "week": ("week", "Week"),
    "history": ("history", "History"),
    "guide": ("guide", "Guide"),
    "actions": ("actions", "Actions"),
    "settings": ("settings", "Settings"),
}

WEEK_MILESTONES = frozenset({4, 8, 12, 26, 52, 104})
DAY_MILESTONES = frozenset({7, 30, 100, 365})

POLL_SECONDS = 2.0
"""How often the app looks at the clock (rollover) and the file (another process's writes)."""

WRITE_DELAY = 0.01
"""Seconds a write worker lets the UI thread paint the change before it writes. The write
re-encodes the whole file in C calls that hold the GIL for milliseconds at 50,000 logs; started at
once, it delays the repaint of the key press it saves. The change is queued in memory meanwhile,
and quitting flushes the queue without waiting for this pause."""


def _mode_factory(mode: str) -> Callable[[], Screen[Any]]:
    """Screens are imported when first shown: the Guide's Markdown is costly at start-up."""
    module, title = MODE_SCREENS[mode]

    def make() -> Screen[Any]:
        import importlib

        cls = getattr(importlib.import_module(f"trust_tui.tui.screens.{module}"), f"{title}Screen")
        return cls()

    return make


class TrustApp(App[int]):
    """A private companion for rebuilding a partner's trust."""

    CSS_PATH = "app.tcss"
    TITLE = "trust-tui"
    MODES = {mode: _mode_factory(mode) for mode in MODE_SCREENS}
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
        self.session: Session | None = None
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

    # --- start-up ----------------------------------------------------------------------------

    def _open_session(self) -> AppData:
        """Runs in a thread while Textual starts: build the store and read the file."""
        from trust_tui.guide import load_default_actions
        from trust_tui.session import Session
        from trust_tui.storage.store import Store

        store = Store(self.db_path, default_actions=load_default_actions(), now=clock.now)
        session = Session(store, self.db_path, clock.now)
        data = session.open()
        self.session = session
        return data

    def on_load(self) -> None:
        # Read the file in a thread while Textual sets up the terminal.
        self._opening = asyncio.get_running_loop().run_in_executor(None, self._open_session)

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
            from trust_tui.session import newest_backup
            from trust_tui.tui.screens.problem import ProblemScreen

            backup = newest_backup(self.db_path)
            await self.push_screen(ProblemScreen(self.problem, self.db_path, backup))
            return
        self.set_interval(POLL_SECONDS, self.poll_now, name="poll clock and file")
        self.call_after_refresh(self._compact_worker)  # after the first frame

    @work(thread=True, group="compact", exit_on_error=False)
    def _compact_worker(self) -> None:
        """Fold the lines other processes appended today into the data file, so later reads
        start from one file. Only for speed: a failure here changes nothing."""
        if self.session is None:
            return
        try:
            self.session.store.compact()
        except Exception:  # noqa: BLE001 - StoreError or OSError: the journal simply stays
            return

    # --- the guide ---------------------------------------------------------------------------

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

    # --- navigation and the palette ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("go", "help") and (self.data is None or isinstance(self.screen, ModalScreen)):
            return False
        if action == "safety" and type(self.screen).__name__ == "SafetyScreen":
            return False
        # In a dialog, q is a letter of the note; escape closes the dialog first.
        return not (
            action == "quit" and isinstance(self.screen, ModalScreen) and self.data is not None
        )

    async def action_go(self, mode: str) -> None:
        if self.data is None or mode not in MODE_SCREENS:
            return
        await self.switch_mode(mode)

    def action_help(self) -> None:
        from trust_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_safety(self) -> None:
        from trust_tui.tui.screens.safety import SafetyScreen

        self.push_screen(SafetyScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's "Screenshot" would write the screen (notes, ratings) to an SVG in the
        # current folder, readable by others: not offered for private notes.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Screenshot")
        if self.data is None:
            return
        for mode, (_, title) in MODE_SCREENS.items():
            yield SystemCommand(f"go: {title}", f"Open the {title} screen", self._go(mode))
        yield SystemCommand("go: Help", "Every key, grouped", self.action_help)
        yield SystemCommand(
            "go: Safety note", "If you or your partner are not safe", self.action_safety
        )
        for action in self.data.snapshot.active_actions:
            yield SystemCommand(
                f"log: {action.name}", f"Log {action.name} for today", self._log(action.id)
            )

    def _go(self, mode: str) -> Callable[[], Any]:
        return lambda: self.run_action(f"go('{mode}')")

    def _log(self, action_id: str) -> Callable[[], None]:
        return lambda: self.start_log(action_id)

    # --- logging (shared by Today and the palette) ---------------------------------------------

    @property
    def today(self) -> dt.date:
        assert self.data is not None
        return self.data.today

    def start_log(self, action_id: str, *, with_note: bool = False, backfill: bool = False) -> None:
        """Log an action the way its kind asks: the guided check-in, the partner's needs, a
        note or a date when asked for, otherwise one key logs today."""
        if self.data is None:
            return
        action = self.data.snapshot.action(action_id)
        if action is None:
            return
        if action.kind == "check-in":
            from trust_tui.tui.dialogs.checkin import CheckInDialog

            self.push_screen(CheckInDialog(action, self.today, backfill=backfill), self._logged)
        elif action.kind == "needs":
            from trust_tui.tui.dialogs.needs import NeedsDialog

            actions = self.data.snapshot.actions
            dialog = NeedsDialog(action, self.today, actions, backfill=backfill)
            self.push_screen(dialog, self._logged)
        elif with_note or backfill:
            from trust_tui.tui.dialogs.log_dialog import LogDialog

            self.push_screen(LogDialog(action, self.today, backfill=backfill), self._logged)
        else:
            self.post_message(LogRequested(action_id, self.today))

    def _logged(self, messages: list[Any] | None) -> None:
        """A log dialog's result: the changes it asks for (None when cancelled)."""
        for message in messages or ():
            self.post_message(message)

    # --- changes asked for by the screens --------------------------------------------------------

    def publish(self, data: AppData) -> None:
        self.data = data
        self.data_changed.publish(data)

    def on_log_requested(self, message: LogRequested) -> None:
        from trust_tui.domain.validation import ValidationError

        message.stop()
        if self.session is None or self.data is None:
            return
        before = self.data.streaks.get(message.action_id)
        # A dialog dates its entry on the today it opened with; if "today" went back since
        # (the hour the day starts was moved later, the clock was set back), that day is now
        # ahead of today. Refusing it would throw away the words: log them for today instead.
        day = min(message.day, self.data.today)
        try:
            data, entry = self.session.log(message.action_id, day, message.note, message.rating)
        except ValidationError as error:
            self._refuse(error)
            return
        self.publish(data)
        self.save()
        action = data.snapshot.action(entry.action)
        assert action is not None
        when = "today" if entry.date == data.today else entry.date.strftime("%a %d %b")
        self.notify(f"{action.name}: logged for {when}.", markup=False, timeout=3)
        self._acknowledge(action.id, before.current if before else 0)

    def on_entry_edited(self, message: EntryEdited) -> None:
        self._apply(message, lambda s: s.edit(message.entry), "Entry updated.")

    def on_entry_deleted(self, message: EntryDeleted) -> None:
        self._apply(message, lambda s: s.delete(message.uid)[0], None)

    def on_entry_restored(self, message: EntryRestored) -> None:
        self._apply(message, lambda s: s.restore(message.entry), "Entry brought back.")

    def on_action_saved(self, message: ActionSaved) -> None:
        self._apply(message, lambda s: s.save_action(message.action), None)

    def on_settings_changed(self, message: SettingsChanged) -> None:
        self._apply(message, lambda s: s.save_settings(message.settings), None)

    def on_step_saved(self, message: StepSaved) -> None:
        self._apply(message, lambda s: s.save_step(message.progress), None)

    def _apply(self, message: Any, change: Callable[[Session], AppData], note: str | None) -> None:
        from trust_tui.domain.validation import ValidationError

        message.stop()
        if self.session is None or self.data is None:
            return
        try:
            data = change(self.session)
        except ValidationError as error:
            self._refuse(error)
            return
        self.publish(data)
        self.save()
        if note:
            self.notify(note, markup=False, timeout=3)

    def _refuse(self, error: Exception) -> None:
        self.notify(str(error), title="Not saved", severity="warning", markup=False)

    def _acknowledge(self, action_id: str, before: int) -> None:
        """A warm word when a streak reaches a milestone (never a word when it breaks)."""
        assert self.data is not None
        streak = self.data.streaks.get(action_id)
        action = self.data.snapshot.action(action_id)
        if streak is None or action is None or streak.current <= before:
            return
        marks = WEEK_MILESTONES if streak.unit == "week" else DAY_MILESTONES
        if streak.current not in marks:
            return
        from trust_tui.domain.wording import count_units

        step = self.guide_step(action.step)
        line = step.encouragement if step is not None else ""
        line = line or "Each kept promise is a small proof. Keep going at your own steady pace."
        self.notify(
            f"{count_units(streak.current, streak.unit)} in a row: {action.name}.\n{line}",
            title="A milestone",
            timeout=8,
            markup=False,
        )

    # --- the disk: writes, polling --------------------------------------------------------------

    def save(self) -> None:
        """Write queued changes in a thread: the screen never waits on the disk."""
        self._write_worker()

    @work(thread=True, group="writes", exit_on_error=False)
    def _write_worker(self) -> None:
        if self.session is None:
            return
        time.sleep(WRITE_DELAY)
        failure = self.session.flush()
        self.call_from_thread(self._after_write, failure)

    def _after_write(self, failure: WriteFailure | None) -> None:
        if failure is None:
            if self._write_error is not None:
                self._write_error = None
                self.notify("Everything is saved now.", markup=False)
            return
        if failure.message != self._write_error:
            self._write_error = failure.message
            self.notify(
                f"{failure.message}\nIt is kept here and will be saved again soon; do not quit yet.",
                title="Not saved yet",
                severity="error",
                timeout=15,
                markup=False,
            )

    def poll_now(self) -> None:
        """One tick: roll "today" over at the configured hour, notice another process's write."""
        session = self.session
        if session is None or self.data is None:
            return
        changed = session.refresh_today()
        if changed is not None:
            self.publish(changed)
        if session.pending_count and self._write_error is not None:
            self.save()  # try a failed write again
        if not self._reading and session.file_changed():
            self._reading = True
            self._read_worker()

    @work(thread=True, group="reads", exit_on_error=False)
    def _read_worker(self) -> None:
        assert self.session is not None
        try:
            result = self.session.read_file()
        except Exception as error:  # noqa: BLE001 - StoreError: the file went bad under us; keep what we have
            self.call_from_thread(self._after_read_error, error)
            return
        self.call_from_thread(self._after_read, result)

    def _after_read(self, result: tuple[Any, ...]) -> None:
        self._reading = False
        self._read_error = None
        assert self.session is not None
        data = self.session.accept_read(*result)
        if data is not None and data != self.data:
            self.publish(data)

    def _after_read_error(self, error: Exception) -> None:
        self._reading = False
        if str(error) != self._read_error:
            self._read_error = str(error)
            self.notify(
                f"{error}\nWhat you see here is kept; nothing was written.",
                title="The data file changed",
                severity="error",
                timeout=20,
                markup=False,
            )

    # --- quitting ------------------------------------------------------------------------------

    async def flush_writes(self) -> WriteFailure | None:
        """Wait for every queued write (used on quit)."""
        if self.session is None:
            return None
        return await asyncio.to_thread(self.session.flush)

    async def on_unmount(self) -> None:
        """However the app ends (q, ctrl+q, a test leaving run_test), queued writes finish first."""
        failure = await self.flush_writes()
        if failure is not None:
            self.exit(1, return_code=1, message=self._unsaved_text())

    def _take_unsaved_screen_text(self) -> None:
        """Screens holding typed text not yet posted (the Guide's answer boxes) hand it over
        now: a message posted while quitting would never be handled."""
        if self.session is None or self.data is None:
            return
        for screen in self.screen_stack:
            take = getattr(screen, "unsaved_progress", None)
            if not callable(take):
                continue
            progress = take()
            if progress is not None:
                self.data = self.session.save_step(progress)

    async def action_quit(self) -> None:
        self._take_unsaved_screen_text()
        failure = await self.flush_writes()
        if failure is not None and not self._quit_armed:
            self._quit_armed = True
            self.notify(
                f"{failure.message}\nYour last changes are not in the file yet. Fix the problem "
                "and press q again, or press q again to quit and see them printed.",
                title="Not saved",
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        if failure is not None:
            self.exit(1, return_code=1, message=self._unsaved_text())
            return
        from trust_tui.tui import drafts

        if not self._drafts_warned and drafts.pending(self):
            # A note closed with escape lives only in memory: say so once before it goes.
            self._drafts_warned = True
            self.notify(
                "A note you closed without saving still holds your words. Open it again "
                "(same action, same key) to save it, or press q again to quit without it.",
                title="Unsaved words",
                severity="warning",
                timeout=30,
                markup=False,
            )
            return
        self.exit(0)

    def _unsaved_text(self) -> str:
        """What could not be saved, printed after the app closes so no word is lost."""
        from rich.text import Text

        assert self.session is not None
        lines = ["trust-tui could not save these changes to " + str(self.db_path) + ":"]
        for label, note in self.session.unsaved_notes():
            lines.append(f"- {label}" + (f":\n{note}" if note else ""))
        return Text("\n".join(lines))  # type: ignore[return-value]
