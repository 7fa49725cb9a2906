"""The benchmark cannot rot: its generator and every measurement run on a tiny history.

Nothing here is timed (docs/design.md §8: benchmarks, never timed tests); we only check that each
figure can be taken and that the reference loop computes what the domain computes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import measure, run  # noqa: E402
from benchmarks.bare_app import MARKER  # noqa: E402
from benchmarks.generate import CUSTOM_ACTION, NOW, build_history, write_history  # noqa: E402
from benchmarks.reference import reference_summary  # noqa: E402
from trust_tui.domain.models import NOTE_MAX_CHARS  # noqa: E402
from trust_tui.domain.summary import weekly_summary  # noqa: E402
from trust_tui.storage.store import Store  # noqa: E402


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRUST_TUI_NOW", NOW.isoformat())
    return write_history(tmp_path / "bench" / "t.json", 300, years=2)


@pytest.mark.parametrize("logs", [0, 1, 300, 5_000])
def test_history_has_exactly_the_requested_logs(logs: int) -> None:
    history = build_history(logs, years=10)
    assert len(history) == logs
    assert [(e.date, e.logged_at) for e in history] == sorted(
        (e.date, e.logged_at) for e in history
    )
    assert all(e.date <= NOW.date() for e in history)


def test_generated_file_is_realistic_and_readable_by_the_store(tiny: Path) -> None:
    snapshot = Store(tiny).load()
    assert len(snapshot.logs) == 300
    assert CUSTOM_ACTION in snapshot.actions and len(snapshot.actions) == 6
    assert {e.action for e in snapshot.logs} <= {a.id for a in snapshot.actions}
    assert snapshot.logs[0].date.year <= NOW.year - 1
    notes = [len(e.note) for e in snapshot.logs]
    assert 0 in notes and max(notes) <= NOTE_MAX_CHARS
    ratings = [e.rating for e in snapshot.logs if e.rating is not None]
    assert ratings and all(1 <= r <= 10 for r in ratings)
    assert {e.action for e in snapshot.logs if e.rating is not None} == {"weekly-check-in"}
    assert build_history(300, years=2) == list(snapshot.logs)  # deterministic


def test_reference_loop_agrees_with_the_domain(tiny: Path) -> None:
    snapshot = Store(tiny).load()
    today = NOW.date()
    summary = weekly_summary(
        snapshot.actions, snapshot.logs, today, snapshot.settings, measure.WEEKS
    )
    reference = reference_summary(snapshot.actions, snapshot.logs, today, 0, measure.WEEKS)
    for action in summary.actions:
        streak, ref = summary.streaks[action.id], reference[action.id]
        assert (streak.current, streak.best, streak.this_period.count) == (
            ref["current"],
            ref["best"],
            ref["this_period"],
        )
        cells = [
            (row.cells[action.id].count, row.cells[action.id].target, row.cells[action.id].met)
            for row in summary.weeks
        ]
        assert cells == ref["weeks"]
    # What the benchmark times is this same work.
    assert measure.summary_work(snapshot, today)()[1] == summary
    assert measure.reference_work(snapshot, today)() == reference
    calls: list[int] = []
    measure.seconds(lambda: calls.append(1))
    assert calls == [1]


def test_key_press_measurement(tiny: Path) -> None:
    times = measure.keypress_seconds(tiny, 2)
    assert len(times) == 2
    assert len(Store(tiny).load().logs) == 302


def test_whole_process_measurements(tiny: Path) -> None:
    env = run._env()
    seconds, peak = measure.first_frame(
        [str(run.BIN / "python"), str(ROOT / "benchmarks" / "bare_app.py")], [MARKER], env
    )
    # The peak is the child's resident size in KiB: any Textual app holds more than 10 MiB.
    assert seconds > 0 and peak > 10 * 1024
    markers = run._streak_markers(tiny)
    seconds, peak = measure.first_frame(
        [str(run.BIN / "trust-tui"), "--db", str(tiny)], markers, env
    )
    assert seconds > 0 and peak > 10 * 1024
    logs = len(Store(tiny).load().logs)
    argv = [str(run.BIN / "trust-tui"), "--db", str(tiny), "log", "stay-in-touch"]
    assert measure.process_seconds(argv, env) > 0
    assert len(Store(tiny).load().logs) == logs + 1  # the measured process did its work
    with pytest.raises(measure.BenchmarkError):
        measure.process_seconds([*argv[:-1], "no-such-action"], env)


def test_table_reports_ratios_and_verdicts() -> None:
    fast, slow = run.Figure("a", "s", [0.1, 0.2, 0.3]), run.Figure("b", "s", [0.3, 0.4, 0.5])
    budgets = [
        run.Budget("slow / fast", slow, fast, 1.5),
        run.Budget("fast / slow", fast, slow, 1.5),
        run.Budget("memory", slow, fast, None),
    ]
    text = run.table([fast, slow], budgets)
    assert (
        "2.00×" in text and "MISSED" in text and "met" in text and "none in docs/design.md" in text
    )
    assert [b.met for b in budgets] == [False, True, True]


def test_a_paired_ratio_is_the_median_of_each_rounds_ratio() -> None:
    top = run.Figure("trust-tui", "s", [1.0, 3.0, 2.0])
    bottom = run.Figure("reference", "s", [2.0, 1.0, 3.0])
    assert run.Budget("paired", top, bottom, 1.15, paired=True).ratio == pytest.approx(2 / 3)
    assert run.Budget("unpaired", top, bottom, 1.15).ratio == pytest.approx(1.0)
    short = run.Figure("t", "s", [1.0, 3.0])
    assert run.Budget("uneven", short, bottom, 1.15, paired=True).ratio == pytest.approx(1.0)
