"""The world outside the app: another process writes, midnight passes, the file is damaged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import SIZE, file_logs, file_raw, hand_edit, screen_text, settle

from trust_tui.app import TrustApp
from trust_tui.cli import main


async def test_an_entry_written_by_another_process_appears(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert "0/3 this week" in screen_text(pilot)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "trust_tui",
                "--db",
                str(app_db),
                "log",
                "appreciation-note",
                "--note",
                "from a script",
            ],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            check=False,
        )
        assert result.returncode == 0, result.stderr
        app.poll_now()  # what the 2-second interval does
        await settle(pilot)
        assert "1/3 this week" in screen_text(pilot)
        # And our own next write keeps theirs.
        table = app.screen.query_one("#today-actions")
        table.move_cursor(row=2)
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(d["action"] for d in file_logs(app_db)) == [
            "appreciation-note",
            "stay-in-touch",
        ]


async def test_today_rolls_over_at_midnight_while_open(
    app: TrustApp, app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-27T23:59:30+01:00")
    assert main(["--db", str(app_db), "log", "stay-in-touch"]) == 0
    async with app.run_test(size=SIZE) as pilot:
        assert "Friday 27 November" in screen_text(pilot)
        assert "✓ today" in screen_text(pilot)
        monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-28T00:00:30+01:00")
        app.poll_now()
        await settle(pilot)
        text = screen_text(pilot)
        assert "Saturday 28 November" in text
        assert "0/1 today" in text  # a new day, and the streak is kept
        assert app.data.streaks["stay-in-touch"].current == 1


async def test_rollover_waits_for_the_hour_the_day_starts(
    app: TrustApp, app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--db", str(app_db), "settings", "--day-starts-at", "04:00"]) == 0
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-28T00:30:00+01:00")
    async with app.run_test(size=SIZE) as pilot:
        assert "Friday 27 November" in screen_text(pilot)  # half past midnight is still Friday
        monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-28T04:00:00+01:00")
        app.poll_now()
        await settle(pilot)
        assert "Saturday 28 November" in screen_text(pilot)


async def test_a_corrupt_file_shows_the_problem_screen_and_writes_nothing(
    app: TrustApp, app_db: Path
) -> None:
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--note", "precious"]) == 0
    damaged = b'{"meta": {"1": {"schema_version": 1'  # cut short
    app_db.write_bytes(damaged)
    before = sorted(p.name for p in app_db.parent.rglob("*"))
    async with app.run_test(size=(120, 32)) as pilot:
        assert type(app.screen).__name__ == "ProblemScreen"
        text = screen_text(pilot)
        assert "cannot open your data file" in text
        assert str(app_db) in text.replace("\n", "")
        assert "backups" in text  # the newest backup, by path
        assert "doctor" in text
        assert "Traceback" not in text
        await pilot.press("t", "l", "enter", "w")  # no screen to log from
        await settle(pilot)
        assert type(app.screen).__name__ == "ProblemScreen"
        await pilot.press("q")
    assert app_db.read_bytes() == damaged
    assert sorted(p.name for p in app_db.parent.rglob("*")) == before


async def test_a_newer_file_is_refused_kindly(app: TrustApp, app_db: Path) -> None:
    assert main(["--db", str(app_db), "log", "stay-in-touch"]) == 0
    raw = file_raw(app_db)
    raw["meta"]["1"]["schema_version"] = 99
    hand_edit(app_db, raw)
    before = app_db.read_bytes()
    async with app.run_test(size=(120, 32)) as pilot:
        assert type(app.screen).__name__ == "ProblemScreen"
        assert "newer" in screen_text(pilot).lower()
    assert app_db.read_bytes() == before


async def test_the_problem_screen_keeps_its_sentences_whole_at_80_columns(
    app: TrustApp, app_db: Path
) -> None:
    app_db.write_text('{"meta": {"1": {"schema_version": 1', encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "ProblemScreen"
        lines = [line.strip() for line in screen_text(pilot).splitlines()]
        assert "wrong" not in lines  # a word left alone on its line by a hard break
        assert any("it says what is wrong and how to repair it" in line for line in lines)
        # The command to run stands on its own line(s), starting with the program's name.
        assert any(line.startswith("trust-tui --db") for line in lines)
