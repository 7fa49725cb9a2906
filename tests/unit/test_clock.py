"""The clock: TRUST_TUI_NOW pins it; otherwise the system zone is read afresh each call."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest

from trust_tui import clock
from trust_tui.cli import main
from trust_tui.domain.models import Settings


def test_pinned_now_keeps_its_wall_clock_and_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-03-08T01:30:00-05:00")
    now = clock.now()
    assert now.isoformat() == "2026-03-08T01:30:00-05:00"
    assert clock.stamp() == "2026-03-08T01:30:00-05:00"
    assert clock.today(Settings(day_starts_at=dt.time(4, 0))) == dt.date(2026, 3, 7)
    assert clock.today(Settings()) == dt.date(2026, 3, 8)


@pytest.mark.parametrize(
    ("value", "message"),
    [("yesterday", "is not an ISO-8601 time"), ("2026-03-08T01:30:00", "needs a UTC offset")],
)
def test_a_bad_pinned_now_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", value)
    with pytest.raises(clock.ClockError, match=message):
        clock.now()


def test_a_bad_pinned_now_is_bad_input_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", "soon")
    assert main(["--db", str(tmp_path / "t.json"), "log", "stay-in-touch"]) == 2
    assert "TRUST_TUI_NOW" in capsys.readouterr().err
    assert not (tmp_path / "t.json").exists()


def test_the_system_zone_is_read_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A laptop flown from Tokyo to Los Angeles gets the new local date without a restart."""
    monkeypatch.delenv("TRUST_TUI_NOW", raising=False)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        assert clock.now().utcoffset() == dt.timedelta(hours=9)
        monkeypatch.setenv("TZ", "America/Los_Angeles")
        # -8 or -7 hours, as daylight saving time has it today in Los Angeles.
        expected = dt.datetime.now(ZoneInfo("America/Los_Angeles")).utcoffset()
        assert clock.now().utcoffset() == expected
    finally:
        monkeypatch.undo()
        time.tzset()
