"""Start-up shortcuts (docs/design.md §8) leave the app exactly as Textual's own path would."""

from __future__ import annotations

import gc
import stat

import pytest
from app_helpers import SIZE, screen_text, settle
from textual.app import App, ComposeResult
from textual.color import Color
from textual.css import stylesheet as stylesheet_module
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from trust_tui.app import TrustApp
from trust_tui.collector import pause_for_start_up, resume_after_start_up
from trust_tui.tui.stylesheet import css_cache_dir


async def test_the_first_frame_is_painted_when_the_app_is_ready_not_on_a_timer_tick(
    demo_db: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual discards what is painted during its start-up batch; the first paint after it
    is made when the app is ready, not on the screen's update timer (a period later)."""
    events: list[str] = []
    real_display = App._display
    real_tick = Timer._tick

    def display(self: App[object], screen: Screen[object], renderable: object) -> None:
        # A LayoutUpdate is a whole frame (a ChopsUpdate repaints a few regions).
        if type(renderable).__name__ == "LayoutUpdate" and not self._batch_count:
            events.append("painted")
        real_display(self, screen, renderable)  # type: ignore[arg-type]

    async def tick(self: Timer, *, next_timer: float, count: int) -> None:
        if self.name == "screen_update":
            events.append("tick")
        await real_tick(self, next_timer=next_timer, count=count)

    monkeypatch.setattr(App, "_display", display)
    monkeypatch.setattr(Timer, "_tick", tick)
    assert callable(getattr(Screen, "_on_timer_update", None))  # what on_ready relies on
    app = TrustApp(db_path=demo_db, from_index=True)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert events and events[0] == "painted", events[:5]
        assert "Weekly check-in" in screen_text(pilot)


def _key_states(app: App[object]) -> list[tuple[str, bool, bool]]:
    return [(k.key, k.compact, k.has_class("-compact")) for k in app.screen.query(FooterKey)]


async def test_today_footer_keys_end_as_textual_footer_keys(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ours = _key_states(app)
        footer_line = screen_text(pilot).splitlines()[-1]

    class Plain(App[None]):
        BINDINGS = TrustApp.BINDINGS

        def compose(self) -> ComposeResult:
            yield Footer()

    plain = Plain()
    async with plain.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theirs = dict((key, (compact, cls)) for key, compact, cls in _key_states(plain))
    assert ours, "Today shows its keys"
    for key, compact, has_class in ours:
        if key in theirs:
            assert (compact, has_class) == theirs[key], key
    # Bound keys follow the (non-compact) footer; the palette key keeps Textual's default.
    assert ("ctrl+p", True, True) in ours
    assert all(not compact for key, compact, _ in ours if key != "ctrl+p")
    assert "t Today" in footer_line and "q Quit" in footer_line


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = stylesheet_module.parse

    def counting(scope, css, read_from, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(read_from[0]).endswith("app.tcss"):
            parsed.append(str(read_from[0]))
        return real(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counting)
    return parsed


async def test_the_stylesheet_is_parsed_once_until_the_theme_changes(
    app: TrustApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual re-parses every stylesheet when it first shows a screen; the app's keeps the
    rules of each source until the variables change, and styles exactly as before."""
    parsed = _counting_parses(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")  # a second screen: Textual refreshes the CSS again
        await settle(pilot)
        assert len(parsed) == 1
        title = app.screen.query_one(".screen-title")
        assert title.styles.text_style.bold
        assert title.styles.color == Color.parse(app.get_css_variables()["text-primary"])
        dark = title.styles.color
        app.theme = "textual-light"  # new variables: parsed again, and the rules follow
        await settle(pilot)
        assert len(parsed) == 2
        assert title.styles.color == Color.parse(app.get_css_variables()["text-primary"])
        assert title.styles.color != dark


async def _title_style(app_db: object) -> tuple[object, bool]:
    app = TrustApp(db_path=app_db)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title = app.screen.query_one("#today-title")  # bold, in $text-primary (app.tcss)
        assert title.styles.color == Color.parse(app.get_css_variables()["text-primary"])
        return title.styles.color, bool(title.styles.text_style.bold)


async def test_the_next_start_reads_the_parsed_stylesheet_from_the_cache(
    app_db: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = _counting_parses(monkeypatch)
    first = await _title_style(app_db)
    assert len(parsed) == 1
    [cached] = css_cache_dir().glob("css-*.pickle")
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert stat.S_IMODE(css_cache_dir().stat().st_mode) == 0o700
    assert await _title_style(app_db) == first  # the same rules, not parsed again
    assert len(parsed) == 1


@pytest.mark.parametrize("damage", ["torn", "another folder owner could write"])
async def test_a_cache_that_cannot_be_trusted_is_parsed_again(
    app_db: object, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    parsed = _counting_parses(monkeypatch)
    first = await _title_style(app_db)
    [cached] = css_cache_dir().glob("css-*.pickle")
    if damage == "torn":
        cached.write_bytes(cached.read_bytes()[:100])
    else:
        css_cache_dir().chmod(0o777)
    assert await _title_style(app_db) == first
    assert len(parsed) == 2


async def test_the_collector_paused_for_start_up_resumes_after_the_first_frame(
    app: TrustApp,
) -> None:
    assert gc.isenabled()
    pause_for_start_up()  # as `trust-tui` does before it imports the app
    try:
        assert not gc.isenabled()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert gc.isenabled()
            assert "Today" in screen_text(pilot)
    finally:
        gc.enable()
        gc.unfreeze()


def test_resuming_the_collector_undoes_only_the_start_up_pause() -> None:
    gc.disable()  # paused by someone else (a load in progress): not ours to resume
    try:
        pause_for_start_up()
        resume_after_start_up()
        assert not gc.isenabled()
    finally:
        gc.enable()
    resume_after_start_up()  # nothing paused: nothing to do
    assert gc.isenabled()


async def test_today_names_the_step_without_reading_the_whole_guide(
    app: TrustApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trust_tui.guide

    def refuse() -> None:
        raise AssertionError("the whole guide was read for Today's first frame")

    monkeypatch.setattr(trust_tui.guide, "load_guide", refuse)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Why (step 3.1, " in screen_text(pilot)
