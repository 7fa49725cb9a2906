"""The app's message handlers: each change a screen asks for is validated, applied in memory,
published to every screen, then queued for the disk; a milestone gets a warm word (a mixin of
`TrustApp`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from trust_tui.messages import (
    ActionSaved,
    EntryDeleted,
    EntryEdited,
    EntryRestored,
    LogRequested,
    SettingsChanged,
    StepSaved,
)

if TYPE_CHECKING:
    from textual.app import App
    from textual.signal import Signal

    from trust_tui.guide import Step
    from trust_tui.tracker import AppData, Tracker

    _Base = App[int]
else:
    _Base = object

__all__ = ["DAY_MILESTONES", "WEEK_MILESTONES", "ChangesMixin"]

WEEK_MILESTONES = frozenset({4, 8, 12, 26, 52, 104})
DAY_MILESTONES = frozenset({7, 30, 100, 365})


class ChangesMixin(_Base):
    """Handlers of the messages in `trust_tui.messages`."""

    data: AppData | None
    data_changed: Signal[AppData]
    tracker: Tracker | None

    if TYPE_CHECKING:
        # Provided by TrustApp and WritesMixin.
        def save(self) -> None: ...
        def guide_step(self, step_id: str | None) -> Step | None: ...

    def publish(self, data: AppData) -> None:
        self.data = data
        self.data_changed.publish(data)

    def _refuse(self, error: Exception) -> None:
        self.notify(str(error), title="Not saved", severity="warning", markup=False)

    def on_log_requested(self, message: LogRequested) -> None:
        from trust_tui.domain.validation import ValidationError

        message.stop()
        if self.tracker is None or self.data is None:
            return
        before = self.data.streaks.get(message.action_id)
        # A dialog dates its entry on the today it opened with; if "today" went back since
        # (the hour the day starts was moved later, the clock was set back), that day is now
        # ahead of today. Refusing it would throw away the words: log them for today instead.
        day = min(message.day, self.data.today)
        try:
            data, entry = self.tracker.log(message.action_id, day, message.note, message.rating)
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
        self._apply(message, lambda t: t.edit(message.entry), "Entry updated.")

    def on_entry_deleted(self, message: EntryDeleted) -> None:
        self._apply(message, lambda t: t.delete(message.uid)[0], None)

    def on_entry_restored(self, message: EntryRestored) -> None:
        self._apply(message, lambda t: t.restore(message.entry), "Entry brought back.")

    def on_action_saved(self, message: ActionSaved) -> None:
        self._apply(message, lambda t: t.save_action(message.action), None)

    def on_settings_changed(self, message: SettingsChanged) -> None:
        self._apply(message, lambda t: t.save_settings(message.settings), None)

    def on_step_saved(self, message: StepSaved) -> None:
        self._apply(message, lambda t: t.save_step(message.progress), None)

    def _apply(self, message: Any, change: Callable[[Tracker], AppData], note: str | None) -> None:
        from trust_tui.domain.validation import ValidationError

        message.stop()
        if self.tracker is None or self.data is None:
            return
        try:
            data = change(self.tracker)
        except ValidationError as error:
            self._refuse(error)
            return
        self.publish(data)
        self.save()
        if note:
            self.notify(note, markup=False, timeout=3)

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

        line = ""
        step = self.guide_step(action.step)
        if step is not None:
            line = step.encouragement
        line = line or "Each kept promise is a small proof. Keep going at your own steady pace."
        self.notify(
            f"{count_units(streak.current, streak.unit)} in a row: {action.name}.\n{line}",
            title="A milestone",
            timeout=8,
            markup=False,
        )
