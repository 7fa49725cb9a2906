"""Which action a person means on the command line: an id, a name, or a unique prefix (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from trust_tui.domain.models import Action
from trust_tui.domain.validation import ValidationError


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_action(ref: str, actions: Sequence[Action]) -> Action:
    """The action `ref` names: an exact id or name (any case), else the one active action whose
    id or name starts with it (any case). Raises ValidationError listing the candidates."""
    key = _fold(ref)
    if not key:
        raise ValidationError("Name an action: its id, its name, or the start of either.")
    for action in actions:
        if action.id.casefold() == key or _fold(action.name) == key:
            return action  # archived too: logging it then says it is archived
    active = [a for a in sorted(actions, key=lambda a: a.order) if not a.archived]
    found = [a for a in active if a.id.casefold().startswith(key) or _fold(a.name).startswith(key)]
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            f"'{ref}' could be several actions: {_listed(found)}; type more of the name."
        )
    raise ValidationError(f"There is no action '{ref}'; the actions are: {_listed(active)}.")


def _listed(actions: Sequence[Action]) -> str:
    return ", ".join(f"{a.id} ({a.name})" for a in actions) or "none"
