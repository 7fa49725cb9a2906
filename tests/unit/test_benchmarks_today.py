"""The Today reference app of the start-up budget can be measured (untimed, like the rest of
tests/unit/test_benchmarks.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import measure, run  # noqa: E402
from benchmarks.today_app import MARKER  # noqa: E402


def test_today_reference_app_reaches_its_first_frame() -> None:
    argv = [str(run.BIN / "python"), str(ROOT / "benchmarks" / "today_app.py")]
    seconds, peak = measure.first_frame(argv, [MARKER], run._env())
    assert seconds > 0 and peak > 0
