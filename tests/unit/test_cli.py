"""The command line as a script would use it: exit codes, one-line errors, nothing written on failure."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import disk_bytes, file_raw, run_cli

from trust_tui.cli import main
from trust_tui.domain.summary import weekly_summary
from trust_tui.storage.store import Store

NOW = "2026-11-27T20:00:00+01:00"


pytestmark = pytest.mark.usefixtures("now_pinned")  # conftest: Friday 2026-11-27, 20:00 +01:00


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "trust.json"


def run(db: Path, *args: str) -> int:
    return run_cli("--db", str(db), *args)


def make_file(db: Path) -> bytes:
    db.parent.mkdir(mode=0o700, exist_ok=True)
    assert run(db, "log", "appreciation-note", "--note", "first") == 0
    return disk_bytes(db)


def test_log_creates_private_file_and_reports_progress(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.parent.mkdir()
    assert run(db, "log", "appreciation-note", "--note", "Thanked them for the soup") == 0
    out = capsys.readouterr().out
    assert "Logged Appreciation note for 2026-11-27" in out
    assert "1/3 this week" in out
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    data = file_raw(db)
    notes = [doc["note"] for doc in data["logs"].values()]
    assert notes == ["Thanked them for the soup"]


def test_log_with_date_and_rating(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_file(db)
    assert run(db, "log", "weekly-check-in", "--date", "2026-11-22", "--rating", "6") == 0
    logs = file_raw(db)["logs"].values()
    check_in = [doc for doc in logs if doc["action"] == "weekly-check-in"]
    assert [(d["date"], d["rating"]) for d in check_in] == [("2026-11-22", 6)]


BAD_INPUT = [
    (["log", "hug-more"], "There is no action 'hug-more'"),
    (["log", "appreciation-note", "--date", "27/11/2026"], "is not a date"),
    (["log", "appreciation-note", "--date", "2026-02-30"], "not a real calendar date"),
    (["log", "appreciation-note", "--date", "2026-11-28"], "is in the future"),
    (["log", "appreciation-note", "--date", "1969-12-31"], "before 1970"),
    (["log", "weekly-check-in", "--rating", "11"], "from 1 to 10"),
    (["log", "weekly-check-in", "--rating", "0"], "from 1 to 10"),
    (["log", "weekly-check-in", "--rating", "high"], "not a whole number"),
    (["log", "appreciation-note", "--rating", "5"], "takes no rating"),
    (["log", "appreciation-note", "--note", "x" * 2001], "the limit is 2,000"),
    (["settings", "--week-start", "someday"], "is not a weekday"),
    (["settings", "--day-starts-at", "13:00"], "00:00 to 11:59"),
    (["settings", "--day-starts-at", "4am"], "is not a time"),
    (["summary", "--weeks", "0"], "from 1 to 520"),
    (["frobnicate"], "invalid choice"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = make_file(db)
    mtime = db.stat().st_mtime_ns
    capsys.readouterr()
    assert run(db, *args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert disk_bytes(db) == before
    assert db.stat().st_mtime_ns == mtime


def test_bad_input_on_a_new_file_creates_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.parent.mkdir()
    assert run(db, "log", "appreciation-note", "--date", "2030-01-01") == 2
    assert not db.exists()
    assert list(db.parent.iterdir()) == []


def test_missing_folder_is_bad_input_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "no" / "such" / "t.json"
    assert run(db, "log", "appreciation-note") == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and str(db.parent) in err
    assert not (tmp_path / "no").exists()


def test_unwritable_folder_is_a_storage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() == 0:
        folder = Path("/sys")  # root ignores permission bits; sysfs refuses new files even to root
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    db = folder / "trust-tui-test.json"
    assert run(db, "log", "appreciation-note") == 1
    err = capsys.readouterr().err
    assert str(folder) in err and "Permission denied" in err
    assert len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_corrupt_file_is_refused_and_left_alone(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_file(db)
    broken = db.read_bytes()[:-20]
    db.write_bytes(broken)
    capsys.readouterr()
    assert run(db, "log", "appreciation-note") == 1
    err = capsys.readouterr().err
    assert str(db) in err and "doctor" in err
    assert db.read_bytes() == broken
    assert run(db, "doctor") == 1


def test_summary_json_is_the_documented_summary_of_the_file(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The document's shape is tested with the summary itself (tests/unit/test_summary.py); here,
    that the command prints exactly that document for the file and the pinned today."""
    db.parent.mkdir()
    assert run(db, "demo") == 0
    capsys.readouterr()
    assert run(db, "summary", "--json", "--weeks", "3") == 0
    doc = json.loads(capsys.readouterr().out)
    snapshot = Store(db).load()
    today = dt.date(2026, 11, 27)
    expected = weekly_summary(snapshot.actions, snapshot.logs, today, snapshot.settings, 3)
    assert doc == expected.to_json()
    assert doc["today"] == "2026-11-27" and doc["week_start"] == "monday"
    assert [w["start"] for w in doc["weeks"]] == ["2026-11-23", "2026-11-16", "2026-11-09"]
    # A day action's week: met days out of 7 (the demo called every day that week).
    cell = doc["weeks"][1]["actions"]["stay-in-touch"]
    assert cell == {"count": 7, "target": 7, "met": True, "status": "counted"}


