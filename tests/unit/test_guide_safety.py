"""Issue 11: the guide is safe for the situations it will meet, and its corrected claims stay
corrected. Everything is read through the public loader (`load_guide`) and the safety screen's
reader (`safety_text`), as the app reads it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from trust_tui.demo import build_demo
from trust_tui.guide import Guide, load_default_actions, load_guide
from trust_tui.tui.screens.safety import safety_text

SPACE_HEADING = "When your partner asks for space"


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide()


def flat(text: str) -> str:
    """Markdown text with line breaks and quote marks folded into single spaces."""
    return " ".join(text.replace(">", " ").split())


def sections(markdown: str) -> list[tuple[str, str]]:
    """The `## ` sections of a document, in order: (heading, body)."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.M)
    return [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def section(markdown: str, heading: str) -> str:
    found = [body for title, body in sections(markdown) if title == heading]
    assert len(found) == 1, f"expected one section {heading!r}"
    return found[0]


# --- the safety note --------------------------------------------------------------------------


def test_the_crisis_section_comes_before_every_other_section(guide: Guide) -> None:
    headings = [title for title, _ in sections(guide.safety)]
    assert headings[0] == "In a crisis"
    crisis = flat(section(guide.safety, "In a crisis")).lower()
    # For the reader, for the partner, and self-harm used as a threat.
    assert "if you are thinking of harming yourself" in crisis
    assert "if your partner is thinking of harming themselves" in crisis
    assert "if self-harm is used as a threat" in crisis
    assert "do not give in to the demand" in crisis
    # The app's own reader serves the same text.
    assert safety_text() == guide.safety


@pytest.mark.parametrize(
    ("number", "country"),
    [
        ("112", "European Union"),
        ("999", "United Kingdom"),
        ("911", "United States and Canada"),
        ("000", "Australia"),
    ],
)
def test_each_emergency_number_is_labelled_with_its_country(
    guide: Guide, number: str, country: str
) -> None:
    crisis = section(guide.safety, "In a crisis")
    lines = [line for line in crisis.splitlines() if re.search(rf"\b{number}\b", line)]
    assert lines, number
    assert all(country in line for line in lines), (number, lines)


def test_no_number_is_presented_as_universal(guide: Guide) -> None:
    crisis = flat(section(guide.safety, "In a crisis"))
    assert "your local emergency number" in crisis
    assert "findahelpline.com" in crisis and "If your country is not listed" in crisis
    # The old note's only emergency advice had no number; no number may stand without a place.
    for number in ("112", "999", "911", "000", "111", "988"):
        assert f"call {number}" not in crisis.lower()


def test_the_space_note_stands_alone(guide: Guide) -> None:
    note = section(guide.safety, SPACE_HEADING)
    assert "#" not in note and "\n\n" not in note  # one paragraph, nothing nested
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", flat(note)) if s]
    assert 3 <= len(sentences) <= 5, sentences
    text = flat(note).lower()
    assert "persistence is not devotion" in text
    assert "harassment" in text
    assert "paused for space" in text
    # It is shown on its own (on Today), so it may not lean on the text around it.
    for word in ("above", "below", "this section", "see the"):
        assert word not in text, word


def test_space_no_contact_and_the_partner_who_says_no(guide: Guide) -> None:
    text = flat(section(guide.safety, "If your partner has left, or says no"))
    assert "trust-tui pause --reason space" in text
    assert "harassment or stalking in law" in text
    assert "not an obstacle" in text


def test_control_by_the_partner_is_named_with_its_signs(guide: Guide) -> None:
    text = flat(section(guide.safety, "If your partner's demands become control")).lower()
    for sign in ("with no end in sight", "cutting you off from friends", "control of money",
                 "threats to expose you", "take the children"):  # fmt: skip
        assert sign in text, sign
    assert "for a set time, and reviewed together" in text
    assert "never unlimited" in text


def test_violence_means_advice_before_disclosure(guide: Guide) -> None:
    assert "talk to a domestic-abuse service before you tell them" in flat(guide.safety)
    assert "talk to a domestic-abuse service before you disclose" in flat(guide.step("1.1").body)


# --- the guide's steps ------------------------------------------------------------------------


def test_part_three_and_its_contact_steps_give_way_to_a_request_for_space(guide: Guide) -> None:
    part3 = next(p for p in guide.parts if p.id == "3")
    for where, body, request in (
        ("part3", part3.body, "If your partner asks for space"),
        ("3.3", guide.step("3.3").body, "If your partner asks for space"),
        ("3.5", guide.step("3.5").body, "If your partner has asked for space"),
    ):
        text = flat(body)
        assert "trust-tui pause --reason space" in text, where
        assert request in text, where
        if where != "3.5":
            assert "harassment" in text, where
    assert "A daily message they did not want is not devotion" in flat(part3.body)


def test_openness_is_never_accepting_control(guide: Guide) -> None:
    text = flat(guide.step("3.2").body)
    assert "it is not something to bargain over" in text
    assert "Not bargaining over openness never means accepting control" in text
    assert "for how long, then review it together" in text


def test_before_you_start_in_the_part_one_intro(guide: Guide) -> None:
    part1 = next(p for p in guide.parts if p.id == "1")
    text = flat(section(part1.body, "Before you start")).lower()
    assert "contact with the affair partner" in text and "has ended" in text
    assert "you have decided to stay" in text
    assert "counsellor of your own" in text and "not with your partner" in text
    assert "couples counsellor with experience of affairs" in text
    for addiction in ("alcohol", "gambling", "compulsive sexual behaviour"):
        assert addiction in text, addiction
    assert "treatment for that first" in text
    assert "not every betrayal is an affair" in flat(part1.body).lower()


def test_examples_reach_beyond_affairs(guide: Guide) -> None:
    assert "debts on a card you didn't know about" in flat(guide.step("1.1").body)
    assert "feel the pull to drink" in flat(guide.step("2.2").body)
    assert "After a relapse or a broken promise" in flat(guide.step("2.3").body)
    assert "what they are told, and by whom" in flat(guide.step("3.1").body)
    intimacy = flat(guide.step("3.4").body)
    assert "at your partner's pace" in intimacy and "test results back" in intimacy


def test_triggers_dates_and_places(guide: Guide) -> None:
    text = flat(section(guide.step("1.4").body, "Triggers, dates and places"))
    assert "Raise it yourself" in text
    assert "reassurance before you are asked" in text
    assert "Plan for the hard dates and places together" in text


# --- the corrected claims ---------------------------------------------------------------------


def test_gordon_2012_is_reported_the_right_way_round(guide: Guide) -> None:
    text = flat(guide.step("3.5").body)
    # The old text said the people who *felt appreciated* were the more committed ones.
    assert "appreciated by their partner were more committed" not in text
    assert "went on to show more appreciation themselves" in text
    assert "it was the appreciative partners who were more committed" in text


def test_active_listening_was_popularised_not_first_described(guide: Guide) -> None:
    text = flat(guide.step("1.3").body)
    assert "first described" not in text
    assert "made widely known by the psychologists Carl Rogers and Richard Farson" in text
    assert "stupid" not in text.lower()
    assert "I imagine you feel humiliated" in text


def test_study_designs_are_named(guide: Guide) -> None:
    assert "strangers played a trust game" in flat(guide.step("2.3").body)
    assert "rated written openers for imagined disagreements" in flat(guide.step("2.1").body)
    assert "classic" not in guide.step("1.2").body.lower()


# --- the app's own words ----------------------------------------------------------------------


def test_milestone_lines_presume_nothing_about_the_partner(guide: Guide) -> None:
    for step in guide.ordered_steps():
        if step.kind != "ongoing":
            continue
        line = step.encouragement.lower()
        for phrase in ("can feel", "feels", "will feel", "memories to lean on", "add up"):
            assert phrase not in line, (step.id, phrase)
    assert "not a count" in guide.step("3.3").encouragement


def test_demo_answers_fit_their_prompts(guide: Guide) -> None:
    prompt_ids = {s.id: [p.id for p in s.prompts] for s in guide.ordered_steps() if s.prompts}
    now = dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    _, steps = build_demo(load_default_actions(), now.date(), now, prompt_ids)
    answers = [text for progress in steps for text in progress.answers.values()]
    assert len(answers) == sum(len(ids) for ids in prompt_ids.values())
    assert len(set(answers)) == len(answers)  # no sentence repeated across prompts
    by_prompt = {pid: text for progress in steps for pid, text in progress.answers.items()}
    assert by_prompt["i-statement"].startswith("I felt") and "I chose" in by_prompt["i-statement"]
    assert "If " in by_prompt["if-then-plans"]
    assert "for as long as they want" not in " ".join(answers)  # no open-ended access
