"""`trust-tui log` by id, name or unique prefix (issue 10): the pure matching rule."""

from __future__ import annotations

import dataclasses

import pytest

from trust_tui.domain.matching import match_action
from trust_tui.domain.models import Action
from trust_tui.domain.validation import ValidationError
from trust_tui.guide import load_default_actions

ACTIONS = tuple(load_default_actions())


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("stay-in-touch", "stay-in-touch"),
        ("STAY-IN-TOUCH", "stay-in-touch"),
        ("Call or message", "stay-in-touch"),
        ("call  or   MESSAGE", "stay-in-touch"),
        ("call", "stay-in-touch"),
        ("appreciation", "appreciation-note"),
        ("Appr", "appreciation-note"),
        ("weekly", "weekly-check-in"),
        ("ask", "ask-needs"),
        ("shared", "shared-activity"),
    ],
)
def test_an_id_a_name_or_a_unique_prefix(ref: str, expected: str) -> None:
    assert match_action(ref, ACTIONS).id == expected


def test_an_ambiguous_prefix_lists_the_candidates() -> None:
    actions = (*ACTIONS, Action("call-mum", "Call mum", "week", 1, order=9))
    with pytest.raises(ValidationError) as error:
        match_action("call", actions)
    message = str(error.value)
    assert "could be several actions" in message
    assert "stay-in-touch (Call or message)" in message and "call-mum (Call mum)" in message
    assert "\n" not in message


def test_an_exact_id_wins_over_a_prefix_of_another() -> None:
    actions = (Action("call", "Phone", "day", 1), Action("call-mum", "Call mum", "day", 1))
    assert match_action("call", actions).id == "call"


def test_unknown_lists_the_active_actions() -> None:
    with pytest.raises(ValidationError) as error:
        match_action("zzz", ACTIONS)
    assert "There is no action 'zzz'" in str(error.value)
    assert "appreciation-note (Appreciation note)" in str(error.value)


def test_a_prefix_never_picks_an_archived_action_but_an_exact_id_finds_it() -> None:
    actions = tuple(dataclasses.replace(a, archived=a.id == "shared-activity") for a in ACTIONS)
    with pytest.raises(ValidationError):
        match_action("shared", actions)
    assert match_action("shared-activity", actions).archived


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(ValidationError):
        match_action("  ", ACTIONS)
