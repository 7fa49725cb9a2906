"""Plain-text tables for the command line (no Textual, no Rich: it starts fast)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trust_tui.domain.models import Action, Settings
from trust_tui.domain.summary import WeeklySummary
from trust_tui.domain.text import pad
from trust_tui.domain.wording import count_short, period_phrase, progress_label, streak_short

__all__ = ["format_actions", "format_settings", "format_summary", "period_phrase"]

NAME_WIDTH = 20
CELL_WIDTH = 7
WEEKS_PER_BLOCK = 8


def format_summary(summary: WeeklySummary) -> str:
    lines = [
        f"Week summary — today is {summary.today:%a %d %b %Y}; weeks start on "
        f"{summary.week_start.capitalize()}.",
        "",
        f"{'':<{NAME_WIDTH}}  {'this period':<17} {'streak':>7} {'best':>7} "
        f"{'met':>7} {'strength':>8}",
    ]
    for action in summary.actions:
        streak = summary.streaks[action.id]
        best = count_short(streak.best, streak.unit)
        met = f"{streak.met_periods}/{streak.counted_periods}" if streak.counted_periods else "–"
        lines.append(
            f"{pad(action.name, NAME_WIDTH)}  "
            f"{progress_label(action, streak.this_period):<17} {streak_short(streak):>7} {best:>7} "
            f"{met:>7} {round(streak.strength * 100):>6} %"
        )
    weeks = list(reversed(summary.weeks))  # oldest on the left, this week on the right
    for start in range(0, len(weeks), WEEKS_PER_BLOCK):
        block = weeks[start : start + WEEKS_PER_BLOCK]
        lines += [
            "",
            f"{'Week of':<{NAME_WIDTH}}"
            + "".join(f"{w.start:%d %b}".rjust(CELL_WIDTH) for w in block),
        ]
        for action in summary.actions:
            cells = []
            for week in block:
                cell = week.cells[action.id]
                if cell.status == "before_start":
                    text = "· "
                elif cell.status == "paused":
                    text = "‖ "
                else:
                    text = f"{cell.count}/{cell.target}" + ("✓" if cell.met else " ")
                cells.append(text.rjust(CELL_WIDTH))
            lines.append(pad(action.name, NAME_WIDTH) + "".join(cells))
    lines += [
        "",
        "✓ = the week's target was met. A day action counts its days met of the week's.",
        "· = before the action started; ‖ = paused and not met. Neither is a miss.",
        "met = periods met of those counted since the start. Strength rises with each",
        "met period and eases down after a miss (README, Streak rules).",
    ]
    return "\n".join(lines)


def format_actions(actions: Sequence[Action]) -> str:
    lines = [f"{'id':<22} {'name':<22} {'cadence':<8} {'target':>6}  step"]
    for a in actions:
        step = a.step or "–"
        flag = "  (archived)" if a.archived else ""
        lines.append(
            f"{pad(a.id, 22)} {pad(a.name, 22)} {a.cadence:<8} {a.target:>6}  {step}{flag}"
        )
    return "\n".join(lines)


def format_settings(settings: Settings, path: Path) -> str:
    return "\n".join(
        [
            f"week start:     {settings.week_start}",
            f"day starts at:  {settings.day_starts_at:%H:%M}",
            f"check-in day:   {settings.checkin_day or 'not set'}",
            f"check-in time:  {settings.checkin_time.strftime('%H:%M') if settings.checkin_time else 'not set'}",
            f"theme:          {settings.theme or 'default'}",
            f"data file:      {path}",
        ]
    )
