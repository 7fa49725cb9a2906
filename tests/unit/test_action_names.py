"""Two active actions never share a name (case and spacing aside): rows could not be told apart."""

from __future__ import annotations

import pytest

from trust_tui.domain.models import Action
from trust_tui.domain.validation import ValidationError, check_unique_name

ACTIONS = (
    Action(id="shared-activity", name="Shared activity", cadence="week", target=1, order=1),
    Action(id="old-habit", name="Old habit", cadence="day", target=1, order=2, archived=True),
)


@pytest.mark.parametrize("name", ["Shared activity", "shared ACTIVITY", "  Shared   activity "])
def test_a_name_an_active_action_has_is_refused(name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_unique_name(name, ACTIONS)
    assert str(refused.value) == (
        "You already have an action called 'Shared activity'; choose another name."
    )


def test_an_archived_actions_name_and_an_actions_own_name_are_allowed() -> None:
    assert check_unique_name("old habit", ACTIONS) == "old habit"
    assert check_unique_name("Shared Activity", ACTIONS, own_id="shared-activity")
