"""Realistic histories for the benchmarks (docs/design.md §8): 10 years, 6 actions, N logs.

The default actions plus one custom action ("Home when I said I'd be"), notes of realistic
length (many empty quick messages, short appreciation notes, four-line check-ins, the odd long
journal entry up to the 2,000-character limit), and check-in ratings that climb slowly and not
in a line. The history is written through the real `Store` (`open`, `upsert_action`,
`add_logs`), so the file is exactly what the app writes.

    python benchmarks/generate.py FILE [--logs 50000] [--years 10]

Deterministic: the same arguments give the same file (uids included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from trust_tui.demo import ACTIVITIES as _TOGETHER
from trust_tui.demo import APPRECIATIONS as _THANKS
from trust_tui.demo import CONCERNS as _CONCERNS
from trust_tui.demo import NEEDS as _NEEDS
from trust_tui.demo import PLANS as _PLANS
from trust_tui.domain.models import Action, LogEntry, StepProgress
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store

NOW = dt.datetime.fromisoformat("2026-11-27T20:00:00+01:00")
"""The benchmark's "now": runs set TRUST_TUI_NOW to it, so every figure is reproducible."""

CUSTOM_ACTION = Action(
    id="home-on-time",
    name="Home when I said I'd be",
    cadence="day",
    target=1,
    step="3.6",
    description="Be where I said I would be, when I said I would be there.",
    order=6,
)

_TOUCH = (
    "Texted at lunch to say the appointment went fine.",
    "Called on the way home to ask how their day went.",
    "Sent the photo of the dog asleep on my desk.",
    "Told them when I left work and when I'd be back.",
    "Quick call between meetings, just to hear their voice.",
    "Asked how the dentist went.",
    "Sent the song that was playing in the café.",
)
_JOURNAL = (
    "It was harder than I expected to sit with their anger without explaining myself.",
    "I keep wanting the bad days to be over, and I have to remember it is their pace, not mine.",
    "We talked for two hours. Some of it was the old questions again, and I answered them again.",
    "They said they noticed the small things lately. I did not make a speech about it.",
    "I caught myself getting defensive and stopped, and said so. That helped more than I thought.",
    "The counsellor asked what safety looks like for them. The list was longer than I imagined.",
)


def _text(rng: random.Random, pool: tuple[str, ...], length: int) -> str:
    """Sentences from `pool` until about `length` characters (at most 2,000)."""
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = rng.choice(pool)
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:2000]


def _journal_length(rng: random.Random) -> int:
    """Mostly a few sentences, sometimes a long entry close to the limit."""
    return min(2000, int(rng.lognormvariate(math.log(300), 0.8)))


def _offset(day: dt.date) -> str:
    """Central European offsets: the logged_at strings cross DST twice a year, as real ones do."""
    return "+02:00" if 4 <= day.month <= 10 else "+01:00"


class _History:
    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.logs: list[LogEntry] = []

    def add(
        self, action: str, day: dt.date, hour: int, note: str = "", rating: int | None = None
    ) -> None:
        if day == self.today:
            hour = min(hour, NOW.hour - 1)
        minute, second = self.rng.randrange(60), self.rng.randrange(60)
        stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}{_offset(day)}"
        uid = uuid.UUID(int=self.rng.getrandbits(128)).hex
        self.logs.append(LogEntry(uid, action, day, stamp, note, rating))


