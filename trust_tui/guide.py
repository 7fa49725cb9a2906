"""The guide's content: the 13 steps, the part intros, the safety note and the default actions.

Everything lives as text under `content/` (docs/design.md §7). The built wheel carries a copy as
`trust_tui/_content` (hatchling's force-include); an editable install or a source checkout does
not, so `content_dir()` falls back to the checkout's `content/` folder.

This module must stay light: the command line uses `load_default_actions()` on start-up, so it
imports neither Textual nor TinyDB, and reading the actions never parses the guide's Markdown.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

from trust_tui.domain.frozen import frozen
from trust_tui.domain.models import Action
from trust_tui.domain.validation import ValidationError, check_action

__all__ = [
    "ContentError",
    "Guide",
    "Part",
    "Prompt",
    "Step",
    "content_dir",
    "load_default_actions",
    "load_guide",
    "load_step",
]

KINDS = ("one-time", "ongoing")
MIN_PROMPTS, MAX_PROMPTS = 2, 4

_STEP_FILE = re.compile(r"^(\d+)\.(\d+)\.md$")
_PART_FILE = re.compile(r"^part(\d+)\.md$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = "+++"

_STEP_KEYS = {
    "id": str,
    "part": int,
    "title": str,
    "kind": str,
    "actions": list,
    "summary": str,
    "prompts": list,
    "encouragement": str,
    "milestones": bool,
}
_STEP_REQUIRED = {"id", "part", "title", "kind", "summary"}
_PART_KEYS = {"id": str, "title": str, "summary": str}
_ACTION_KEYS = {
    "id": str,
    "name": str,
    "cadence": str,
    "target": int,
    "step": str,
    "description": str,
    "rated": bool,
    "order": int,
    "kind": str,
}
_ACTION_REQUIRED = {"id", "name", "cadence", "target"}


class ContentError(Exception):
    """The guide's content is missing or malformed; the message names the file."""


@frozen
class Prompt:
    """A reflection question; answers are stored under its stable `id`."""

    id: str
    text: str


@frozen
class Step:
    id: str
    part: int
    title: str
    kind: str
    """One-time (Parts 1-2) or ongoing (Part 3)."""
    actions: tuple[str, ...]
    """Ids of the tracked actions this step feeds."""
    summary: str
    prompts: tuple[Prompt, ...]
    body: str
    """Markdown, without the front matter."""
    encouragement: str = ""
    """One warm line for a streak milestone (ongoing steps)."""
    milestones: bool = True
    """Whether its actions' streak milestones are celebrated: not for contact with the partner,
    whose amount their wishes decide, not a count (content/guide/3.3.md)."""


@frozen
class Part:
    id: str
    title: str
    summary: str
    body: str
    steps: tuple[Step, ...]


@frozen
class Guide:
    parts: tuple[Part, ...]
    steps: dict[str, Step]
    safety: str
    sources: str

    def step(self, step_id: str) -> Step:
        try:
            return self.steps[step_id]
        except KeyError:
            raise KeyError(f"The guide has no step {step_id!r}.") from None

    def ordered_steps(self) -> tuple[Step, ...]:
        return tuple(step for part in self.parts for step in part.steps)


