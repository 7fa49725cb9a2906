"""The one-line summary of where the user is in the guide: "Part 1 ✓ · Part 2 2/3 · Part 3 week 7".

Parts made of one-time steps (1 and 2) count the steps marked done. A part made only of ongoing
steps (Part 3) has no end: it shows which week of it the user is in, counted in calendar weeks
(cut on the user's week start) from the week of the first entry in the tracker. We count from the
first entry, not from the day Part 2 was marked done, because people start the Part-3 actions
while they are still working through the apology, and many never tick the last box; the tracker
is where Part 3 actually happens. A part with no entries yet says "not started".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from textual.content import Content
from textual.widgets import Static

from trust_tui.domain.calendar import week_start_date
from trust_tui.domain.models import LogEntry, StepProgress
from trust_tui.guide import Guide, Part

__all__ = ["GuideProgress", "part_label", "progress_line", "tracker_week"]


def tracker_week(logs: Iterable[LogEntry], today: dt.date, week_start: int) -> int | None:
    """Which calendar week of the tracker today is (1 = the week of the first entry), or None."""
    dates = [entry.date for entry in logs if entry.date <= today]
    if not dates:
        return None
    first = week_start_date(min(dates), week_start)
    current = week_start_date(today, week_start)
    return (current - first).days // 7 + 1


def part_label(part: Part, steps: Mapping[str, StepProgress], week: int | None) -> str:
    """'Part 1 ✓', 'Part 2 2/3', 'Part 3 week 7' or 'Part 3 not started'."""
    one_time = [s for s in part.steps if s.kind == "one-time"]
    if one_time:
        done = sum(1 for s in one_time if (p := steps.get(s.id)) and p.done_on)
        return (
            f"Part {part.id} ✓"
            if done == len(one_time)
            else f"Part {part.id} {done}/{len(one_time)}"
        )
    if week is None:
        return f"Part {part.id} not started"
    return f"Part {part.id} week {week}"


def progress_line(
    guide: Guide,
    steps: Mapping[str, StepProgress],
    logs: Iterable[LogEntry],
    today: dt.date,
    week_start: int,
) -> str:
    week = tracker_week(logs, today, week_start)
    return " · ".join(part_label(part, steps, week) for part in guide.parts)


class GuideProgress(Static):
    """Shows `progress_line` (our own words, still passed as Content, never as markup)."""

    def show_line(self, line: str) -> None:
        self.update(Content(line))
