"""The index's day counts change the same way whether held as dicts or as stored (two arrays),
which is how `trust-tui log` changes them without converting 20,000 days."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from trust_tui.storage import index

changes = st.lists(
    st.tuples(
        st.sampled_from(["stay-in-touch", "appreciation-note"]),
        st.dates(dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        st.booleans(),  # True: a log added; False: one removed
    ),
    max_size=40,
)


@given(changes)
def test_stored_and_dict_day_counts_change_alike(steps: list[tuple[str, dt.date, bool]]) -> None:
    as_dicts: index.Index = {"days": {}, "count": 0, "next_id": 1}
    as_stored: index.Index = {"days": {}, "count": 0, "next_id": 1}
    as_stored["days"] = {"stay-in-touch": [[], []]}
    expected: dict[str, dict[int, int]] = {}
    for n, (action, day, added) in enumerate(steps, start=1):
        doc = {"action": action, "date": day.isoformat()}
        per = expected.setdefault(action, {})
        ordinal = day.toordinal()
        if not added and not per.get(ordinal):
            continue  # a removal of a log that is not there: never happens
        change = ("logs", str(n), None, doc) if added else ("logs", str(n), doc, None)
        index.apply(as_dicts, [change])
        index.apply(as_stored, [change])
        per[ordinal] = per.get(ordinal, 0) + (1 if added else -1)
        if not per[ordinal]:
            del per[ordinal]
    for action in ("stay-in-touch", "appreciation-note"):
        want = expected.get(action, {})
        assert index.counts_of(as_dicts, action) == want
        assert index.counts_of(as_stored, action) == want
