"""The guide ships inside the built wheel and is found there (docs/design.md §7).

Builds the wheel, installs it into a throw-away virtual environment and loads the guide from a
separate interpreter whose working directory is not the checkout, so the packaged copy
(`trust_tui/_content`, hatchling's force-include) is the only one it can find.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys, sysconfig
import trust_tui
from trust_tui.guide import content_dir, load_default_actions, load_guide
guide = load_guide()
print(json.dumps({
    "package": trust_tui.__file__,
    "content": str(content_dir()),
    "purelib": sysconfig.get_paths()["purelib"],
    "steps": [s.id for s in guide.ordered_steps()],
    "parts": [p.id for p in guide.parts],
    "actions": [a.id for a in load_default_actions()],
    "safety": bool(guide.safety),
    "sources": bool(guide.sources),
}))
"""


def _run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _build_wheel(out: Path) -> Path:
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", out, REPO]
        # With hatchling at hand, skip the isolated build environment (faster, works offline).
        if importlib.util.find_spec("hatchling") is not None:
            command.insert(3, "--no-isolation")
        _run(*command)
    else:
        _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, REPO)
    wheels = sorted(out.glob("trust_tui-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_guide_loads_from_an_installed_wheel(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path / "dist")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # The dev environment's pip installs into the new environment: no download, no deps.
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--disable-pip-version-check", "--quiet", wheel)  # fmt: skip

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    found = json.loads(_run(python, "-c", PROBE, cwd=elsewhere, env=env))

    site_packages = Path(found["purelib"]).resolve()
    package_dir = Path(found["package"]).resolve().parent
    content = Path(found["content"]).resolve()
    assert package_dir.is_relative_to(site_packages), found
    assert content == package_dir / "_content", found
    assert content.is_relative_to(site_packages), found
    assert not content.is_relative_to(REPO), found
    assert len(found["steps"]) == 13 and found["steps"][0] == "1.1" and found["steps"][-1] == "3.6"
    assert found["parts"] == ["1", "2", "3"]
    assert len(found["actions"]) == 5
    assert found["safety"] and found["sources"]
