"""The daily commands (issue 10): due, pause, resume, settings --checkin-*, log by name, completion.

Every bad input exits 2 with one line on stderr and leaves the file byte for byte as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from app_helpers import disk_bytes, file_raw, hand_edit, run_cli

from trust_tui.cli.parser import PAUSE_REASONS
from trust_tui.domain import models
from trust_tui.domain.models import Settings
from trust_tui.guide import load_default_actions
from trust_tui.storage.documents import settings_from_doc
from trust_tui.storage.store import Store

pytestmark = pytest.mark.usefixtures("now_pinned")  # conftest: Friday 2026-11-27, 20:00 +01:00


def run(db: Path, *args: str) -> int:
    return run_cli("--db", str(db), *args)


def make_file(db: Path) -> bytes:
    assert run(db, "log", "stay-in-touch") == 0
    return disk_bytes(db)


def raw(db: Path) -> dict:  # type: ignore[type-arg]
    return file_raw(db)


def settings_doc(db: Path) -> dict:  # type: ignore[type-arg]
    return next(iter(raw(db)["meta"].values()))["settings"]


# --- due ------------------------------------------------------------------------------------


def test_due_lists_what_is_left_and_when_it_was_last_done(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_file(db)
    assert run(db, "log", "appreciation-note", "--date", "2026-11-24") == 0
    capsys.readouterr()
    assert run(db, "due") == 0
    out = capsys.readouterr().out
    assert out.startswith("Due on Friday 27 November:")
    assert "Appreciation note" in out and "2 more this week" in out and "3 days ago" in out
    assert "Call or message" not in out  # done today
    assert run(db, "due", "--short") == 0
    assert capsys.readouterr().out == "trust: 4 due\n"


def test_due_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_file(db)
    capsys.readouterr()
    assert run(db, "due", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["today"] == "2026-11-27" and document["paused"] is None
    assert [d["id"] for d in document["due"]] == [
        "weekly-check-in",
        "ask-needs",
        "shared-activity",
        "appreciation-note",
    ]
    assert document["due"][-1]["phrase"] == "3 more this week"
    assert document["last_done"]["stay-in-touch"] == "2026-11-27"
    assert document["last_done"]["ask-needs"] is None


def test_due_on_a_new_file_reads_without_creating_it(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "due", "--short") == 0
    assert capsys.readouterr().out == "trust: 5 due\n"
    assert not db.exists()


def test_short_prints_nothing_when_nothing_is_due(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for action in load_default_actions():
        for _ in range(action.target):
            assert run(db, "log", action.id) == 0
    capsys.readouterr()
    assert run(db, "due", "--short") == 0
    assert capsys.readouterr().out == ""
    assert run(db, "due") == 0
    assert "Nothing is due" in capsys.readouterr().out


def test_due_on_the_checkin_day_puts_it_first(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "settings", "--checkin-day", "friday", "--checkin-time", "19:30") == 0
    capsys.readouterr()
    assert run(db, "due") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Weekly check-in" in lines[1] and "check-in due today" in lines[1]


# --- settings ---------------------------------------------------------------------------------


def test_checkin_day_and_time_are_stored_and_cleared(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "settings", "--checkin-day", "Sun", "--checkin-time", "7:05") == 0
    assert "check-in day:   sunday" in capsys.readouterr().out
    assert settings_doc(db)["checkin_day"] == "sunday"
    assert settings_doc(db)["checkin_time"] == "07:05"
    assert run(db, "settings", "--checkin-day", "none") == 0
    assert "checkin_day" not in settings_doc(db)  # removed, not stored as null
    assert settings_doc(db)["checkin_time"] == "07:05"
    assert run(db, "settings", "--checkin-time", "none") == 0
    assert "checkin_time" not in settings_doc(db)


@pytest.mark.parametrize(
    "args",
    [
        ("settings", "--checkin-day", "someday"),
        ("settings", "--checkin-day", ""),
        ("settings", "--checkin-time", "25:00"),
        ("settings", "--checkin-time", "7pm"),
        ("log", "zzz"),
        ("log", "a"),  # ask-needs and appreciation-note
        ("pause", "--reason", "holiday"),
        ("pause", "--reason", "illness", "--from", "2026-11-25", "--until", "2026-11-20"),
        ("pause", "--reason", "illness", "--from", "2026-02-30"),
        ("pause", "--reason", "illness", "--from", "2026-01-01"),
        ("pause", "--reason", "travel", "--from", "2026-11-28"),  # overlaps the open pause
        ("resume", "--date", "27/11/2026"),
        ("export", "--format", "ics", "--tz", "Mars/Olympus"),
        ("completion", "fish"),
        ("due", "--weeks", "3"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    make_file(db)
    assert run(db, "pause", "--reason", "illness", "--from", "2026-11-26") == 0
    before = disk_bytes(db)
    capsys.readouterr()
    assert run(db, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("trust-tui") and err.count("\n") == 1
    assert disk_bytes(db) == before


def test_resume_with_no_pause_exits_2_and_writes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = make_file(db)
    assert run(db, "resume") == 2
    assert capsys.readouterr().err == "trust-tui: There is no pause running on 2026-11-27 to end.\n"
    assert disk_bytes(db) == before


def test_a_settings_document_with_a_bad_checkin_falls_back_and_doctor_says_so(db: Path) -> None:
    make_file(db)
    data = raw(db)
    next(iter(data["meta"].values()))["settings"]["checkin_day"] = "someday"
    hand_edit(db, data)
    assert Store(db).load().settings == Settings()
    assert any("checkin_day 'someday'" in p for p in Store(db).doctor())


def test_settings_read_back_every_field() -> None:
    settings = Settings("sunday", dt.time(4), "friday", dt.time(19, 30), "nord")
    assert settings_from_doc(settings.to_doc()) == settings
    assert settings_from_doc(Settings().to_doc()) == Settings()


def test_set_settings_with_fields_removes_a_cleared_key(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.json", default_actions=load_default_actions())
    store.open()
    store.set_settings(Settings(checkin_day="monday", theme="nord"))
    store.set_settings(dataclasses.replace(Settings(), theme="nord"), ["checkin_day"])
    assert store.load().settings == Settings(theme="nord")
    assert "checkin_day" not in settings_doc(store.path)


# --- log by name -------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["call", "Call or message", "CALL OR", "stay"])
def test_log_takes_a_name_or_a_prefix(
    db: Path, capsys: pytest.CaptureFixture[str], ref: str
) -> None:
    assert run(db, "log", ref) == 0
    assert "Logged Call or message for 2026-11-27" in capsys.readouterr().out
    assert [d["action"] for d in raw(db)["logs"].values()] == ["stay-in-touch"]


def test_an_ambiguous_prefix_lists_the_candidates(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "log", "a") == 2
    err = capsys.readouterr().err
    assert (
        "ask-needs (Ask what they need)" in err and "appreciation-note (Appreciation note)" in err
    )
    assert not db.exists()


# --- pause and resume --------------------------------------------------------------------------


def test_pause_then_resume(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "pause", "--reason", "travel", "--from", "2026-11-24", "--note", "Lisbon") == 0
    assert "Paused for travel from 2026-11-24" in capsys.readouterr().out
    [doc] = raw(db)["pauses"].values()
    assert (doc["reason"], doc["from"], doc["until"], doc["note"]) == (
        "travel",
        "2026-11-24",
        None,
        "Lisbon",
    )
    assert run(db, "due", "--short") == 0
    assert capsys.readouterr().out == ""  # nothing nags during a pause
    assert run(db, "resume") == 0
    assert "until 2026-11-26" in capsys.readouterr().out
    [doc] = raw(db)["pauses"].values()
    assert doc["until"] == "2026-11-26"
    assert run(db, "due", "--short") == 0
    assert capsys.readouterr().out == "trust: 5 due\n"


def test_a_space_pause_prints_the_note_on_respecting_space(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "pause", "--reason", "space") == 0
    out = capsys.readouterr().out
    assert "persistence is not devotion" in out
    assert run(db, "due") == 0
    assert "Paused (space)" in capsys.readouterr().out


def test_resuming_a_pause_that_has_not_begun_cancels_it(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(db, "pause", "--reason", "travel", "--from", "2026-12-10", "--until", "2026-12-14") == 0
    )
    assert run(db, "resume") == 0
    assert "Cancelled the pause" in capsys.readouterr().out
    assert raw(db)["pauses"] == {}


def test_the_parser_knows_every_pause_reason() -> None:
    assert PAUSE_REASONS == models.PAUSE_REASONS


# --- completion --------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_scripts_name_the_commands_options_and_action_ids(
    db: Path, capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    assert run(db, "completion", shell) == 0
    script = capsys.readouterr().out
    for word in ("due", "pause", "resume", "--checkin-day", "--reason", "illness"):
        assert word in script
    assert "_trust_tui_action_ids" in script and "trust-tui actions --ids" in script


def test_actions_ids_lists_the_active_ids(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "actions", "--ids") == 0
    assert capsys.readouterr().out.split() == [a.id for a in load_default_actions()]
