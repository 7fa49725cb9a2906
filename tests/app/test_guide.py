"""Guide screen: answers and the done mark persist, the progress line, markup stays literal,
the safety note and the sources open from anywhere."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from app_helpers import SIZE, screen_text, wait_until
from textual.widgets import Markdown

from trust_tui.app import TrustApp
from trust_tui.domain.models import LogEntry, StepProgress
from trust_tui.guide import load_default_actions, load_guide
from trust_tui.storage.store import Store
from trust_tui.tui.messages import StepSaved
from trust_tui.tui.screens.guide import GuideScreen
from trust_tui.tui.screens.safety import SafetyScreen
from trust_tui.tui.screens.sources import SourcesScreen
from trust_tui.tui.widgets.guide_progress import GuideProgress, progress_line, tracker_week
from trust_tui.tui.widgets.prompt_answers import AnswerArea
from trust_tui.tui.widgets.step_list import StepList
from trust_tui.tui.widgets.step_reader import StepReader

TODAY = dt.date(2026, 11, 27)  # the pinned now (conftest): a Friday; the week began 2026-11-23
MARKUP = "I [b]hid[/b] it. [@click=app.quit]quit[/] [/] 🙏 对不起"


def _store(db: Path) -> Store:
    return Store(db, default_actions=load_default_actions())


async def _open_guide(pilot) -> GuideScreen:  # type: ignore[no-untyped-def]
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GuideScreen)
    return screen


async def _show_step(pilot, step_id: str) -> None:  # type: ignore[no-untyped-def]
    """Choose a step in the list and wait until the reading pane holds it and its answer boxes."""
    screen = pilot.app.screen
    step_list = screen.query_one(StepList)
    step_list.focus()
    step_list.select_id(f"step-{step_id}")
    prompts = pilot.app.guide.steps[step_id].prompts
    reader = screen.query_one(StepReader)

    def shown() -> bool:
        return reader.shown == f"step-{step_id}" and len(screen.query(AnswerArea)) == len(prompts)

    assert await wait_until(pilot, shown)


async def test_mark_a_step_done_with_answers_survives_a_restart(
    app: TrustApp, app_db: Path
) -> None:
    step = load_guide().steps["1.1"]
    first, second = step.prompts[0], step.prompts[1]
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        await _show_step(pilot, "1.1")
        await pilot.press("tab", "tab")  # the list → the reading pane → the first answer
        assert isinstance(app.focused, AnswerArea) and app.focused.prompt_id == first.id
        await pilot.press(*"I lied.")  # the answers' one typing test
        await pilot.press("tab")  # leaving the box saves it
        assert app.data.snapshot.steps["1.1"].answers == {first.id: "I lied."}
        assert isinstance(app.focused, AnswerArea) and app.focused.prompt_id == second.id
        app.focused.text = "Everything."
        await pilot.press("ctrl+s")  # the explicit save key
        await pilot.press("escape")  # back to the list, where d is a key, not a letter
        await pilot.press("d")
        await pilot.pause()
        saved = app.data.snapshot.steps["1.1"]
        assert saved.done_on == TODAY
        assert saved.answers == {first.id: "I lied.", second.id: "Everything."}
        assert "Marked done on 2026-11-27" in str(app.screen.query_one("#step-status").render())
        assert "✓ 1.1" in screen_text(pilot)  # the mark in the list
        await pilot.press("q")

    on_disk = _store(app_db).load().steps["1.1"]
    assert on_disk.done_on == TODAY
    assert on_disk.answers[first.id] == "I lied."

    again = TrustApp(db_path=app_db)
    async with again.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        await _show_step(pilot, "1.1")
        areas = {a.prompt_id: a.text for a in again.screen.query(AnswerArea)}
        assert areas[first.id] == "I lied."
        assert areas[second.id] == "Everything."
        # d again takes the mark away once confirmed; the answers stay.
        await pilot.press("d", "y")
        await pilot.pause()
        assert again.data.snapshot.steps["1.1"].done_on is None
        assert again.data.snapshot.steps["1.1"].answers[second.id] == "Everything."


async def test_typed_text_is_saved_when_the_screen_is_left(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        await _show_step(pilot, "2.1")
        first = app.screen.query(AnswerArea).first()
        first.focus()
        first.text = "Half a thought"
        await pilot.pause()
        await pilot.press("ctrl+p")  # a modal on top suspends the screen: that saves too
        assert await wait_until(pilot, lambda: "2.1" in app.data.snapshot.steps)
        await pilot.press("escape")
        assert app.data.snapshot.steps["2.1"].answers[first.prompt_id] == "Half a thought"
        # Choosing another step saves as well.
        first.focus()
        first.text = "Half a thought and more"
        await _show_step(pilot, "2.2")
        assert app.data.snapshot.steps["2.1"].answers[first.prompt_id] == "Half a thought and more"


async def test_an_answer_with_markup_is_shown_literally(app: TrustApp, app_db: Path) -> None:
    store = _store(app_db)
    store.open()
    prompt = load_guide().steps["1.2"].prompts[0]
    store.save_step(StepProgress("1.2", None, {prompt.id: MARKUP}))
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        await _show_step(pilot, "1.2")
        area = next(a for a in app.screen.query(AnswerArea) if a.prompt_id == prompt.id)
        assert area.text == MARKUP
        area.focus()
        area.scroll_visible(animate=False)
        await pilot.pause()
        assert "[@click=app.quit]quit[/]" in screen_text(pilot)
        assert app.is_running


async def test_progress_line_counts_parts_and_part_three_weeks(app: TrustApp, app_db: Path) -> None:
    store = _store(app_db)
    store.open()
    for step_id in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2"):
        store.save_step(StepProgress(step_id, dt.date(2026, 10, 1), {}))
    # The first tracker entry falls in the week of 2026-10-12: six weeks before this one.
    store.add_log(
        LogEntry(
            uuid.uuid4().hex, "weekly-check-in", dt.date(2026, 10, 14), "2026-10-14T21:00:00+01:00"
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        line = app.screen.query_one(GuideProgress)
        assert str(line.render()) == "Part 1 ✓ · Part 2 2/3 · Part 3 week 7"
        # Marking 2.3 done completes Part 2 at once.
        await _show_step(pilot, "2.3")
        await pilot.press("d")
        await pilot.pause()
        assert str(line.render()) == "Part 1 ✓ · Part 2 ✓ · Part 3 week 7"


def test_progress_line_before_anything_is_done() -> None:
    guide = load_guide()
    assert progress_line(guide, {}, (), TODAY, 0) == "Part 1 0/4 · Part 2 0/3 · Part 3 not started"


def test_tracker_week_follows_the_week_start() -> None:
    entry = LogEntry("u", "weekly-check-in", dt.date(2026, 11, 22), "2026-11-22T10:00:00+01:00")
    # Sunday 22 Nov: with Monday weeks it is last week (week 2 now); with Sunday weeks, this one.
    assert tracker_week([entry], TODAY, 0) == 2
    assert tracker_week([entry], TODAY, 6) == 1
    assert tracker_week([], TODAY, 0) is None


async def test_the_reading_pane_is_built_only_when_the_guide_is_shown(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not list(app.screen.query(Markdown))
        await _open_guide(pilot)
        assert len(app.screen.query(Markdown)) == 1


async def test_a_step_shows_the_actions_it_feeds(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        await _show_step(pilot, "3.5")
        assert "Feeds: Appreciation note (3× a week)" in screen_text(pilot)
        await pilot.press("d")  # an ongoing step is never "done"
        await pilot.pause()
        assert "3.5" not in app.data.snapshot.steps


async def test_the_safety_note_opens_from_every_screen(app: TrustApp) -> None:
    safety = load_guide().safety
    async with app.run_test(size=SIZE) as pilot:
        for mode_key in ("t", "w", "h", "g", "a", "s"):
            await pilot.press(mode_key)
            await pilot.pause()
            before = app.screen
            await pilot.press("!")
            await pilot.pause()
            assert isinstance(app.screen, SafetyScreen), mode_key
            assert app.screen.query_one(Markdown).source == safety
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is before, mode_key


async def test_the_safety_note_opens_over_help_and_closes_with_bang(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("?")
        await pilot.press("!")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("!")  # the same key closes it; it never stacks a second copy
        await pilot.pause()
        assert not isinstance(app.screen, SafetyScreen)


async def test_sources_open_from_the_guide(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)


async def test_unsaved_progress_hands_over_what_is_still_in_the_boxes(app: TrustApp) -> None:
    """For the app's quit: it takes the text synchronously, since a posted message would be lost."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_guide(pilot)
        await _show_step(pilot, "1.3")
        area = app.screen.query(AnswerArea).first()
        area.focus()
        area.text = "typed just now"
        progress = screen.unsaved_progress()
        assert progress is not None and progress.answers == {area.prompt_id: "typed just now"}
        app.on_step_saved(StepSaved(progress))  # what the app does with it when it quits
        assert app.data.snapshot.steps["1.3"].answers == {area.prompt_id: "typed just now"}
        assert screen.unsaved_progress() is None


async def test_the_mouse_chooses_a_step(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        step_list = app.screen.query_one(StepList)
        row = step_list.get_option_index("step-1.3")
        assert await pilot.click(StepList, offset=(6, row))
        await pilot.pause()
        assert app.screen.query_one(StepReader).shown == "step-1.3"


async def test_without_its_content_the_guide_says_so_calmly(
    app: TrustApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TrustApp, "guide", property(lambda self: None))
    async with app.run_test(size=SIZE) as pilot:
        await _open_guide(pilot)
        await pilot.press("d", "r", "t")
        await pilot.pause()
        assert app.is_running
        await pilot.press("g")
        assert "could not be read" in screen_text(pilot)
