"""Files that cannot fool the store: a FIFO, a device, a socket or a folder at the data path is
refused (exit 1) before anything opens it; a symlink loop is an error, not an empty history."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from trust_tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-27T20:00:00+01:00"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """A real process with a timeout: a command that opened a FIFO would hang, not fail."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRUST_TUI_NOW": NOW}
    return subprocess.run(
        [sys.executable, "-m", "trust_tui", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "trust.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [["log", "stay-in-touch"], ["summary"], ["doctor"], ["demo"]])
def test_a_fifo_is_refused_before_any_open(fifo: Path, command: list[str]) -> None:
    result = run_cli("--db", str(fifo), *command)
    assert result.returncode == 1
    assert "named pipe" in result.stderr and result.stdout == ""
    assert sorted(p.name for p in fifo.parent.iterdir()) == ["trust.json"]  # no lock, no journal


def test_the_app_refuses_a_fifo_too(fifo: Path) -> None:
    result = run_cli("--db", str(fifo))
    assert result.returncode == 1 and "named pipe" in result.stderr


def test_a_device_is_refused_and_left_alone(tmp_path: Path) -> None:
    link = tmp_path / "trust.json"
    link.symlink_to("/dev/null")
    result = run_cli("--db", str(link), "log", "stay-in-touch")
    assert result.returncode == 1 and "character device" in result.stderr
    assert not Path("/dev/null.journal").exists() and not Path("/dev/null.lock").exists()


def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a socket path must be short
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("s.json")
        monkeypatch.setenv("TRUST_TUI_NOW", NOW)
        assert main(["--db", "s.json", "summary"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_a_symlink_loop_is_an_error_not_an_empty_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    monkeypatch.setenv("TRUST_TUI_NOW", NOW)
    for command in (["summary"], ["log", "stay-in-touch"], ["doctor"]):
        assert main(["--db", str(a), *command]) == 1
        assert "loop" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


def test_a_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "trust.json"
    folder.mkdir()
    monkeypatch.setenv("TRUST_TUI_NOW", NOW)
    assert main(["--db", str(folder), "log", "stay-in-touch"]) == 1
    assert list(folder.iterdir()) == []
