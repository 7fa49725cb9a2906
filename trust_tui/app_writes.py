"""The app's disk side: queued writes in a thread worker, the poll for the clock and for another
process's writes, and quitting without losing a word (a mixin of `TrustApp`)."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App

    from trust_tui.tracker import AppData, Tracker, WriteFailure

    _Base = App[int]
else:
    _Base = object

__all__ = ["POLL_SECONDS", "WRITE_DELAY", "WritesMixin"]

POLL_SECONDS = 2.0
"""How often the app looks at the clock (rollover) and the file (another process's writes)."""

WRITE_DELAY = 0.01
"""Seconds a write worker lets the UI thread paint the change before it writes. The write
re-encodes the whole file in C calls that hold the GIL for milliseconds at 50,000 logs; started at
once, it delays the repaint of the key press it saves (DESIGN §8). The change is queued in memory
meanwhile, and quitting flushes the queue without waiting for this pause."""


class WritesMixin(_Base):
    """Writing, polling and quitting; the state lives on TrustApp (set in its `__init__`)."""

    db_path: Path
    data: AppData | None
    tracker: Tracker | None
    _reading: bool
    _write_error: str | None
    _read_error: str | None
    _quit_armed: bool
    _drafts_warned: bool

    if TYPE_CHECKING:
        # Provided by ChangesMixin.
        def publish(self, data: AppData) -> None: ...

    def save(self) -> None:
        """Write queued changes in a thread: the screen never waits on the disk."""
        self._write_worker()

    @work(thread=True, group="writes", exit_on_error=False)
    def _write_worker(self) -> None:
        if self.tracker is None:
            return
        time.sleep(WRITE_DELAY)
        failure = self.tracker.flush()
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
        tracker = self.tracker
        if tracker is None or self.data is None:
            return
        changed = tracker.refresh_today()
        if changed is not None:
            self.publish(changed)
        if tracker.pending_count and self._write_error is not None:
            self.save()  # try a failed write again
        if not self._reading and tracker.file_changed():
            self._reading = True
            self._read_worker()

    @work(thread=True, group="reads", exit_on_error=False)
    def _read_worker(self) -> None:
        assert self.tracker is not None
        try:
            result = self.tracker.read_file()
        except Exception as error:  # noqa: BLE001 - StoreError: the file went bad under us; keep what we have
            self.call_from_thread(self._after_read_error, error)
            return
        self.call_from_thread(self._after_read, result)

    def _after_read(self, result: tuple[Any, ...]) -> None:
        self._reading = False
        self._read_error = None
        assert self.tracker is not None
        data = self.tracker.accept_read(*result)
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

    # --- quitting ----------------------------------------------------------------------------

    async def flush_writes(self) -> WriteFailure | None:
        """Wait for every queued write (used on quit)."""
        if self.tracker is None:
            return None
        return await asyncio.to_thread(self.tracker.flush)

    async def on_unmount(self) -> None:
        """However the app ends (q, ctrl+q, a test leaving run_test), queued writes finish first."""
        failure = await self.flush_writes()
        if failure is not None:
            self.exit(1, return_code=1, message=self._unsaved_text())

    def _take_unsaved_screen_text(self) -> None:
        """Screens holding typed text not yet posted (the Guide's answer boxes) hand it over
        now: a message posted while quitting would never be handled."""
        if self.tracker is None or self.data is None:
            return
        for screen in self.screen_stack:
            take = getattr(screen, "unsaved_progress", None)
            if not callable(take):
                continue
            progress = take()
            if progress is not None:
                self.data = self.tracker.save_step(progress)

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
        if not self._drafts_warned and self._pending_drafts():
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

    def _pending_drafts(self) -> int:
        from trust_tui.widgets import drafts

        return drafts.pending(self)

    def _unsaved_text(self) -> str:
        """What could not be saved, printed after the app closes so no word is lost."""
        from rich.text import Text

        assert self.tracker is not None
        lines = ["trust-tui could not save these changes to " + str(self.db_path) + ":"]
        for label, note in self.tracker.unsaved_notes():
            lines.append(f"- {label}" + (f":\n{note}" if note else ""))
        return Text("\n".join(lines))  # type: ignore[return-value]
