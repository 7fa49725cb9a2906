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


def _textual_class(widget: object) -> str:
    """The Textual widget class a widget is (ActionList is a DataTable, _Footer a Footer)."""
    for cls in type(widget).__mro__:
        if cls.__module__.startswith("textual.widgets"):
            return cls.__name__
    return type(widget).__name__


async def test_the_reference_has_todays_widget_tree(app: object) -> None:
    """Today's widgets, in order, and its table's columns: the reference follows Today when
    Today changes (it gained the status line and two columns after the reference was made)."""
    from textual.widgets import DataTable

    from benchmarks.today_app import COLUMNS, TodayReferenceApp

    async with app.run_test(size=(100, 32)) as pilot:  # type: ignore[attr-defined]
        await pilot.pause()
        ours = [_textual_class(w) for w in app.screen.children]  # type: ignore[attr-defined]
        labels = [str(c.label) for c in app.screen.query_one(DataTable).columns.values()]  # type: ignore[attr-defined]
        our_keys = _footer_keys(app.screen)  # type: ignore[attr-defined]
    reference = TodayReferenceApp()
    async with reference.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        theirs = [_textual_class(w) for w in reference.screen.children]
        their_keys = _footer_keys(reference.screen)
    assert theirs == ours
    assert list(COLUMNS) == labels
    # The same keys in the Footer (each a widget of its own), if not in the same order.
    assert sorted(their_keys) == sorted(our_keys)
    assert len(our_keys) == 10  # nine of Today's and the command palette's


def _footer_keys(screen: object) -> list[tuple[str, str]]:
    from textual.widgets._footer import FooterKey

    return [(k.key_display or k.key, k.description) for k in screen.query(FooterKey)]  # type: ignore[attr-defined]
