"""The guide's content (docs/design.md §7, issue 3): complete, well-formed, linked, found in a checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from trust_tui import guide as guide_mod
from trust_tui.domain.models import Action
from trust_tui.guide import ContentError, Guide, content_dir, load_default_actions, load_guide

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
COPYCHECK = REPO.parent / "shared" / "tools" / "copycheck.py"

STEP_IDS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3",
            "3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]  # fmt: skip
DEFAULT_ACTIONS = {
    # id: (cadence, target, step, rated)
    "weekly-check-in": ("week", 1, "3.1", True),
    "ask-needs": ("week", 1, "3.2", False),
    "stay-in-touch": ("day", 1, "3.3", False),
    "shared-activity": ("week", 1, "3.4", False),
    "appreciation-note": ("week", 3, "3.5", False),
}


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide()


def test_content_is_found_in_the_checkout() -> None:
    assert content_dir() == CONTENT


def test_every_step_and_part_intro_exists(guide: Guide) -> None:
    for step_id in STEP_IDS:
        assert (CONTENT / "guide" / f"{step_id}.md").is_file()
    for part in ("1", "2", "3"):
        assert (CONTENT / "guide" / f"part{part}.md").is_file()
    assert [s.id for s in guide.ordered_steps()] == STEP_IDS
    assert sorted(guide.steps) == sorted(STEP_IDS)
    assert [p.id for p in guide.parts] == ["1", "2", "3"]
    assert [len(p.steps) for p in guide.parts] == [4, 3, 6]


def test_ids_unique_and_ordered(guide: Guide) -> None:
    ids = [s.id for s in guide.ordered_steps()]
    assert len(ids) == len(set(ids))
    keys = [tuple(int(n) for n in i.split(".")) for i in ids]
    assert keys == sorted(keys)
    for part in guide.parts:
        assert all(s.part == int(part.id) for s in part.steps)


def test_every_file_parses_with_tomllib() -> None:
    for path in sorted((CONTENT / "guide").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n+++\n")
        assert head.startswith("+++\n") and sep, path
        tomllib.loads(head.removeprefix("+++\n"))
        assert rest.strip(), path
    tomllib.loads((CONTENT / "actions.toml").read_text(encoding="utf-8"))
    for name in ("safety.md", "sources.md"):
        assert (CONTENT / name).read_text(encoding="utf-8").strip()


def test_kinds_follow_the_parts(guide: Guide) -> None:
    for step in guide.ordered_steps():
        assert step.kind == ("ongoing" if step.part == 3 else "one-time"), step.id
        assert step.title and step.summary and "\n" not in step.summary


def test_one_time_steps_have_two_to_four_prompts_with_unique_ids(guide: Guide) -> None:
    for step in guide.ordered_steps():
        if step.kind != "one-time":
            continue
        assert 2 <= len(step.prompts) <= 4, step.id
        ids = [p.id for p in step.prompts]
        assert len(ids) == len(set(ids)), step.id
        assert all(p.text for p in step.prompts)
    # The I-statement of step 2.1 is stored under a stable id other code may rely on.
    assert "i-statement" in [p.id for p in guide.step("2.1").prompts]


def test_actions_named_by_steps_exist(guide: Guide) -> None:
    known = {a.id for a in load_default_actions()}
    for step in guide.ordered_steps():
        assert set(step.actions) <= known, step.id
        assert bool(step.actions) == (step.part == 3), step.id


def test_each_default_action_links_to_a_step_that_feeds_it(guide: Guide) -> None:
    for action in load_default_actions():
        assert action.step is not None
        assert action.id in guide.step(action.step).actions


def test_ongoing_steps_carry_an_encouragement_line(guide: Guide) -> None:
    for step in guide.ordered_steps():
        if step.kind == "ongoing":
            assert step.encouragement and "\n" not in step.encouragement, step.id


def test_default_actions_match_the_contract() -> None:
    actions = load_default_actions()
    assert all(isinstance(a, Action) for a in actions)
    assert [a.id for a in actions] == list(DEFAULT_ACTIONS)
    for action in actions:
        cadence, target, step, rated = DEFAULT_ACTIONS[action.id]
        assert (action.cadence, action.target, action.step, action.rated) == (
            cadence, target, step, rated)  # fmt: skip
        assert action.name and action.description and not action.archived
    orders = [a.order for a in actions]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert load_default_actions() is not load_default_actions()  # callers may mutate the list


def test_bodies_have_no_front_matter_and_the_four_sections(guide: Guide) -> None:
    for step in guide.ordered_steps():
        assert not step.body.startswith("+++"), step.id
        for heading in ("## Why it matters", "## What to do", "## An example",
                        "## A common mistake"):  # fmt: skip
            assert heading in step.body, (step.id, heading)
        if step.part == 3:
            assert "## What to track" in step.body, step.id


def test_lines_fit_an_80_column_terminal() -> None:
    for path in sorted(CONTENT.rglob("*.md")):
        in_front_matter = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line == "+++":
                in_front_matter = not in_front_matter
                continue
            if not in_front_matter:
                assert len(line) <= 78, f"{path.name}:{number}"
                assert not line.lstrip().startswith("|"), f"{path.name}:{number}: no tables"


def test_front_matter_text_holds_no_markup_brackets(guide: Guide) -> None:
    # Titles, summaries, prompts and encouragements end up in widgets; keep them free of
    # anything Rich or Textual could read as markup.
    for step in guide.ordered_steps():
        texts = [step.title, step.summary, step.encouragement, *(p.text for p in step.prompts)]
        assert not any(c in text for text in texts for c in "[]"), step.id
    for part in guide.parts:
        assert not any(c in part.title + part.summary for c in "[]"), part.id


def test_safety_note_covers_what_it_must(guide: Guide) -> None:
    text = guide.safety.lower()
    assert "emergency" in text
    assert "not a counsellor" in text
    assert "controlling" in text and "not the right first step" in text
    # No invented phone numbers: no long runs of digits anywhere in the content.
    for path in CONTENT.rglob("*"):
        if path.is_file():
            assert not any(
                len(run) >= 5
                for run in "".join(c if c.isdigit() else " " for c in path.read_text()).split()
            ), path


def test_claims_to_avoid_are_absent() -> None:
    text = " ".join(p.read_text(encoding="utf-8").lower() for p in CONTENT.rglob("*.md"))
    for claim in ("21 days", "94%", "oxytocin", "amygdala", "70-94", "70–94"):
        assert claim not in text, claim
    # Gender-neutral: the partner is "your partner" or "they" ("he" appears only for named authors).
    for word in (" she ", " her ", " him ", "he or she", "his or her", "s/he"):
        assert word not in text, word


def test_guide_and_actions_are_cached() -> None:
    assert load_guide() is load_guide()


def test_guide_module_imports_neither_textual_nor_tinydb() -> None:
    code = (
        "import sys, trust_tui.guide as g; g.load_guide(); g.load_default_actions();"
        "bad = [m for m in ('textual', 'tinydb') if m in sys.modules];"
        "sys.exit(', '.join(bad) or None)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(
    not COPYCHECK.is_file(), reason="../shared/tools/copycheck.py is not beside the repo"
)
def test_copycheck_finds_no_shared_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(COPYCHECK), str(CONTENT)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().startswith("0 run(s)")


# --- the loader refuses broken content with a message naming the file ----------------------


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of content/ that the loader reads instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    monkeypatch.setattr(guide_mod, "content_dir", lambda: copy)
    guide_mod.load_guide.cache_clear()
    guide_mod._default_actions.cache_clear()
    yield copy
    guide_mod.load_guide.cache_clear()
    guide_mod._default_actions.cache_clear()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("3.3.md", '["stay-in-touch"]', '["no-such-action"]', "not defined in actions.toml"),
        ("1.2.md", 'id = "1.2"', 'id = "1.9"', "does not match the file name"),
        ("2.2.md", 'kind = "one-time"', 'kind = "sometimes"', "kind must be"),
        ("1.1.md", 'title = "', 'titel = "', "unknown key 'titel'"),
        ("1.3.md", 'id = "my-paraphrase"', 'id = "their-words"', "prompt ids must be unique"),
        ("3.5.md", "encouragement = ", "# encouragement = ", "encouragement line"),
        ("2.1.md", "summary = ", "summary = [", "invalid TOML"),
        ("part2.md", 'id = "2"', 'id = "two"', "does not match the file name"),
    ],
)
def test_broken_step_files_are_refused(
    broken: Path, name: str, old: str, new: str, message: str
) -> None:
    path = broken / "guide" / name
    _edit(path, old, new)
    with pytest.raises(ContentError, match=message) as caught:
        load_guide()
    assert str(path) in str(caught.value)


def test_too_few_prompts_are_refused(broken: Path) -> None:
    path = broken / "guide" / "1.4.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("prompts = [")
    end = text.index("]\n+++", start)
    path.write_text(text[:start] + 'prompts = [{ id = "only", text = "One." }' + text[end:])
    with pytest.raises(ContentError, match="2 to 4 prompts"):
        load_guide()


def test_missing_front_matter_and_missing_files_are_refused(broken: Path) -> None:
    (broken / "guide" / "part3.md").unlink()
    with pytest.raises(ContentError, match="part3.md"):
        load_guide()
    guide_mod.load_guide.cache_clear()
    (broken / "safety.md").unlink()
    (broken / "guide" / "part3.md").write_text("No front matter here.\n")
    with pytest.raises(ContentError, match="must start with"):
        load_guide()


def test_bad_actions_are_refused(broken: Path) -> None:
    _edit(broken / "actions.toml", 'cadence = "day"', 'cadence = "fortnight"')
    with pytest.raises(ContentError, match="actions.toml: action 3: cadence"):
        load_default_actions()
    guide_mod._default_actions.cache_clear()
    _edit(broken / "actions.toml", 'cadence = "fortnight"', 'cadence = "day"')
    _edit(broken / "actions.toml", "target = 3", "target = true")
    with pytest.raises(ContentError, match="'target' must be of type int"):
        load_default_actions()


def test_one_step_read_alone_is_the_step_the_whole_guide_holds() -> None:
    for step_id in STEP_IDS:
        assert guide_mod.load_step(step_id) == load_guide().steps[step_id]


@pytest.mark.parametrize(
    "step_id", ["9.9", "3", "3.3.md", "../guide/3.3", "3.3\n", " 3.3", "", "3.3/../3.3"]
)
def test_a_step_id_that_names_no_step_file_reads_nothing(step_id: str) -> None:
    """An action's step is data (a hand-edited file): never a path to follow."""
    assert guide_mod.load_step(step_id) is None
