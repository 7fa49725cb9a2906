"""`trust-tui import FILE [--dry-run]`: the JSON export restored or merged, never a word lost."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from app_helpers import disk_bytes, file_raw, hand_edit, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trust_tui.domain.models import LogEntry, Settings, StepProgress
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store

pytestmark = pytest.mark.usefixtures("now_pinned")  # conftest: Friday 2026-11-27, 20:00 +01:00


run = run_cli


def export(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert run("--db", str(db), "export", "--format", "json") == 0
    return capsys.readouterr().out


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.json"
    assert run("--db", str(db), "demo") == 0
    return db


def folder_state(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_import_into_a_new_file_restores_the_export_exactly(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = export(demo, capsys)
    source = tmp_path / "backup.json"
    source.write_text(original)
    restored = tmp_path / "restored.json"
    assert run("--db", str(restored), "import", str(source)) == 0
    out = capsys.readouterr().out
    assert "237 added" in out.replace(",", "")
    assert export(restored, capsys) == original


def test_importing_twice_adds_nothing_and_reports_present(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "backup.json"
    source.write_text(export(demo, capsys))
    before = disk_bytes(demo)
    assert run("--db", str(demo), "import", str(source)) == 0
    assert "holds all of it already" in capsys.readouterr().out
    assert disk_bytes(demo) == before


def test_merge_adds_new_keeps_conflicts_and_reports_invalid(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(export(demo, capsys))
    logs = document["logs"]
    logs[0]["note"] = "an edited note"  # conflicting: the data file's version is kept
    kept_note = json.loads(export(demo, capsys))["logs"][0]["note"]
    logs.append({**logs[1], "uid": "brand-new", "note": "a new entry"})  # added
    logs.append({**logs[1], "uid": "bad", "rating": "x"})  # invalid
    source = tmp_path / "other.json"
    source.write_text(json.dumps(document))
    backups = demo.parent / "backups"
    before = set(backups.iterdir())
    assert run("--db", str(demo), "import", str(source)) == 0
    out = capsys.readouterr().out
    assert "logs:          1 added, 236 already present, 1 conflicting, 1 invalid" in out
    assert logs[0]["uid"] in out and "rating is not a whole number" in out
    taken = set(backups.iterdir()) - before
    assert len(taken) == 1 and "before-import" in taken.pop().name
    after = {e["uid"]: e["note"] for e in json.loads(export(demo, capsys))["logs"]}
    assert after["brand-new"] == "a new entry" and after[logs[0]["uid"]] == kept_note
    assert "bad" not in after


def test_dry_run_writes_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(export(demo, capsys))
    document["logs"].append({**document["logs"][0], "uid": "brand-new"})
    source = tmp_path / "other.json"
    source.write_text(json.dumps(document))
    new = tmp_path / "new" / "file.json"
    new.parent.mkdir()
    before = folder_state(tmp_path)
    assert run("--db", str(demo), "import", str(source), "--dry-run") == 0
    assert "1 added" in capsys.readouterr().out
    assert run("--db", str(new), "import", str(source), "--dry-run") == 0
    assert folder_state(tmp_path) == before and not new.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"not json at all",
        b"\xff\xfe",
        b"[]",
        b'{"schema_version": 1, "actions": [], "logs": {}, "steps": []}',
        b'{"schema_version": 99, "actions": [], "logs": [], "steps": []}',
        b'{"schema_version": 1, "settings": {"week_start": "funday"}, "actions": [], "logs": [], "steps": []}',
    ],
)
def test_a_malformed_file_is_refused_with_nothing_written(
    demo: Path, tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    before = folder_state(tmp_path)
    assert run("--db", str(demo), "import", str(source)) == 2
    assert run("--db", str(tmp_path / "new.json"), "import", str(source)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err
    assert folder_state(tmp_path) == before


# --- the property: export, import into an empty file, export again -----------------------------

ACTION_IDS = [a.id for a in load_default_actions()]
texts = st.text(st.characters(codec="utf-8"), max_size=40)
days = st.dates(dt.date(1970, 1, 1), dt.date(2026, 11, 27))
entries = st.builds(
    LogEntry,
    uid=st.uuids().map(lambda u: u.hex),
    action=st.sampled_from(ACTION_IDS),
    date=days,
    logged_at=st.datetimes(dt.datetime(1970, 1, 2), dt.datetime(2026, 11, 27)).map(
        lambda t: t.replace(microsecond=0, tzinfo=dt.UTC).isoformat()
    ),
    note=texts,
    rating=st.none() | st.integers(1, 10),
)
steps = st.builds(
    StepProgress,
    step=st.sampled_from(["1.1", "1.2", "2.1", "3.4"]),
    done_on=st.none() | days,
    answers=st.dictionaries(st.sampled_from(["a", "b"]), texts, max_size=2),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    logs=st.lists(entries, max_size=30, unique_by=lambda e: e.uid),
    progress=st.lists(steps, max_size=4, unique_by=lambda s: s.step),
    week_start=st.sampled_from(["monday", "sunday", "wednesday"]),
)
def test_export_then_import_into_an_empty_file_reproduces_every_document(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    logs: list[LogEntry],
    progress: list[StepProgress],
    week_start: str,
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    source_db = folder / "source.json"
    store = Store(source_db, default_actions=load_default_actions())
    store.open()
    store.add_logs(logs)
    for item in progress:
        store.save_step(item)
    store.set_settings(Settings(week_start=week_start))
    original = export(source_db, capsys)
    (folder / "e.json").write_text(original)
    assert run("--db", str(folder / "copy.json"), "import", str(folder / "e.json")) == 0
    copy = export(folder / "copy.json", capsys)
    assert copy == original
    restored = file_raw(folder / "copy.json")
    assert sorted(d["uid"] for d in restored["logs"].values()) == sorted(e.uid for e in logs)


def test_an_entry_whose_uid_is_held_by_an_invalid_document_is_not_overwritten(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(export(demo, capsys))
    raw = file_raw(demo)
    key, doc = next(iter(raw["logs"].items()))
    raw["logs"][key] = {**doc, "rating": "x"}  # set aside in the data file, kept untouched
    hand_edit(demo, raw)
    source = tmp_path / "e.json"
    source.write_text(json.dumps(document))
    assert run("--db", str(demo), "import", str(source)) == 0
    out = capsys.readouterr().out
    assert "logs:          0 added, 236 already present, 1 conflicting, 0 invalid" in out
    assert file_raw(demo)["logs"][key]["rating"] == "x"
