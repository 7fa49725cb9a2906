"""The data file's layout (`trust_tui.storage.layout`): one log per line, read a chunk at a time,
always to the same tables a whole-file parse gives, whatever the documents hold."""

from __future__ import annotations

import json
import string

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trust_tui.domain.models import LogEntry
from trust_tui.storage import layout, logtable
from trust_tui.storage.documents import log_from_doc
from trust_tui.storage.schema import FormatError, decode

META = {"1": {"schema_version": 2, "created_at": "", "settings": {}, "generation": "g"}}
PLAIN = {
    "uid": "u",
    "action": "a",
    "date": "2026-11-27",
    "logged_at": "t",
    "note": "",
    "rating": None,
}
ACTIONS = {"1": {"id": "stay-in-touch", "name": "Call {or} message\nat lunch"}}

texts = st.text(
    alphabet=st.sampled_from(string.ascii_letters + ' {}[]",:\\\n\t\u00e9\u2028😀'), max_size=12
)
exact_logs = st.fixed_dictionaries(
    {
        "uid": st.text(string.hexdigits, min_size=1, max_size=8),
        "action": st.sampled_from(["stay-in-touch", "appreciation-note", "x"]),
        "date": st.dates().map(lambda d: d.isoformat()),
        "logged_at": texts,
        "note": texts,
        "rating": st.none() | st.integers(1, 10),
    }
)
odd_logs = st.one_of(
    exact_logs.map(lambda d: {**d, "extra": [1, {"a": "}"}]}),  # a key from a newer version
    exact_logs.map(lambda d: {k: v for k, v in d.items() if k != "note"}),  # valid, not exact
    exact_logs.map(lambda d: {**d, "date": "2026W481"}),  # set aside
    exact_logs.map(lambda d: {**d, "rating": True}),  # set aside
    st.dictionaries(texts, texts | st.integers(-(2**63), 2**63 - 1), max_size=3),
)
tables = st.dictionaries(
    st.integers(1, 10_000).map(str), st.one_of(exact_logs, exact_logs, odd_logs), max_size=40
)


def exact(doc: dict[str, object]) -> bool:
    """Six fields, each valid: a document exactly as trust-tui writes it."""
    try:
        return len(doc) == 6 and log_from_doc(doc).to_doc() == doc
    except (KeyError, TypeError, ValueError):
        return False


def documents(table: dict[str, object]) -> dict[str, object]:
    return {key: logtable.as_doc(value) for key, value in table.items()}


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(logs=tables)
def test_any_logs_table_reads_back_as_written_in_both_layouts(
    logs: dict[str, dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "CHUNK", 64)  # many chunks, cut at many places
    raw = {"meta": META, "actions": ACTIONS, "logs": logs, "steps": {}}
    ours = layout.encode(raw)
    assert json.loads(ours) == raw  # the standard library (and TinyDB) read it as it was
    assert ours.count(b"\n") == len(logs) + 1  # one line per log, and the others first
    whole_parses: list[bytes] = []

    def spy(data: bytes, found: list[str] | None = None) -> object:
        whole_parses.append(data)
        return decode(data, found)

    monkeypatch.setattr(layout, "decode", spy)
    for data in (ours, orjson.dumps(raw)):  # ours, and any one-line file
        read = layout.read(data)
        assert (data in whole_parses) == (data is not ours)  # ours is read a chunk at a time
        assert read is not None
        assert documents(read["logs"]) == logs
        whole = decode(data)
        assert whole is not None
        assert {k: v for k, v in read.items() if k != "logs"} == {
            k: v for k, v in whole.items() if k != "logs"
        }
        for key, value in read["logs"].items():
            assert (type(value) is LogEntry) == exact(logs[key])
        assert json.loads(layout.encode(read)) == raw


def test_exact_documents_become_entries_and_odd_ones_are_kept_as_they_are() -> None:
    good = {
        "uid": "u1",
        "action": "stay-in-touch",
        "date": "2026-11-27",
        "logged_at": "2026-11-27T08:00:00+01:00",
        "note": "ok",
        "rating": None,
    }
    newer = {**good, "uid": "u2", "mood": "calm"}
    bad = {**good, "uid": "u3", "date": "2026-02-30"}
    raw = {"meta": META, "logs": {"1": good, "2": newer, "3": bad}}
    read = layout.read(layout.encode(raw))
    assert read is not None
    assert type(read["logs"]["1"]) is LogEntry and read["logs"]["1"].to_doc() == good
    assert read["logs"]["2"] == newer and read["logs"]["3"] == bad


def test_a_duplicated_id_across_chunks_falls_back_to_the_whole_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(layout, "CHUNK", 16)
    doc = PLAIN
    data = layout.encode({"meta": META, "logs": {"1": doc, "2": {**doc, "uid": "v"}}})
    planted = data.replace(b'"2":', b'"1":')
    found: list[str] = []
    read = layout.read(planted, found)
    assert read is not None
    assert sorted(logtable.uid_of(v) for v in read["logs"].values()) == ["u", "v"]
    assert found == ["document 1 of table 'logs' appears twice (the copy is kept as 2)"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[:-1],  # the last brace lost
        lambda d: d.replace(b'"note":""', b'"note":"', 1),  # a string left open
        lambda d: d.replace(b",\n", b"\n", 1),  # a comma lost between two logs
    ],
)
def test_a_damaged_file_in_our_layout_is_refused_as_a_whole_parse_refuses_it(damage) -> None:  # type: ignore[no-untyped-def]
    doc = PLAIN
    data = damage(layout.encode({"meta": META, "logs": {"1": doc, "2": doc}}))
    with pytest.raises(FormatError, match="not valid JSON"):
        layout.read(data)
