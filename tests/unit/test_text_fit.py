"""`fit`: the one rule for cutting a name or a note to a width, in terminal cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trust_tui.cli.report import format_actions
from trust_tui.domain.models import Action
from trust_tui.domain.text import ELLIPSIS, cell_width, fit, pad

# Latin, accented and combining, CJK (two cells), emoji (two cells), and zero-width joiners.
TEXT = st.text(
    alphabet=st.sampled_from(
        list("abc xyz") + ["é", "\u0301", "日", "本", "語", "한", "😀", "\u200d"]
    )
)
WIDTH = st.integers(min_value=0, max_value=40)


@given(TEXT, WIDTH)
def test_never_wider_than_the_width(text: str, width: int) -> None:
    assert cell_width(fit(text, width)) <= width


@given(TEXT, WIDTH)
def test_unchanged_when_it_fits(text: str, width: int) -> None:
    if cell_width(text) <= width:
        assert fit(text, width) == text


@given(TEXT, st.integers(min_value=1, max_value=40))
def test_ends_with_an_ellipsis_when_cut(text: str, width: int) -> None:
    if cell_width(text) > width:
        cut = fit(text, width)
        assert cut.endswith(ELLIPSIS)
        assert text.startswith(cut[: -len(ELLIPSIS)])


@given(TEXT, st.integers(min_value=1, max_value=40))
def test_never_splits_a_wide_character_and_wastes_at_most_one_cell(text: str, width: int) -> None:
    cut = fit(text, width)
    if cut != text:
        kept = cut[: -len(ELLIPSIS)]
        # Whole characters only: what is kept is a prefix, and nothing more would have fitted
        # but a two-cell character (so the cut is at most one cell short).
        assert cell_width(kept) + 1 >= width - 1
        following = text[len(kept)]
        assert cell_width(kept) + cell_width(following) > width - 1


@given(TEXT, WIDTH)
def test_pad_fills_the_column_exactly(text: str, width: int) -> None:
    assert cell_width(pad(text, width)) == width


def test_wide_characters_count_two_cells() -> None:
    assert cell_width("日本語") == 6
    assert fit("日本語", 5) == "日本…"
    assert fit("日本語", 4) == "日…"  # "日本" and "…" would take five
    assert fit("Call or message", 8) == "Call or…"
    assert fit("e\u0301te\u0301", 3) == "e\u0301te\u0301"  # accents take no cell of their own
    assert cell_width("😀") == 2


def test_the_command_line_table_keeps_its_columns_with_a_wide_name() -> None:
    actions = [
        Action("call", "Call or message", "day", 1),
        Action("nightly", "毎晩パートナーに電話して今日のことを話す時間を作る", "week", 1),
    ]
    lines = format_actions(actions).splitlines()
    # Where the cadence column starts, counted in cells, is the same on every line.
    starts = {
        cell_width(line[: line.index(word)])
        for line, word in zip(lines, ["cadence", "day", "week"], strict=True)
    }
    assert starts == {46}
    assert "毎晩パートナーに電話…" in lines[2]
