"""Starting and ending pauses: the input rules, each failure one sentence (pure).

The rules (also in the README):
- a pause starts at most `PAUSE_WINDOW_DAYS` days before or after today (you may have been
  too ill to open the app; a pause is not a way to rewrite months of history);
- `until` (the last paused day, inclusive) is never before `from`;
- pauses never overlap (an open pause, with no `until`, runs on until resumed);
- resuming on day D makes D the first day no longer paused; resuming on the day a pause began,
  or before a pause has begun, cancels it (it is removed); a D before a begun pause's first day
  is refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from trust_tui.domain.models import PAUSE_REASONS, Pause
from trust_tui.domain.validation import EARLIEST_DATE, ValidationError, clean_text

PAUSE_WINDOW_DAYS = 30
PAUSE_NOTE_MAX_CHARS = 500


def parse_reason(text: str) -> str:
    reason = text.strip().lower()
    if reason not in PAUSE_REASONS:
        raise ValidationError(f"'{text}' is not a reason; use one of {', '.join(PAUSE_REASONS)}.")
    return reason


def describe(pause: Pause) -> str:
    """'illness from 2026-11-20 until 2026-11-24', 'space from 2026-11-20 (open)'."""
    until = f"until {pause.until.isoformat()}" if pause.until else "until resumed"
    return f"{pause.reason} from {pause.start.isoformat()} {until}"


def new_pause(
    reason: str,
    start: dt.date,
    until: dt.date | None,
    note: str,
    today: dt.date,
    existing: Iterable[Pause],
    uid: str,
) -> Pause:
    """Check a request for a pause and build it (raises ValidationError)."""
    reason = parse_reason(reason)
    window = dt.timedelta(days=PAUSE_WINDOW_DAYS)
    if start < EARLIEST_DATE or start < today - window:
        raise ValidationError(
            f"A pause can start at most {PAUSE_WINDOW_DAYS} days back; {start} is further back."
        )
    if start > today + window:
        raise ValidationError(
            f"A pause can start at most {PAUSE_WINDOW_DAYS} days ahead; {start} is further ahead."
        )
    if until is not None and until < start:
        raise ValidationError(f"The pause would end ({until}) before it starts ({start}).")
    note = clean_text(note, max_chars=PAUSE_NOTE_MAX_CHARS, field="note")
    pause = Pause(uid=uid, reason=reason, start=start, until=until, note=note)  # type: ignore[arg-type]
    clash = overlapping(pause, existing)
    if clash is not None:
        raise ValidationError(
            f"It would overlap your pause for {describe(clash)}; resume or change that one first."
        )
    return pause


def overlapping(pause: Pause, others: Iterable[Pause]) -> Pause | None:
    """The first other pause (by start) sharing a day with `pause`, if any."""
    last = pause.until or dt.date.max
    clashes = [p for p in others if p.uid != pause.uid and p.overlaps(pause.start, last)]
    return min(clashes, key=lambda p: p.start) if clashes else None


def pause_to_end(pauses: Iterable[Pause], day: dt.date) -> Pause | None:
    """The pause a resume on `day` ends: the open one, else one still running on `day`."""
    running = [p for p in pauses if p.until is None or p.until >= day]
    if not running:
        return None
    open_ = [p for p in running if p.until is None]
    return min(open_ or running, key=lambda p: p.start)


def resume(pauses: Iterable[Pause], day: dt.date, today: dt.date) -> tuple[Pause, Pause | None]:
    """(the pause ended, its new version) for a resume on `day`; the new version is None when
    the pause is cancelled (it had not begun before `day`). Raises ValidationError."""
    if day > today + dt.timedelta(days=PAUSE_WINDOW_DAYS):
        raise ValidationError(
            f"You can resume at most {PAUSE_WINDOW_DAYS} days ahead; {day} is further ahead."
        )
    pauses = tuple(pauses)
    pause = pause_to_end(pauses, day)
    if pause is None:
        raise ValidationError(f"There is no pause running on {day} to end.")
    if pause.start > today:
        return pause, None  # not begun yet: resuming calls it off
    if day < pause.start:
        raise ValidationError(
            f"The pause for {pause.reason} began on {pause.start}; resume on or after that day."
        )
    if day == pause.start:
        return pause, None
    return pause, dataclasses.replace(pause, until=day - dt.timedelta(days=1))