def _day_plan(h: _History, day: dt.date, keep: float, messages: float, trust: float) -> None:
    """One day's logs. `keep` thins every log (small histories); `messages` is the mean number
    of calls or messages on a day (large histories are people who text a lot)."""
    rng = h.rng
    rough = day.timetuple().tm_yday % 97 < 9  # a hard fortnight now and then
    chance = lambda p: rng.random() < p * keep * (0.6 if rough else 1.0)  # noqa: E731
    if chance(0.93):
        count = max(1, int(rng.expovariate(1 / messages) + 0.5)) if messages > 1 else 1
        for _ in range(count):
            note = "" if rng.random() < 0.35 else _text(rng, _TOUCH, rng.randrange(20, 120))
            h.add("stay-in-touch", day, rng.randrange(7, 23), note)
    if day.weekday() < 5 and chance(0.85):
        h.add(
            CUSTOM_ACTION.id,
            day,
            rng.choice((18, 19)),
            "" if rng.random() < 0.7 else "Traffic, but I called ahead.",
        )
    if day.weekday() == 6 and chance(0.92):
        note = (
            f"Appreciation: {rng.choice(_THANKS)}\nWent well: {rng.choice(_TOGETHER)}\n"
            f"Concern: {rng.choice(_CONCERNS)}\nPlan: {rng.choice(_PLANS)}"
        )
        if rng.random() < 0.3:
            note += "\n" + _text(rng, _JOURNAL, _journal_length(rng))
        h.add("weekly-check-in", day, 20, note[:2000], round(trust))
    if day.weekday() in (1, 3, 5) and chance(0.85):
        h.add(
            "appreciation-note",
            day,
            rng.choice((8, 9, 21)),
            _text(rng, _THANKS, rng.randrange(60, 250)),
        )
    if day.weekday() == 5 and chance(0.8):
        long = rng.random() < 0.05
        pool = _JOURNAL if long else _TOGETHER
        h.add("shared-activity", day, 15, _text(rng, pool, _journal_length(rng) if long else 80))
    if day.weekday() == 2 and chance(0.75):
        h.add("ask-needs", day, 21, _text(rng, _NEEDS, rng.randrange(50, 200)))


NATURAL_PER_DAY = 0.93 + 0.85 * 5 / 7 + (0.92 + 0.85 * 3 + 0.8 + 0.75) / 7
"""Expected logs per day with one message a day (about 2.4): the scale of a 'natural' history."""


def build_history(
    logs: int, years: int = 10, seed: int = 5, today: dt.date | None = None
) -> list[LogEntry]:
    """Exactly `logs` entries over `years` years up to `today`, oldest first."""
    today = today or NOW.date()
    rng = random.Random(seed)
    days = (today - today.replace(year=today.year - years)).days
    natural = NATURAL_PER_DAY * days
    keep = min(1.0, logs / natural)
    others = (NATURAL_PER_DAY - 0.93) * days * keep
    messages = max(1.0, (logs - others) / (0.93 * days)) if logs > natural else 1.0
    h = _History(rng, today)
    trust = 3.0
    for i in range(days, -1, -1):
        day = today - dt.timedelta(days=i)
        if day.weekday() == 6:
            trust = min(9.4, max(1.0, trust + rng.uniform(-0.35, 0.4)))
        _day_plan(h, day, keep, messages, trust)
    _fit(h, logs, days)
    h.logs.sort(key=lambda e: (e.date, e.logged_at))
    return h.logs


def _fit(h: _History, logs: int, days: int) -> None:
    """Trim or pad (with quick messages on random days) to exactly `logs` entries."""
    rng = h.rng
    if len(h.logs) > logs:
        drop = set(rng.sample(range(len(h.logs)), len(h.logs) - logs))
        h.logs = [e for i, e in enumerate(h.logs) if i not in drop]
    while len(h.logs) < logs:
        day = h.today - dt.timedelta(days=rng.randrange(days))
        h.add(
            "stay-in-touch",
            day,
            rng.randrange(7, 19),
            "" if rng.random() < 0.35 else rng.choice(_TOUCH),
        )


def write_history(
    path: Path,
    logs: int,
    years: int = 10,
    *,
    now: Callable[[], dt.datetime] = lambda: NOW,
) -> Path:
    """Create `path` (which must not exist) through the real Store, holding `logs` logs."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; the generator only writes new files.")
    store = Store(path, default_actions=load_default_actions(), now=now)
    store.open()
    store.upsert_action(CUSTOM_ACTION)
    store.add_logs(build_history(logs, years, today=now().date()))
    start = now().date().replace(year=now().year - years)
    for i, step in enumerate(("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3")):
        store.save_step(StepProgress(step, start + dt.timedelta(days=3 * i), {}))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--logs", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args(argv)
    write_history(args.file, args.logs, args.years)
    print(f"Wrote {args.logs:,} logs over {args.years} years to {args.file}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