def test_summary_table_is_readable(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db.parent.mkdir()
    run(db, "demo")
    capsys.readouterr()
    assert run(db, "summary") == 0
    out = capsys.readouterr().out
    assert "Week summary" in out and "Appreciation note" in out and "23 Nov" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_demo_refuses_a_file_with_logs(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = make_file(db)
    assert run(db, "demo") == 2
    assert disk_bytes(db) == before


def test_export_json_and_csv_keep_user_text_exactly(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.parent.mkdir()
    note = 'Said "sorry" [bold]again[/] — 谢谢, 🌱, a,b;c\nsecond line'
    assert run(db, "log", "appreciation-note", "--note", note) == 0
    out_json = tmp_path / "export.json"
    assert run(db, "export", "--format", "json", "-o", str(out_json)) == 0
    assert stat.S_IMODE(out_json.stat().st_mode) == 0o600
    doc = json.loads(out_json.read_text())
    assert {"schema_version", "exported_at", "settings", "actions", "logs", "steps"} <= set(doc)
    assert doc["logs"][0]["note"] == note
    capsys.readouterr()
    assert run(db, "export", "--format", "csv") == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["note"] == note and rows[0]["action"] == "appreciation-note"


def test_settings_show_and_change(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_file(db)
    assert run(db, "settings", "--week-start", "sun", "--day-starts-at", "04:00") == 0
    out = capsys.readouterr().out
    assert "sunday" in out and "04:00" in out
    assert file_raw(db)["meta"]["1"]["settings"] == {
        "week_start": "sunday",
        "day_starts_at": "04:00",
    }


def test_actions_lists_the_defaults(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db.parent.mkdir()
    assert run(db, "actions", "--json") == 0
    ids = [a["id"] for a in json.loads(capsys.readouterr().out)]
    assert ids == [
        "weekly-check-in",
        "ask-needs",
        "stay-in-touch",
        "shared-activity",
        "appreciation-note",
    ]
    assert not db.exists()  # reading never creates the file


def test_doctor_on_a_healthy_file(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_file(db)
    assert run(db, "doctor") == 0
    assert "healthy" in capsys.readouterr().out


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert "trust-tui 0.1.0" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "summary" in capsys.readouterr().out


def test_command_line_as_a_new_user_runs_it(tmp_path: Path) -> None:
    """The real entry point, as a process: demo then summary, and Textual never imported."""
    env = {**os.environ, "TRUST_TUI_NOW": NOW}
    code = (
        "import sys; from trust_tui.cli import main; "
        "rc = main(sys.argv[1:]); "
        "assert 'textual' not in sys.modules, 'the command line imported textual'; "
        "sys.exit(rc)"
    )
    for args in (["demo"], ["summary"], ["log", "stay-in-touch", "--note", "called"]):
        result = subprocess.run(
            [sys.executable, "-c", code, "--db", "t.json", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
    assert (
        "Week summary"
        in subprocess.run(
            [sys.executable, "-m", "trust_tui", "--db", "t.json", "summary"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    )


def test_an_empty_date_is_refused_not_taken_as_today(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A script's `--date "$DAY"` with DAY unset must not quietly log for today.
    db.parent.mkdir()
    assert run(db, "log", "stay-in-touch", "--date", "") == 2
    assert capsys.readouterr().err == (
        "trust-tui: '' is not a date; write it as YYYY-MM-DD (e.g. 2026-11-27), today, "
        "yesterday, -N for N days ago, or a weekday name.\n"
    )
    assert not db.exists()


def test_doctor_counts_one_log_in_the_singular(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.parent.mkdir()
    assert run(db, "log", "stay-in-touch") == 0
    capsys.readouterr()
    assert run(db, "doctor") == 0
    out = capsys.readouterr().out
    assert "1 log," in out and "1 logs" not in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "t.json"],
        ["--db=t.json"],
        ["--db", "log"],
        ["--db=-x"],
        ["--db", "t.json", "log", "x"],
    ],
)
def test_the_parser_that_opens_the_app_reads_its_arguments_as_the_whole_parser_does(
    argv: list[str],
) -> None:
    from trust_tui.cli import parse_arguments
    from trust_tui.cli.parser import build_parser

    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))


def test_only_the_ways_to_open_the_app_skip_building_the_commands() -> None:
    from trust_tui.cli import _opens_the_app

    assert _opens_the_app([]) and _opens_the_app(["--db", "x.json"]) and _opens_the_app(["--db=x"])
    for argv in (["--db"], ["--help"], ["log"], ["--db", "-h"], ["--db", "x", "log"], ["-h"]):
        assert not _opens_the_app(argv)
