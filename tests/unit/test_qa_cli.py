"""QA: the command line refuses what it cannot be sure of, and says it in plain English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trust_tui.cli import main


def test_an_empty_date_is_refused_not_taken_as_today(
    tmp_path: Path, now_pinned: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A script's `--date "$DAY"` with DAY unset must not quietly log for today.
    db = tmp_path / "t.json"
    assert main(["--db", str(db), "log", "stay-in-touch", "--date", ""]) == 2
    assert "is not a date" in capsys.readouterr().err
    assert not db.exists() or json.loads(db.read_text())["logs"] == {}


def test_doctor_counts_one_log_in_the_singular(
    tmp_path: Path, now_pinned: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "t.json"
    assert main(["--db", str(db), "log", "stay-in-touch"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "1 log," in out and "1 logs" not in out