def content_dir() -> Path:
    """The packaged copy of `content/` if there is one, else the source checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_content", here.parent / "content"):
        if (candidate / "actions.toml").is_file():
            return candidate
    raise ContentError(
        f"The guide's content was not found in {here / '_content'} or {here.parent / 'content'}; "
        "reinstall trust-tui."
    )


# --- actions -------------------------------------------------------------------------------


def load_default_actions() -> list[Action]:
    """The default actions of `content/actions.toml` (cheap: one small TOML file)."""
    return list(_default_actions())


@functools.cache
def _default_actions() -> tuple[Action, ...]:
    path = content_dir() / "actions.toml"
    data = _read_toml(path)
    entries = data.get("actions")
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"{path}: expected one or more [[actions]] tables.")
    actions: list[Action] = []
    for index, entry in enumerate(entries, start=1):
        where = f"{path}: action {index}"
        _check_table(entry, _ACTION_KEYS, _ACTION_REQUIRED, where)
        if not _SLUG.match(entry["id"]):
            raise ContentError(f"{where}: id {entry['id']!r} is not a lowercase-dashed slug.")
        action = Action(
            id=entry["id"],
            name=entry["name"],
            cadence=entry["cadence"],
            target=entry["target"],
            step=entry.get("step"),
            description=entry.get("description", ""),
            rated=entry.get("rated", False),
            order=entry.get("order", index),
            kind=entry.get("kind", "plain"),
        )
        try:
            actions.append(check_action(action))
        except ValidationError as error:
            raise ContentError(f"{where}: {error}.") from None
    ids = [a.id for a in actions]
    if len(set(ids)) != len(ids):
        raise ContentError(f"{path}: action ids must be unique.")
    return tuple(actions)


# --- guide ---------------------------------------------------------------------------------


@functools.cache
def load_guide() -> Guide:
    """Read and check every file of the guide (cached for the life of the process)."""
    root = content_dir()
    folder = root / "guide"
    if not folder.is_dir():
        raise ContentError(f"{folder}: the guide folder is missing.")
    action_ids = {a.id for a in _default_actions()}
    steps: list[Step] = []
    part_files: dict[int, Path] = {}
    for path in sorted(folder.iterdir()):
        if _STEP_FILE.match(path.name):
            steps.append(_load_step(path, action_ids))
        elif match := _PART_FILE.match(path.name):
            part_files[int(match.group(1))] = path
    if not steps:
        raise ContentError(f"{folder}: no step files (like 1.1.md) were found.")
    steps.sort(key=_step_key)
    parts = []
    for number in sorted({s.part for s in steps} | set(part_files)):
        if number not in part_files:
            missing = folder / f"part{number}.md"
            raise ContentError(f"{missing}: the intro of part {number} is missing.")
        own = tuple(s for s in steps if s.part == number)
        if not own:
            raise ContentError(f"{part_files[number]}: part {number} has no steps.")
        parts.append(_load_part(part_files[number], number, own))
    return Guide(
        parts=tuple(parts),
        steps={s.id: s for s in steps},
        safety=_read_text(root / "safety.md").strip(),
        sources=_read_text(root / "sources.md").strip(),
    )


def load_step(step_id: str) -> Step | None:
    """One step of the guide, read alone (None: no such step file, or it cannot be read).

    Today names the highlighted action's step on its first frame; reading the whole guide
    there (16 files) cost about 25 ms of start-up (docs/design.md §8). The Guide screen still
    reads and checks every file through `load_guide`."""
    if not _STEP_FILE.fullmatch(f"{step_id}.md"):
        return None  # an action's step is data: never a path to follow
    return _step_at(content_dir() / "guide" / f"{step_id}.md")


@functools.cache
def _step_at(path: Path) -> Step | None:
    try:
        return _load_step(path, {a.id for a in _default_actions()})
    except ContentError:
        return None


SPACE_HEADING = "## When your partner asks for space"


@functools.cache
def load_space_note() -> str:
    """The safety note's section on respecting space (its paragraphs, without the heading):
    shown on Today, and when a space pause starts, instead of anything to do."""
    path = content_dir() / "safety.md"
    lines = _read_text(path).splitlines()
    try:
        first = lines.index(SPACE_HEADING) + 1
    except ValueError:
        raise ContentError(f"{path}: the section '{SPACE_HEADING}' is missing.") from None
    body: list[str] = []
    for line in lines[first:]:
        if line.startswith("#"):
            break
        body.append(line)
    paragraphs = "\n".join(body).strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def _step_key(step: Step) -> tuple[int, int]:
    major, minor = step.id.split(".")
    return int(major), int(minor)


def _load_step(path: Path, action_ids: set[str]) -> Step:
    meta, body = _split(path)
    _check_table(meta, _STEP_KEYS, _STEP_REQUIRED, str(path))
    expected = path.name.removesuffix(".md")
    if meta["id"] != expected:
        raise ContentError(f"{path}: id {meta['id']!r} does not match the file name.")
    if meta["part"] != int(expected.split(".")[0]):
        raise ContentError(f"{path}: part {meta['part']} does not match id {expected}.")
    kind = meta["kind"]
    if kind not in KINDS:
        raise ContentError(f"{path}: kind must be one of {', '.join(KINDS)}.")
    actions = tuple(meta.get("actions", ()))
    for action in actions:
        if not isinstance(action, str) or action not in action_ids:
            raise ContentError(f"{path}: action {action!r} is not defined in actions.toml.")
    prompts = tuple(_prompt(path, i, p) for i, p in enumerate(meta.get("prompts", ()), start=1))
    if len({p.id for p in prompts}) != len(prompts):
        raise ContentError(f"{path}: prompt ids must be unique within the step.")
    if kind == "one-time" and not MIN_PROMPTS <= len(prompts) <= MAX_PROMPTS:
        raise ContentError(f"{path}: a one-time step needs {MIN_PROMPTS} to {MAX_PROMPTS} prompts.")
    encouragement = meta.get("encouragement", "").strip()
    if kind == "ongoing" and not encouragement:
        raise ContentError(f"{path}: an ongoing step needs an encouragement line.")
    if not body.strip():
        raise ContentError(f"{path}: the step has no text after its front matter.")
    return Step(
        id=meta["id"],
        part=meta["part"],
        title=meta["title"].strip(),
        kind=kind,
        actions=actions,
        summary=meta["summary"].strip(),
        prompts=prompts,
        body=body.strip(),
        encouragement=encouragement,
        milestones=meta.get("milestones", True),
    )


def _prompt(path: Path, index: int, raw: Any) -> Prompt:
    where = f"{path}: prompt {index}"
    _check_table(raw, {"id": str, "text": str}, {"id", "text"}, where)
    if not _SLUG.match(raw["id"]):
        raise ContentError(f"{where}: id {raw['id']!r} is not a lowercase-dashed slug.")
    return Prompt(id=raw["id"], text=raw["text"].strip())


def _load_part(path: Path, number: int, steps: tuple[Step, ...]) -> Part:
    meta, body = _split(path)
    _check_table(meta, _PART_KEYS, set(_PART_KEYS), str(path))
    if meta["id"] != str(number):
        raise ContentError(f"{path}: id {meta['id']!r} does not match the file name.")
    return Part(
        id=meta["id"],
        title=meta["title"].strip(),
        summary=meta["summary"].strip(),
        body=body.strip(),
        steps=steps,
    )


# --- helpers -------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{path}: the file is missing.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: the file could not be read ({exc}).") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: invalid TOML ({exc}).") from None


def _split(path: Path) -> tuple[dict[str, Any], str]:
    """Front matter (TOML between `+++` lines) and the Markdown body."""
    lines = _read_text(path).splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        raise ContentError(f"{path}: the file must start with a '+++' front-matter line.")
    for end in range(1, len(lines)):
        if lines[end].strip() == _FENCE:
            break
    else:
        raise ContentError(f"{path}: the front matter has no closing '+++' line.")
    try:
        meta = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: invalid TOML front matter ({exc}).") from None
    return meta, "".join(lines[end + 1 :])


def _check_table(raw: Any, types: dict[str, type], required: set[str], where: str) -> None:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: expected a table of keys.")
    if unknown := sorted(set(raw) - set(types)):
        raise ContentError(f"{where}: unknown key {unknown[0]!r}.")
    if missing := sorted(required - set(raw)):
        raise ContentError(f"{where}: missing key {missing[0]!r}.")
    for key, value in raw.items():
        expected = types[key]
        # bool is a subclass of int: refuse `target = true` and the like.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ContentError(f"{where}: {key!r} must be of type {expected.__name__}.")
        if expected is str and key in required and not value.strip():
            raise ContentError(f"{where}: {key!r} must not be empty.")
