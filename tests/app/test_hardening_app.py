"""Hostile files in the app (issue 12): escape sequences are shown, never obeyed; a wrong-typed
document is set aside; an unexpected error shows no note."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from app_helpers import SIZE, file_logs, file_raw, hand_edit, screen_text, settle
from textual.widgets import Input

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.domain.validation import clean_text
from trust_tui.tui.widgets.prompt_answers import AnswerArea

OSC_TITLE = "\x1b]0;pwned\x07"
SECRET = "the secret I never told anyone"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile_file(db: Path) -> None:
    """A file a script wrote: escape sequences in a note and a name, and wrong-typed logs."""
    assert main(["--db", str(db), "demo"]) == 0
    raw = file_raw(db)
    for doc in raw["actions"].values():
        if doc["id"] == "appreciation-note":
            doc["name"] = f"Notes{OSC_TITLE}\u202eevil"
    base = {"action": "weekly-check-in", "date": "2026-11-27", "rating": None}
    raw["logs"].update(
        {
            "9001": {
                **base,
                "uid": "osc",
                "logged_at": "2026-11-27T19:59:00+01:00",
                "note": f"Note{OSC_TITLE}\x9b2J end",
            },
            "9002": {
                **base,
                "uid": "rx",
                "logged_at": "2026-11-27T19:58:00+01:00",
                "note": SECRET,
                "rating": "x",
            },
            "9003": {
                **base,
                "uid": "obj",
                "logged_at": "2026-11-27T19:57:00+01:00",
                "note": {"a": SECRET},
            },
            "9004": {**base, "uid": "wk", "logged_at": 5, "note": SECRET, "date": "2026W481"},
        }
    )
    hand_edit(db, raw)


async def test_every_screen_shows_escape_sequences_without_obeying_them(app_db: Path) -> None:
    hostile_file(app_db)
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        seen = {}
        for key in ("t", "w", "h", "a", "g"):
            await pilot.press(key)
            await settle(pilot)
            seen[key] = screen_text(pilot)
        for key, text in seen.items():
            for char in RAW_CONTROLS:
                assert char not in text, (key, repr(char))
        assert "Notes␛]0;pwned␇" in seen["t"]  # the name, visibly
        assert "Note␛]0;pwned␇" in seen["h"]  # the note, in the table and the note pane
        assert SECRET not in seen["h"]  # the wrong-typed logs are set aside


async def test_wrong_typed_logs_neither_crash_week_nor_count(app_db: Path) -> None:
    hostile_file(app_db)
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await settle(pilot)
        assert type(app.screen).__name__ == "WeekScreen"
        assert app.data is not None
        uids = {entry.uid for entry in app.data.snapshot.logs}
        assert "osc" in uids and not uids & {"rx", "obj", "wk"}
        assert {item.key for item in app.data.snapshot.set_aside} == {"9002", "9003", "9004"}


CRASHING_APP = textwrap.dedent(
    """
    import sys
    from trust_tui.app import TrustApp
    from trust_tui.tui.screens.history import HistoryScreen

    def show_data(self, data):
        note = data.snapshot.logs[-1].note  # a local holding the private words
        raise RuntimeError("a bug")

    HistoryScreen.show_data = show_data

    async def press_h(pilot):
        await pilot.press("h")

    app = TrustApp(db_path=sys.argv[1])
    app.run(headless=True, size=(80, 24), auto_pilot=press_h)
    sys.exit(app.return_code)
    """
)


def test_an_unexpected_error_shows_no_note_and_names_doctor(app_db: Path) -> None:
    assert main(["--db", str(app_db), "log", "appreciation-note", "--note", SECRET]) == 0
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(app_db)],
        capture_output=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
        timeout=60,
    )
    shown = (done.stdout + done.stderr).decode()
    assert done.returncode == 1
    assert "RuntimeError" in shown and "doctor" in shown and str(app_db) in shown.replace("\n", "")
    assert SECRET not in shown and "Traceback" not in shown


async def test_editing_a_hostile_note_shows_it_visibly_and_saves_no_stand_ins(
    app_db: Path,
) -> None:
    hostile_file(app_db)
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "e")
        await settle(pilot)
        assert type(app.screen).__name__ == "EntryDialog"
        text = screen_text(pilot)
        assert "Note␛]0;pwned␇" in text
        for char in RAW_CONTROLS:
            assert char not in text, repr(char)
        app.screen.query_one("#log-date", Input).value = "2026-11-26"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [doc] = [d for d in file_logs(app_db) if d["uid"] == "osc"]
    # Saving an edit drops control characters, as typing does; the stand-ins are never stored.
    assert (doc["date"], doc["note"]) == ("2026-11-26", clean_text(f"Note{OSC_TITLE}\x9b2J end"))


async def test_a_hostile_answer_is_shown_visibly_and_kept_unless_changed(app_db: Path) -> None:
    assert main(["--db", str(app_db), "log", "appreciation-note"]) == 0
    raw = file_raw(app_db)
    answer = f"I will{OSC_TITLE} listen"
    raw["steps"] = {"1": {"step": "1.1", "done_on": None, "answers": {"what-i-did": answer}}}
    hand_edit(app_db, raw)
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await settle(pilot)
        areas = list(app.screen.query(AnswerArea))
        assert [a.text for a in areas if a.prompt_id == "what-i-did"] == ["I will␛]0;pwned␇ listen"]
        for char in RAW_CONTROLS:
            assert char not in screen_text(pilot), repr(char)
        areas[1].text = "A second answer."
        assert app.screen.save_answers() is True
        await settle(pilot)
    saved = file_raw(app_db)["steps"]["1"]["answers"]
    assert saved == {"what-i-did": answer, "still-unsaid": "A second answer."}


async def test_a_file_name_with_an_escape_sequence_is_shown_visibly(app_db: Path) -> None:
    db = app_db.with_name(f"notes{OSC_TITLE}.json")
    app = TrustApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        # Settings is taller than the window: bring the data file's line into view.
        app.screen.query_one("#data-path").scroll_visible(animate=False)
        await settle(pilot)
        text = screen_text(pilot)
    assert "notes␛]0;pwned␇" in text  # (the long path may wrap after it)
    assert "\x1b" not in text and "\x07" not in text


async def test_every_toast_is_plain_and_visible_whatever_its_caller_passes(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.screen.notify(f"[b]name[/b]{OSC_TITLE}", title=f"t{OSC_TITLE}", markup=True)
        await settle(pilot)
        text = screen_text(pilot)
    # Shown literally (no markup applied) and with its controls made visible.
    assert "[b]name[/b]␛]0;pwned␇" in text and "t␛]0;pwned␇" in text
    assert "\x1b" not in text and "\x07" not in text
