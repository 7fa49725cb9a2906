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

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from trust_tui.paths import resolve_db_path
from trust_tui.tui.messages import (
    ActionSaved,
    EntryDeleted,
    EntryEdited,
    EntryRestored,
    LogRequested,
    LogUndoRequested,
    PauseRequested,
    ResumeRequested,
    SettingsChanged,
    StepSaved,
)
from trust_tui.tui.stylesheet import CachedStylesheet, css_cache_dir
from trust_tui.tui.text import user_str

if TYPE_CHECKING:
    import datetime as dt
    from concurrent.futures import Future

    from textual.widget import AwaitMount

    from trust_tui.guide import Guide, Step
    from trust_tui.opening import Opened
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


def crash_message(db_path: Path, error: BaseException | None) -> str:
    """What the terminal shows after an unexpected error: no data, no traceback."""
    import shlex

    kind = f" ({type(error).__name__})" if error is not None else ""
    return (
        f"trust-tui stopped after an unexpected error{kind}. What you saved before it is in "
        f"{db_path}. To check the file, run: trust-tui --db {shlex.quote(str(db_path))} doctor"
    )


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
        # Escape leaves a text field as Tab does, so the keys above are keys again. Screens and
        # dialogs that give escape a meaning of their own (close, back to the list) come first.
        Binding("escape", "leave_field", "Leave the text field", show=False, id="leave-field"),
    ]

    def __init__(
        self,
        db_path: Path | str | None = None,
        *,
        from_index: bool = False,
        opening: Future[Opened] | None = None,
    ) -> None:
        """`from_index`: draw the first frame from the derived index and read the logs right
        after it (`AppData.complete` is False until then). The command line asks for it, and
        passes the `opening` it started before importing Textual (`trust_tui.opening`);
        without one the app opens the file itself while Textual starts."""
        super().__init__()
        self.stylesheet = CachedStylesheet.replacing(self.stylesheet, css_cache_dir())
        self._from_index = from_index
        self._full_read: asyncio.Future[AppData] | None = None
        self._deferred: list[Callable[[], None]] = []
        """Changes asked for before the full read landed: made, in order, once it has."""
        self.db_path: Path = resolve_db_path(db_path)
        self.data: AppData | None = None
        """What every screen shows; None until the file is open (or when it could not be)."""
        self.data_changed: Signal[AppData] = Signal(self, "data_changed")
        self.session: Session | None = None
        self.problem: Exception | None = None
        """Why the file could not be opened (shown on the ProblemScreen)."""
        self._guide: Guide | None = None
        self._guide_failed = False
        self._started = opening
        self._opening: asyncio.Future[Opened] | None = None
        self._reading = False
        self._write_error: str | None = None
        self._read_error: str | None = None
        self._quit_armed = False
        self._drafts_warned = False

    # --- an unexpected error ------------------------------------------------------------------

    def _fatal_error(self) -> None:
        """Replaces Textual's handling of an unexpected exception (`App._handle_exception` calls
        it), which prints a traceback *with every frame's local variables*: the note or answer
        being shown would land on the terminal and in any bug report pasted from it. Textual
        has no public setting for this; `panic` is its public way to leave with a message, so
        we leave with one short message naming the file and `doctor`, and no traceback at all
        (an exception's own message may quote the data too)."""
        self.bell()
        self.panic(Text(user_str(crash_message(self.db_path, self._exception)), style="bold"))

    # --- start-up ----------------------------------------------------------------------------

    def _open_session(self) -> Opened:
        """Runs in a thread while Textual starts, when the command line did not start it."""
        from trust_tui.opening import open_for_app

        return open_for_app(self.db_path, from_index=self._from_index)

    @property
    def complete(self) -> bool:
        """Whether every log is read (see `AppData.complete`)."""
        return self.data is not None and self.data.complete

    def _read_everything(self) -> None:
        """After the first frame drawn from the index: read the whole file in a thread."""
        if self.session is None or self.complete or self._full_read is not None:
            return
        self._full_read = asyncio.get_running_loop().run_in_executor(None, self.session.open)
        self._full_read.add_done_callback(self._everything_read)

    def _everything_read(self, future: asyncio.Future[AppData]) -> None:
        try:
            data = future.result()
        except Exception as error:  # noqa: BLE001 - StoreError: shown as at start-up
            self._show_problem(error)
            return
        self.publish(data)
        self._run_deferred()
        self._compact_worker()

    def _show_problem(self, error: Exception) -> AwaitMount:
        """The file cannot be used: say why, and never write (nothing deferred is made)."""
        from trust_tui.session import newest_backup
        from trust_tui.tui.screens.problem import ProblemScreen

        self.problem = error
        self.data = None
        self._deferred.clear()
        return self.push_screen(ProblemScreen(error, self.db_path, newest_backup(self.db_path)))

    async def wait_for_everything(self) -> None:
        """Until every log is read (at once when it already is)."""
        if self._full_read is None and not self.complete and self.data is not None:
            self._read_everything()
        if self._full_read is not None:
            try:
                await asyncio.shield(self._full_read)
            except Exception:  # noqa: BLE001 - reported by `_everything_read`
                return
            self._run_deferred()

    def _run_deferred(self) -> None:
        """The changes asked for while the logs were still being read, in order."""
        deferred, self._deferred = self._deferred, []
        for change in deferred:
            change()

    def _defer(self, change: Callable[[], None]) -> bool:
        """True (and `change` kept for later) while the logs are still being read."""
        if self.data is None or self.data.complete:
            return False
        self._deferred.append(change)
        return True

    def on_load(self) -> None:
        # Read the file in a thread while Textual sets up the terminal (if not reading yet).
        if self._started is not None:
            self._opening = asyncio.wrap_future(self._started)
        else:
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
            self.session, self.data = await self._opening
        except Exception as error:  # noqa: BLE001 - StoreError, ContentError, ClockError: shown, never raised
            self.problem = error
            return
        theme = self.data.snapshot.settings.theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme  # before the first frame, so it never flashes the default
        self.theme_changed_signal.subscribe(self, self._keep_theme)

    def _keep_theme(self, theme: Any) -> None:
        """A theme chosen in Settings or the palette is kept in the settings, like the others."""
        if self.session is None or self.data is None:
            return
        if self._defer(lambda: self._keep_theme(theme)):
            return
        import dataclasses

        settings = self.data.snapshot.settings
        if theme.name != settings.theme:
            self.publish(
                self.session.save_settings(dataclasses.replace(settings, theme=theme.name))
            )
            self.save()

    async def on_mount(self) -> None:
        from trust_tui.collector import resume_after_start_up

        self.call_after_refresh(resume_after_start_up)  # paused by the command line
        if self.problem is not None:
            await self._show_problem(self.problem)
            return
        self.set_interval(POLL_SECONDS, self.poll_now, name="poll clock and file")
        self._check_size(self.size)
        if self.complete:
            self.call_after_refresh(self._compact_worker)  # after the first frame
        else:
            self.call_after_refresh(self._read_everything)  # then compacts

    def on_ready(self) -> None:
        """Paint the first frame now. Today is composed, laid out and rendered while Textual
        still holds its start-up batch, which discards that render; the next paint would wait
        for the screen's update timer, whose first tick comes a whole period (1/60 s) after it
        first starts. Painting at Ready takes ~16 ms off the first frame (docs/design.md §8).
        Relies on Textual's `Screen._on_timer_update` (what that tick calls), pinned to
        Textual 8.2 in pyproject and guarded by tests/app/test_startup.py."""
        screen = self.screen
        screen.refresh(repaint=True)
        screen._on_timer_update()

    def on_resize(self, event: events.Resize) -> None:
        # Runs before Textual's own handler records the new size: take it from the event.
        self._check_size(event.size)

    def _check_size(self, size: Size) -> None:
        """Below the smallest usable size, say so (and the size needed) rather than draw half
        a screen; the notice leaves once the window is large enough."""
        from trust_tui.tui.screens.too_small import TooSmallScreen, too_small

        shown = any(isinstance(screen, TooSmallScreen) for screen in self.screen_stack)
        if too_small(*size):
            if not shown:
                self.push_screen(TooSmallScreen())
        elif isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast passes the one sanitiser: its words may hold an action's name or a note,
        and a control character in them must never reach the terminal. Toasts are plain text."""
        super().notify(
            user_str(message),
            title=user_str(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

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
                self.notify(user_str(str(error)), title="Guide", severity="error", markup=False)
        return self._guide

    def guide_step(self, step_id: str | None) -> Step | None:
        """One step, without reading the whole guide when it is not read yet (Today asks on
        its first frame); None when there is no such step or it cannot be read."""
        if not step_id:
            return None
        if self._guide is not None:
            return self._guide.steps.get(step_id)
        from trust_tui.guide import load_step

        return load_step(step_id)

    # --- navigation and the palette ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from trust_tui.tui.screens.too_small import TooSmallScreen

        if action in ("go", "help") and (
            self.data is None or isinstance(self.screen, (ModalScreen, TooSmallScreen))
        ):
            return False
        if action == "safety" and type(self.screen).__name__ == "SafetyScreen":
            return False
        # In a dialog, q is a letter of the note; escape closes the dialog first. A dialog
        # hidden by the too-small notice still holds its words: q waits for a larger window.
        return not (
            action == "quit"
            and self.data is not None
            and any(isinstance(screen, ModalScreen) for screen in self.screen_stack)
        )

    async def action_go(self, mode: str) -> None:
        if self.data is None or mode not in MODE_SCREENS:
            return
        if mode == "guide" and not self.data.complete:
            # Its answer boxes are filled from the steps, which the first frame's data lacks:
            # words typed into an empty box would replace the saved ones.
            from trust_tui.tui.screens.base import STILL_READING

            self.notify(STILL_READING, timeout=2, markup=False)
            return
        await self.switch_mode(mode)

    def action_leave_field(self) -> None:
        from textual.widgets import Input, TextArea

        if isinstance(self.focused, (Input, TextArea)):
            self.screen.focus_next()

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
        for reason in ("illness", "travel", "space", "other"):
            yield SystemCommand(
                f"pause: {reason}",
                "Pause from today until you resume: nothing due, no streak breaks",
                self._pause(reason),
            )
        yield SystemCommand("resume", "End the running pause today", self._resume)

    def _pause(self, reason: str) -> Callable[[], None]:
        return lambda: self.post_message(PauseRequested(reason, self.today))

    def _resume(self) -> None:
        self.post_message(ResumeRequested(self.today))

    def _go(self, mode: str) -> Callable[[], Any]:
        return lambda: self.run_action(f"go('{mode}')")

    def _log(self, action_id: str) -> Callable[[], None]:
        return lambda: self.start_log(action_id)

    # --- logging (shared by Today and the palette) ---------------------------------------------

    @property
    def today(self) -> dt.date:
        assert self.data is not None
        return self.data.today

    def start_log(
        self,
        action_id: str,
        *,
        with_note: bool = False,
        backfill: bool = False,
        day: dt.date | None = None,
        confirmed: bool = False,
    ) -> None:
        """Log an action the way its kind asks: the guided check-in, the partner's needs, a
        note or a date when asked for, otherwise one key logs today.

        `day` logs that date, already chosen (the calendar): a day more than 60 days back is
        confirmed first, naming its year."""
        if self.data is None:
            return
        action = self.data.snapshot.action(action_id)
        if action is None:
            return
        if day is not None and not confirmed:
            from trust_tui.tui.dialogs.log_dialog import far_back_question, is_far_back

            if is_far_back(day, self.today):
                from trust_tui.tui.dialogs.confirm import ConfirmDialog

                def answered(yes: bool | None) -> None:
                    if yes:
                        self.start_log(action_id, with_note=with_note, day=day, confirmed=True)

                question = far_back_question(day, self.today)
                self.push_screen(
                    ConfirmDialog(question, yes="Log it", no="Not that day", destructive=False),
                    answered,
                )
                return
        if action.kind == "check-in":
            from trust_tui.tui.dialogs.checkin import CheckInDialog

            dialog = CheckInDialog(action, self.today, backfill=backfill, day=day)
            self.push_screen(dialog, self._logged)
        elif action.kind == "needs":
            from trust_tui.tui.dialogs.needs import NeedsDialog

            actions = self.data.snapshot.actions
            dialog = NeedsDialog(action, self.today, actions, backfill=backfill, day=day)
            self.push_screen(dialog, self._logged)
        elif with_note or backfill:
            from trust_tui.tui.dialogs.log_dialog import LogDialog

            dialog = LogDialog(action, self.today, backfill=backfill, day=day)
            self.push_screen(dialog, self._logged)
        elif day is None and self._already_done_today(action_id):
            from textual.content import Content

            from trust_tui.tui.dialogs.confirm import ConfirmDialog

            question = Content.assemble(
                (user_str(action.name), "bold"), " is already logged for today. Log it once more?"
            )
            today = self.today

            def answered(yes: bool | None) -> None:
                if yes:
                    self.post_message(LogRequested(action_id, today))

            self.push_screen(
                ConfirmDialog(question, yes="Log again", no="No", destructive=False), answered
            )
        else:
            self.post_message(LogRequested(action_id, self.today if day is None else day))

    def _already_done_today(self, action_id: str) -> bool:
        """A day-cadence action whose target for today is already met: one more key press is
        more likely a double enter than a second call. Weekly actions never ask."""
        assert self.data is not None
        action = self.data.snapshot.action(action_id)
        streak = self.data.streaks.get(action_id)
        return (
            action is not None
            and action.cadence == "day"
            and streak is not None
            and streak.this_period.met
        )

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
        if self._defer(lambda: self.on_log_requested(message)):
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
        from trust_tui.tui.dialogs.log_dialog import day_label

        when = "today" if entry.date == data.today else day_label(entry.date, data.today)
        self.notify(f"{action.name}: logged for {when}.", markup=False, timeout=3)
        self._acknowledge(action.id, before.current if before else 0)

    def on_log_undo_requested(self, message: LogUndoRequested) -> None:
        message.stop()
        if self.session is None or self.data is None:
            return
        if self._defer(lambda: self.on_log_undo_requested(message)):
            return
        undone = self.session.undo_last_log()
        if undone is None:
            self.notify("Nothing to undo: no log made since the app opened.", markup=False)
            return
        data, entry = undone
        self.publish(data)
        self.save()
        action = data.snapshot.action(entry.action)
        name = action.name if action else entry.action
        when = "today" if entry.date == data.today else entry.date.strftime("%a %d %b")
        self.notify(f"Undone: {name}, logged for {when}.", markup=False, timeout=4)

    def on_pause_requested(self, message: PauseRequested) -> None:
        from trust_tui.domain.pauses import describe

        if self._defer(lambda: self.on_pause_requested(message)):
            message.stop()
            return

        started: list[str] = []

        def start(session: Session) -> AppData:
            data, pause = session.start_pause(
                message.reason, message.start, message.until, message.note
            )
            started.append(describe(pause))
            return data

        self._apply(message, start, None)
        if not started:
            return
        self.notify(
            f"Paused: {started[0]}. Nothing is due meanwhile, and no streak breaks.",
            markup=False,
            timeout=5,
        )
        if message.reason == "space":
            from trust_tui.guide import ContentError, load_space_note

            try:
                note = load_space_note()
            except ContentError as error:
                note = str(error)
            self.notify(note, title="Your partner asked for space", timeout=30, markup=False)

    def on_resume_requested(self, message: ResumeRequested) -> None:
        self._apply(
            message, lambda s: s.resume(message.day)[0], "Welcome back: the pause has ended."
        )

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
        if self._defer(lambda: self._apply(message, change, note)):
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
        self.notify(user_str(str(error)), title="Not saved", severity="warning", markup=False)

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
        if step is not None and not step.milestones:
            return  # contact with the partner is never made a game (its step says so)
        line = step.encouragement if step is not None else ""
        line = line or "Each kept promise is a small proof. Keep going at your own steady pace."
        self.notify(
            user_str(
                f"{count_units(streak.current, streak.unit)} in a row: {action.name}.\n{line}"
            ),
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
                user_str(
                    f"{failure.message}\nIt is kept here and will be saved again soon; "
                    "do not quit yet."
                ),
                title="Not saved yet",
                severity="error",
                timeout=15,
                markup=False,
            )

    def poll_now(self) -> None:
        """One tick: roll "today" over at the configured hour, notice another process's write."""
        session = self.session
        if session is None or not self.complete:
            return  # the full read, still running, brings the file as it is now
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
                user_str(f"{error}\nWhat you see here is kept; nothing was written."),
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
        await self.wait_for_everything()
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
        await self.wait_for_everything()  # a change asked for meanwhile is made and saved
        self._take_unsaved_screen_text()
        failure = await self.flush_writes()
        if failure is not None and not self._quit_armed:
            self._quit_armed = True
            self.notify(
                user_str(
                    f"{failure.message}\nYour last changes are not in the file yet. Fix the "
                    "problem and press q again, or press q again to quit and see them printed."
                ),
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
            named = "; ".join(label for label in drafts.labels(self) if label)
            self.notify(
                f"Words you closed without saving are kept in: {named}. Open that dialog "
                "again (the same key on the same action or entry) to save them, or press q "
                "again to quit without them.",
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
        return Text(user_str("\n".join(lines)))  # type: ignore[return-value]
