"""The domain's values are built by `domain.frozen`, not `dataclasses`, yet behave as the frozen,
slotted dataclasses they were (the `log` command no longer imports `dataclasses`)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
import subprocess
import sys

import pytest

from trust_tui.domain.models import Action, LogEntry, Settings, StepProgress
from trust_tui.domain.streaks import PeriodProgress, StreakInfo

DAY = dt.date(2026, 11, 27)


def test_a_log_entry_is_a_frozen_slotted_value() -> None:
    entry = LogEntry("u", "a", DAY, "2026-11-27T20:00:00+01:00", note="n")
    assert repr(entry) == (
        "LogEntry(uid='u', action='a', date=datetime.date(2026, 11, 27), "
        "logged_at='2026-11-27T20:00:00+01:00', note='n', rating=None)"
    )
    assert not hasattr(entry, "__dict__")
    assert entry != ("u", "a", DAY, entry.logged_at, "n", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.rating = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del entry.note  # type: ignore[misc]
    with pytest.raises(TypeError):
        LogEntry("u", "a", DAY)  # type: ignore[call-arg]


def test_the_dataclasses_functions_work_on_them() -> None:
    assert dataclasses.is_dataclass(Settings) and dataclasses.is_dataclass(Settings())
    assert [f.name for f in dataclasses.fields(Settings())] == [
        "week_start",
        "day_starts_at",
        "checkin_day",
        "checkin_time",
        "theme",
    ]
    action = Action("x", "X", "day", 1)
    assert dataclasses.replace(action, archived=True) == Action("x", "X", "day", 1, archived=True)
    assert dataclasses.asdict(PeriodProgress(DAY, DAY, 1, 1, True)) == {
        "start": DAY,
        "end": DAY,
        "count": 1,
        "target": 1,
        "met": True,
    }


def test_copies_pickles_hashes_and_factories() -> None:
    info = StreakInfo("x", "day", 2, 3, PeriodProgress(DAY, DAY, 1, 1, True), DAY)
    assert copy.copy(info) == info and copy.deepcopy(info) == info
    assert pickle.loads(pickle.dumps(info)) == info
    assert hash(copy.deepcopy(info)) == hash(info)
    first, second = StepProgress("1"), StepProgress("1")
    assert first.answers == {} and first.answers is not second.answers
    with pytest.raises(TypeError):
        hash(first)  # a dict field: unhashable, as the dataclass was


def test_the_log_command_does_not_import_dataclasses() -> None:
    code = "import sys, trust_tui.cli.log; print('dataclasses' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
