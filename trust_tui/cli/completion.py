"""`trust-tui completion bash|zsh`: a completion script made by shtab (imported only here, so
no other command pays for it). Action ids come from `trust-tui actions --ids` at completion
time, so new actions complete without regenerating the script."""

from __future__ import annotations

import argparse
from pathlib import Path

PREAMBLE = {
    "bash": """_trust_tui_action_ids() {
  compgen -W "$(trust-tui actions --ids 2>/dev/null)" -- "$1"
}""",
    "zsh": """_trust_tui_action_ids() {
  local -a ids
  ids=(${(f)"$(trust-tui actions --ids 2>/dev/null)"})
  compadd -a ids
}""",
}


def cmd_completion(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    import shtab

    from trust_tui.cli.parser import build_parser

    print(shtab.complete(build_parser(), shell=args.shell, preamble=PREAMBLE[args.shell]))
    return 0
