"""Hostile files, hostile text and hostile neighbours, through the command line (issue 12).

Each test is one attack that used to work: a planted temporary file, an escape sequence in a name,
a wrong-typed document, two commands at once, bytes that are not UTF-8, a closed pipe, a formula
in a note, a loose umask (import has its own file, test_import.py).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import disk_bytes, file_raw, hand_edit, run_cli

from trust_tui.storage.store import Store

OSC_TITLE = "\x1b]0;pwned\x07"
"""An escape sequence that retitles the terminal."""
SECRET = "the secret I never told anyone"


pytestmark = pytest.mark.usefixtures("now_pinned")  # conftest: Friday 2026-11-27, 20:00 +01:00


run = run_cli


def cli(
    *args: str, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """trust-tui in its own process (bytes in and out)."""
    return subprocess.run(
        [sys.executable, "-m", "trust_tui", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def log(
    uid: str, note: str = "", action: str = "appreciation-note", day: str = "2026-11-26"
) -> dict[str, object]:
    return {
        "uid": uid,
        "action": action,
        "date": day,
        "logged_at": f"{day}T21:00:00+01:00",
        "note": note,
        "rating": None,
    }


def write_raw(db: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Create the file with trust-tui, then edit its JSON as a script or a hand edit would."""
    if not db.exists():
        assert run("--db", str(db), "log", "appreciation-note", "--note", "first") == 0
    raw = file_raw(db)
    change(raw)
    hand_edit(db, raw)


def rename_action(raw: dict, name: str) -> None:  # type: ignore[type-arg]
    for doc in raw["actions"].values():
        if doc["id"] == "appreciation-note":
            doc["name"] = name


# --- 1. export -o in a shared folder ---------------------------------------------------------


