"""Pauses (issue 10): the input rules, resuming, and the round trip through the data file.

The streak rule itself (a paused, unmet period neither counts nor breaks) lives with the streaks
and is tested there; this file covers what makes pauses exist."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from app_helpers import file_raw, hand_edit
from hypothesis import given, settings
from hypothesis import strategies as st

from trust_tui.domain.edits import drop_pause, put_pause
from trust_tui.domain.models import PAUSE_REASONS, Pause, Settings, Snapshot
from trust_tui.domain.pauses import (
    PAUSE_WINDOW_DAYS,
    new_pause,
    overlapping,
    resume,
)
from trust_tui.domain.validation import ValidationError
from trust_tui.guide import load_default_actions
from trust_tui.storage.documents import pause_from_doc
from trust_tui.storage.store import Store

TODAY = dt.date(2026, 11, 27)


def _pause(start: int, until: int | None, uid: str = "x", reason: str = "illness") -> Pause:
    end = None if until is None else TODAY + dt.timedelta(days=until)
    return Pause(uid, reason, TODAY + dt.timedelta(days=start), end)  # type: ignore[arg-type]


def test_a_pause_from_today_until_resumed() -> None:
    pause = new_pause("illness", TODAY, None, "flu", TODAY, (), "u1")
    assert (pause.reason, pause.start, pause.until, pause.note) == ("illness", TODAY, None, "flu")


@pytest.mark.parametrize(
    ("reason", "start", "until", "words"),
    [
        ("sad", TODAY, None, "is not a reason"),
        ("illness", TODAY, TODAY - dt.timedelta(days=1), "before it starts"),
        ("travel", TODAY - dt.timedelta(days=PAUSE_WINDOW_DAYS + 1), None, "days back"),
        ("travel", TODAY + dt.timedelta(days=PAUSE_WINDOW_DAYS + 1), None, "days ahead"),
    ],
)
def test_bad_requests_are_refused_in_one_sentence(
    reason: str, start: dt.date, until: dt.date | None, words: str
) -> None:
    with pytest.raises(ValidationError) as error:
        new_pause(reason, start, until, "", TODAY, (), "u")
    assert words in str(error.value) and "\n" not in str(error.value)


def test_a_note_keeps_its_words_without_control_characters() -> None:
    pause = new_pause("other", TODAY, None, "away\x1b[31m now", TODAY, (), "u")
    assert pause.note == "away[31m now"


def test_an_overlapping_pause_is_refused_and_names_the_other() -> None:
    existing = (_pause(-2, None, "a"),)
    with pytest.raises(ValidationError) as error:
        new_pause("travel", TODAY + dt.timedelta(days=5), None, "", TODAY, existing, "b")
    assert "overlap your pause for illness from 2026-11-25 until resumed" in str(error.value)


def test_back_to_back_pauses_do_not_overlap() -> None:
    existing = (_pause(-10, -3, "a"),)
    pause = new_pause("travel", TODAY - dt.timedelta(days=2), None, "", TODAY, existing, "b")
    assert pause.start == dt.date(2026, 11, 25)


days = st.integers(min_value=-PAUSE_WINDOW_DAYS, max_value=PAUSE_WINDOW_DAYS)


@given(st.lists(st.tuples(days, st.one_of(st.none(), st.integers(0, 40))), max_size=12))
def test_accepted_pauses_never_share_a_day(requests: list[tuple[int, int | None]]) -> None:
    """Whatever is asked for, in whatever order, the pauses kept never overlap."""
    kept: list[Pause] = []
    for n, (start, length) in enumerate(requests):
        first = TODAY + dt.timedelta(days=start)
        last = None if length is None else first + dt.timedelta(days=length)
        try:
            kept.append(new_pause("other", first, last, "", TODAY, kept, str(n)))
        except ValidationError:
            continue
    for a in kept:
        assert overlapping(a, kept) is None
    for day in range(-PAUSE_WINDOW_DAYS, 80):
        d = TODAY + dt.timedelta(days=day)
        assert sum(p.overlaps(d, d) for p in kept) <= 1


@given(
    days, st.one_of(st.none(), st.integers(0, 40)), days, st.one_of(st.none(), st.integers(0, 40))
)
def test_overlap_is_symmetric(s1: int, l1: int | None, s2: int, l2: int | None) -> None:
    a = _pause(s1, None if l1 is None else s1 + l1, "a")
    b = _pause(s2, None if l2 is None else s2 + l2, "b")
    assert (overlapping(a, [b]) is None) == (overlapping(b, [a]) is None)


def test_resume_ends_the_open_pause_the_day_before() -> None:
    open_ = _pause(-5, None)
    old, new = resume((open_,), TODAY, TODAY)
    assert old == open_ and new is not None and new.until == TODAY - dt.timedelta(days=1)


def test_resume_on_the_first_day_cancels_it() -> None:
    starts_today = _pause(0, None)
    assert resume((starts_today,), TODAY, TODAY) == (starts_today, None)
    ahead = _pause(3, 6)
    assert resume((ahead,), TODAY, TODAY) == (ahead, None)


def test_resume_before_a_begun_pause_is_refused_rather_than_cancelling_it() -> None:
    begun = _pause(-5, None)
    with pytest.raises(ValidationError) as error:
        resume((begun,), TODAY - dt.timedelta(days=9), TODAY)
    assert "began on 2026-11-22; resume on or after that day" in str(error.value)
    assert resume((begun,), TODAY - dt.timedelta(days=5), TODAY) == (begun, None)


def test_resume_with_no_pause_running_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        resume((_pause(-9, -3),), TODAY, TODAY)
    assert "There is no pause running on 2026-11-27" in str(error.value)
    with pytest.raises(ValidationError):
        resume((), TODAY, TODAY)


@given(
    st.sampled_from(PAUSE_REASONS),
    st.dates(dt.date(1970, 1, 1), dt.date(2100, 1, 1)),
    st.one_of(st.none(), st.integers(0, 400)),
    st.text(max_size=50),
)
def test_a_pause_document_round_trips(
    reason: str, start: dt.date, length: int | None, note: str
) -> None:
    until = None if length is None else start + dt.timedelta(days=length)
    pause = Pause("u", reason, start, until, note)  # type: ignore[arg-type]
    assert pause_from_doc(pause.to_doc()) == pause


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(PAUSE_REASONS),
            st.integers(-400, 400),
            st.one_of(st.none(), st.integers(0, 30)),
        ),
        max_size=5,
    ),
    st.data(),
)
def test_pauses_saved_and_removed_in_the_store_come_back_as_in_memory(
    specs: list[tuple[str, int, int | None]], data: st.DataObject
) -> None:
    """Store.save_pause / delete_pause and the session's in-memory edits agree."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "trust.json", default_actions=load_default_actions())
        snapshot = store.open()
        memory = Snapshot(Settings(), snapshot.actions, (), {})
        pauses = [
            _pause(start, None if n is None else start + n, f"p{i}", reason)
            for i, (reason, start, n) in enumerate(specs)
        ]
        for pause in pauses:
            store.save_pause(pause)
            memory = put_pause(memory, pause)
        if pauses:
            gone = data.draw(st.sampled_from(pauses))
            store.delete_pause(gone.uid)
            memory = drop_pause(memory, gone.uid)
            changed = data.draw(st.sampled_from(pauses))
            if changed.uid != gone.uid:
                changed = Pause(changed.uid, "space", changed.start, changed.start, "now")
                store.save_pause(changed)
                memory = put_pause(memory, changed)
        assert store.load().pauses == memory.pauses
        assert Store(store.path).load().pauses == memory.pauses


def test_an_unreadable_pause_is_left_out_and_doctor_names_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "trust.json", default_actions=load_default_actions())
    store.open()
    store.save_pause(_pause(-3, None, "good"))
    raw = file_raw(store.path)
    raw["pauses"]["2"] = {"uid": "bad", "reason": "holiday", "from": "2026-11-01", "until": None}
    hand_edit(store.path, raw)
    assert [p.uid for p in Store(store.path).load().pauses] == ["good"]
    problems = Store(store.path).doctor()
    assert any("Pause document 2" in p and "holiday" in p for p in problems)