def predictable_temp(target: Path) -> Path:
    """The temporary name the old export used: another user could guess it."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def test_export_never_writes_into_a_planted_temporary_file(db: Path, tmp_path: Path) -> None:
    assert run("--db", str(db), "log", "appreciation-note", "--note", SECRET) == 0
    shared = tmp_path / "shared"
    shared.mkdir()
    out = shared / "export.json"
    planted = predictable_temp(out)
    planted.write_text("")
    os.chmod(planted, 0o666)  # the other user's file, readable by them
    assert run("--db", str(db), "export", "--format", "json", "-o", str(out)) == 0
    assert planted.read_text() == ""  # not a word went into their file
    assert SECRET in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_never_follows_a_planted_symlink(db: Path, tmp_path: Path) -> None:
    assert run("--db", str(db), "log", "appreciation-note", "--note", SECRET) == 0
    victim = tmp_path / "my-thesis.txt"
    victim.write_text("years of work")
    out = tmp_path / "export.csv"
    predictable_temp(out).symlink_to(victim)
    assert run("--db", str(db), "export", "--format", "csv", "-o", str(out)) == 0
    assert victim.read_text() == "years of work"
    assert SECRET in out.read_text()


def test_export_to_a_folder_is_refused_and_leaves_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(db), "log", "appreciation-note", "--note", SECRET) == 0
    target = tmp_path / "a-folder"
    target.mkdir()
    capsys.readouterr()
    assert run("--db", str(db), "export", "--format", "json", "-o", str(target)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a folder" in err
    assert list(target.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "a-folder",
        "data",
    ]


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_a_time_zone_for_an_export_without_times_to_place_is_bad_input(
    db: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--tz` is for the calendar's reminders; silently ignoring it would mislead."""
    assert run("--db", str(db), "log", "appreciation-note") == 0
    out = tmp_path / f"export.{kind}"
    capsys.readouterr()
    assert (
        run("--db", str(db), "export", "--format", kind, "--tz", "Europe/Paris", "-o", str(out))
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--tz applies only to --format ics" in err
    assert not out.exists()


def test_export_on_a_full_disk_leaves_no_temporary_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(db), "log", "appreciation-note", "--note", SECRET) == 0
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if os.path.realpath(f"/proc/self/fd/{fd}").startswith(str(out_dir)):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    capsys.readouterr()
    assert run("--db", str(db), "export", "--format", "json", "-o", str(out_dir / "e.json")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert list(out_dir.iterdir()) == []


def test_the_export_and_the_data_file_share_one_writer() -> None:
    """One rule for writing a private file: `_write_private` is gone, the export uses the store's."""
    from trust_tui.cli import subcommands
    from trust_tui.storage import atomic

    assert not hasattr(subcommands, "_write_private")
    assert subcommands.atomic_write is atomic.atomic_write


# --- 2. escape sequences never reach the terminal --------------------------------------------


def test_summary_and_actions_show_controls_in_names_visibly(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_raw(db, lambda raw: rename_action(raw, f"Notes{OSC_TITLE}\u202eevil\x9b2J"))
    capsys.readouterr()
    for command in (["summary"], ["actions"], ["summary", "--json"], ["actions", "--json"]):
        assert run("--db", str(db), *command) == 0
        out = capsys.readouterr().out
        for raw_char in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert raw_char not in out, (command, raw_char)
    assert run("--db", str(db), "actions") == 0
    assert "Notes␛]0;pwned␇" in capsys.readouterr().out


def test_json_keeps_the_stored_text_exactly(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = f"Notes{OSC_TITLE}\u202eevil\x9b2J"
    write_raw(db, lambda raw: rename_action(raw, name))
    capsys.readouterr()
    assert run("--db", str(db), "export", "--format", "json") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    names = [a["name"] for a in json.loads(out)["actions"]]
    assert name in names


def test_doctor_and_errors_show_controls_visibly(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_raw(db, lambda raw: raw["logs"].update({"99": log("u99", action=f"gone{OSC_TITLE}")}))
    capsys.readouterr()
    assert run("--db", str(db), "doctor") == 1
    out = capsys.readouterr().out
    assert "gone␛]0;pwned␇" in out and "\x1b" not in out
    assert run("--db", str(db), "log", f"x{OSC_TITLE}") == 2
    assert run("--db", str(db), "summary", "--weeks", f"x{OSC_TITLE}") == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and err.count("␛]0;pwned␇") == 2


def test_csv_to_a_terminal_shows_controls_visibly_but_a_file_keeps_them(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--db", str(db), "log", "appreciation-note", "--note", "plain") == 0
    write_raw(db, lambda raw: raw["logs"].update({"99": log("u99", note=f"hi{OSC_TITLE}")}))
    capsys.readouterr()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run("--db", str(db), "export", "--format", "csv") == 0
    out = capsys.readouterr().out
    assert "hi␛]0;pwned␇" in out and "\x1b" not in out
    target = tmp_path / "e.csv"
    assert run("--db", str(db), "export", "--format", "csv", "-o", str(target)) == 0
    assert f"hi{OSC_TITLE}" in target.read_text()


# --- 4. wrong-typed documents ------------------------------------------------------------------


BAD_LOGS = {
    "90": {**log("bad-rating", SECRET), "rating": "x"},
    "91": log("bad-note") | {"note": {"text": SECRET}},
    "92": log("bad-date", day="2026W191") | {"date": "2026W191"},
    "93": log("bad-logged-at") | {"logged_at": 1700000000},
    "94": {**log("bad-range"), "rating": 11},
}


def test_wrong_typed_documents_are_set_aside_everywhere(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_raw(db, lambda raw: raw["logs"].update(BAD_LOGS))
    capsys.readouterr()
    assert run("--db", str(db), "summary", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    counts = {a["id"]: a["this_period"]["count"] for a in summary["actions"]}
    this_week = counts["appreciation-note"]
    assert this_week == 1  # only the good log of today; none of the set-aside ones counts
    assert run("--db", str(db), "actions") == 0
    assert run("--db", str(db), "export", "--format", "csv") == 0
    captured = capsys.readouterr()
    assert "bad-" not in captured.out and SECRET not in captured.out
    assert "left out 5 documents that are not valid" in captured.err
    assert "logs 90: rating is not a whole number from 1 to 10" in captured.err
    assert run("--db", str(db), "export", "--format", "json") == 0
    captured = capsys.readouterr()
    assert [e["note"] for e in json.loads(captured.out)["logs"]] == ["first"]
    assert captured.err.count("\n") == 1
    assert run("--db", str(db), "doctor") == 1
    out = capsys.readouterr().out
    for key in BAD_LOGS:
        assert f"{key} (" in out
    assert "5 log entries" in out and "set aside" in out and "2026W191" in out


def test_mixed_types_in_logged_at_do_not_crash_any_command(db: Path) -> None:
    def mixed(raw: dict) -> None:  # type: ignore[type-arg]
        raw["logs"]["80"] = log("same-day-1")
        raw["logs"]["81"] = log("same-day-2") | {"logged_at": 5}
        raw["logs"]["82"] = log("same-day-3") | {"logged_at": None}

    write_raw(db, mixed)
    for command in (["summary"], ["actions"], ["export", "--format", "json"], ["doctor"]):
        assert run("--db", str(db), *command) == (1 if command == ["doctor"] else 0)


# --- 5. two settings commands at once ---------------------------------------------------------


def test_two_settings_commands_racing_keep_both_changes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--db", str(db), "settings") == 0  # shows the defaults; no file yet
    assert run("--db", str(db), "log", "appreciation-note") == 0
    real_set = Store.set_settings

    def other_process_changes_the_other_field(self: Store, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Between this command's read and its write, another process sets the day's start.
        done = cli("--db", str(db), "settings", "--day-starts-at", "04:00")
        assert done.returncode == 0, done.stderr
        return real_set(self, *args, **kwargs)

    monkeypatch.setattr(Store, "set_settings", other_process_changes_the_other_field)
    assert run("--db", str(db), "settings", "--week-start", "sunday") == 0
    settings = next(iter(file_raw(db)["meta"].values()))["settings"]
    assert settings["week_start"] == "sunday" and settings["day_starts_at"] == "04:00"


# --- 6. validation gaps -------------------------------------------------------------------------


def test_a_note_that_is_not_utf8_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trust_tui",
            "--db",
            str(db),
            "log",
            "appreciation-note",
            "--note",
            b"caf\xe9",
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count(b"\n") == 1 and b"not valid UTF-8" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "now", ["0001-01-01T12:00:00+00:00", "9999-12-31T12:00:00+00:00", "1969-07-20T20:17:00+00:00"]
)
def test_a_clock_outside_the_counted_years_is_refused_before_writing(
    db: Path, now: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(db), "log", "appreciation-note") == 0
    before = disk_bytes(db)
    monkeypatch.setenv("TRUST_TUI_NOW", now)
    capsys.readouterr()
    assert run("--db", str(db), "log", "appreciation-note", "--note", "x") == 2
    assert "outside the years" in capsys.readouterr().err
    assert disk_bytes(db) == before


def test_an_empty_db_path_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("--db", "", "log", "appreciation-note") == 2
    assert "--db needs a file name" in capsys.readouterr().err
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert list(data_home.iterdir()) == []  # the default file was not used either


def test_a_path_too_long_is_one_line(tmp_path: Path) -> None:
    long_folder = tmp_path / ("a" * 300)
    for db in (long_folder / "x.json", tmp_path / ("b" * 300 + ".json")):
        done = cli("--db", str(db), "log", "appreciation-note")
        assert done.returncode == 2
        assert done.stderr.count(b"\n") == 1 and b"too long" in done.stderr
        assert b"Traceback" not in done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may enter every folder")
def test_a_folder_the_user_cannot_enter_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o000)
    try:
        done = cli("--db", str(locked / "inner" / "x.json"), "log", "appreciation-note")
    finally:
        locked.chmod(0o700)
    assert done.returncode == 1
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr


# --- 7. a closed pipe ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["summary"], ["export", "--format", "csv"], ["doctor"]])
def test_a_reader_that_has_left_gets_a_quiet_exit(db: Path, command: list[str]) -> None:
    """As `trust-tui summary | head -1` once head has gone: the pipe has no reader."""
    assert run("--db", str(db), "log", "appreciation-note", "--note", SECRET) == 0
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "trust_tui", "--db", str(db), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, b"")


# --- 8. CSV formula injection ---------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx", "fine = good"]
    write_raw(
        db,
        lambda raw: raw["logs"].update({str(50 + i): log(f"n{i}", n) for i, n in enumerate(notes)}),
    )
    capsys.readouterr()
    assert run("--db", str(db), "export", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    got = {row["uid"]: row["note"] for row in rows}
    assert [got[f"n{i}"] for i in range(len(notes))] == ["'" + n for n in notes[:-1]] + [
        "fine = good"
    ]


# --- 10. folders --------------------------------------------------------------------------------


def test_every_folder_made_for_the_default_path_is_private_under_umask_000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "home"
    base.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "made" / "by" / "us"))
    old = os.umask(0)
    try:
        assert run("log", "appreciation-note") == 0
    finally:
        os.umask(old)
    made = [base / "made", base / "made/by", base / "made/by/us", base / "made/by/us/trust-tui"]
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in made] == ["0o700"] * 4
    assert (made[-1] / "trust-tui.json").exists()


def test_doctor_warns_about_a_parent_folder_others_may_change(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--db", str(db), "log", "appreciation-note") == 0
    assert run("--db", str(db), "log", "appreciation-note", "--date", "2026-11-26") == 0
    parent = db.parent.parent
    parent.chmod(0o777)
    try:
        capsys.readouterr()
        assert run("--db", str(db), "doctor") == 1
        out = capsys.readouterr().out
    finally:
        parent.chmod(0o700)
    assert f"The folder {parent}, above the data file, can be changed by other users" in out
