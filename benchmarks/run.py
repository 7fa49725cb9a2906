"""The performance budgets (docs/design.md §8, start-up and `log` as revised by issue 13), measured side
by side in one run.

    .venv/bin/python benchmarks/run.py [--runs 11] [--presses 11] [--work DIR]

Generates 10-year histories of 1,000 and 50,000 logs, measures every figure (medians over
repeated runs, the two sides of each ratio interleaved so they share the machine's mood), prints
a table and exits 1 when a budget is missed. A benchmark, not a test: CI never times anything.
See benchmarks/README.md for how each figure is taken.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import measure  # noqa: E402
from benchmarks.bare_app import MARKER  # noqa: E402
from benchmarks.generate import CUSTOM_ACTION, NOW, write_history  # noqa: E402
from benchmarks.today_app import FOOTER_MARKER  # noqa: E402
from benchmarks.today_app import MARKER as TODAY_MARKER  # noqa: E402

BIN = Path(sys.executable).parent
SIZES = {"1k": 1_000, "50k": 50_000}


@dataclass
class Figure:
    label: str
    unit: str  # "s" or "MiB"
    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self) -> str:
        return f"{_fmt(min(self.values), self.unit)}–{_fmt(max(self.values), self.unit)}"


@dataclass
class Budget:
    label: str
    top: Figure
    bottom: Figure
    limit: float | None  # None: no budget in docs/design.md §8, reported only
    paired: bool = False
    """Both sides were measured in the same rounds (`interleave`): the ratio is the median of
    each round's ratio, so a machine that slows down for a few rounds slows both sides of
    those rounds alike instead of moving one side's median. Otherwise the medians' ratio."""

    @property
    def ratio(self) -> float:
        if self.paired and len(self.top.values) == len(self.bottom.values):
            return statistics.median(
                t / b for t, b in zip(self.top.values, self.bottom.values, strict=True)
            )
        return self.top.median / self.bottom.median

    @property
    def met(self) -> bool:
        return self.limit is None or self.ratio <= self.limit


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.3f} s"
    return f"{value:.1f} {unit}"


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUST_TUI", "TEXTUAL"))}
    env.update(TERM="xterm-256color", TRUST_TUI_NOW=NOW.isoformat(), PYTHONDONTWRITEBYTECODE="")
    env.update(extra or {})
    return env


def interleave(runs: int, *sides: Callable[[], None]) -> None:
    """A warm-up of each side, then `runs` rounds of A, B, A, B… (shared noise)."""
    for side in sides:
        side()
    for _ in range(runs):
        for side in sides:
            side()


def bench_startup(files: dict[str, Path], runs: int) -> dict[str, Figure]:
    env = _env()
    bare = [str(BIN / "python"), str(ROOT / "benchmarks" / "bare_app.py")]
    today = [str(BIN / "python"), str(ROOT / "benchmarks" / "today_app.py")]
    figs = {
        "bare": Figure("start-up: bare Textual app to first frame", "s"),
        "bare_mem": Figure("peak memory: bare Textual app", "MiB"),
        "today": Figure("start-up: Today's widget tree, no data (reference)", "s"),
        "today_mem": Figure("peak memory: Today's widget tree, no data", "MiB"),
    }
    sides: list[Callable[[], None]] = []
    warm: set[str] = set()

    def side(key: str, argv: list[str], markers: list[str]) -> Callable[[], None]:
        def run() -> None:
            seconds, rss = measure.first_frame(argv, markers, env)
            if key not in warm:  # the warm-up (it also takes the day's backup): not counted
                warm.add(key)
                return
            figs[key].values.append(seconds)
            figs[f"{key}_mem"].values.append(rss / 1024)

        return run

    sides.append(side("bare", bare, [MARKER]))
    sides.append(side("today", today, [TODAY_MARKER, FOOTER_MARKER]))
    for size, path in files.items():
        figs[size] = Figure(f"start-up: trust-tui ({size} logs) to first frame with streaks", "s")
        figs[f"{size}_mem"] = Figure(f"peak memory: trust-tui ({size} logs)", "MiB")
        argv = [str(BIN / "trust-tui"), "--db", str(path)]
        sides.append(side(size, argv, _streak_markers(path)))
    interleave(runs, *sides)
    return figs


def _streak_markers(path: Path) -> list[str]:
    """Texts only a Today screen with real figures shows: the custom action's name and the
    current streak cells of the two daily actions (computed here from the same file); and a
    Footer key, as for the reference."""
    from trust_tui.domain.wording import streak_short
    from trust_tui.session import build_data
    from trust_tui.storage.store import Store

    snapshot = Store(path).load()
    data = build_data(snapshot, NOW.date(), path)
    cells = [streak_short(data.streaks[a]) for a in ("stay-in-touch", CUSTOM_ACTION.id)]
    return [CUSTOM_ACTION.name[:16], FOOTER_MARKER, *(c for c in cells if c != "–")]


def bench_log_command(files: dict[str, Path], runs: int) -> dict[str, Figure]:
    env = _env()
    figs = {"import": Figure('python -c "import tinydb, pendulum"', "s")}
    imports = [str(BIN / "python"), "-c", "import tinydb, pendulum"]
    sides = [_timed(figs["import"], imports, env)]
    for size, path in files.items():
        figs[size] = Figure(f"trust-tui log ({size} logs), whole process", "s")
        argv = [
            str(BIN / "trust-tui"),
            "--db",
            str(path),
            "log",
            "stay-in-touch",
            "--note",
            "Texted at lunch to say the appointment went fine.",
        ]
        sides.append(_timed(figs[size], argv, env))
    interleave(runs, *sides)
    return figs


def _timed(fig: Figure, argv: list[str], env: dict[str, str]) -> Callable[[], None]:
    first = [True]

    def run() -> None:
        seconds = measure.process_seconds(argv, env)
        if first[0]:
            first[0] = False
            return
        fig.values.append(seconds)

    return run


def bench_keypress(files: dict[str, Path], presses: int, rounds: int = 3) -> dict[str, Figure]:
    """Each size in its own process (a clean interpreter, as the real app has), the sizes
    alternating over `rounds` processes each so that a slow minute of the machine falls on
    both (one process per size, one after the other, gave 1.06–1.68× over ten runs of the
    same code; 63 presses each, alternating, give the same figure within 0.05×)."""
    figs = {size: Figure(f"key press to updated Today ({size} logs)", "s") for size in files}
    for _ in range(rounds):
        for size, path in files.items():
            out = subprocess.run(
                [
                    str(BIN / "python"),
                    str(Path(__file__).resolve()),
                    "--keypress-child",
                    str(path),
                    "--presses",
                    str(presses + 1),
                ],
                env=_env(),
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                raise measure.BenchmarkError(f"key press benchmark failed:\n{out.stderr}")
            times = json.loads(out.stdout.strip().splitlines()[-1])
            figs[size].values.extend(times[1:])  # the first press warms the screen up
    return figs


def bench_summary(path: Path, runs: int) -> dict[str, Figure]:
    from trust_tui.storage.store import Store

    snapshot = Store(path).load()
    today = NOW.date()
    figs = {
        "domain": Figure(
            f"summary: all streaks + {measure.WEEKS} weeks (domain, {len(snapshot.logs):,} logs)",
            "s",
        ),
        "reference": Figure("summary: plain-datetime reference loop, same logs", "s"),
    }
    work = {
        "domain": measure.summary_work(snapshot, today),
        "reference": measure.reference_work(snapshot, today),
    }
    interleave(runs, *(lambda k=k: figs[k].values.append(measure.seconds(work[k])) for k in work))
    for fig in figs.values():
        del fig.values[0]  # the warm-up
    return figs


def collect(files: dict[str, Path], runs: int, presses: int) -> tuple[list[Figure], list[Budget]]:
    start = bench_startup(files, runs)
    log = bench_log_command(files, runs)
    keys = bench_keypress(files, presses)
    summary = bench_summary(files["50k"], max(runs, 21))
    figures = [*start.values(), *log.values(), *keys.values(), *summary.values()]
    budgets = [
        Budget(
            "start-up: trust-tui (50k) / Today's tree, no data",
            start["50k"],
            start["today"],
            1.15,
            paired=True,
        ),
        Budget(
            "start-up: trust-tui (50k) / bare Textual app",
            start["50k"],
            start["bare"],
            1.5,
            paired=True,
        ),
        Budget("peak memory: trust-tui (50k) / bare app", start["50k_mem"], start["bare_mem"], 2.5),
        # Each size runs in its own processes, alternating: pooled presses, not pairs.
        Budget("key press: 50k logs / 1k logs", keys["50k"], keys["1k"], 1.5),
        Budget(
            "trust-tui log (50k) / import tinydb, pendulum",
            log["50k"],
            log["import"],
            1.0,
            paired=True,
        ),
        Budget("trust-tui log: 50k logs / 1k logs", log["50k"], log["1k"], 1.15, paired=True),
        Budget(
            "summary (50k): domain / datetime reference",
            summary["domain"],
            summary["reference"],
            1.5,
            paired=True,
        ),
    ]
    return figures, budgets


def table(figures: list[Figure], budgets: list[Budget]) -> str:
    lines = [
        f"| {'figure':<66} | {'median':>9} | {'spread (min–max)':>21} | {'n':>2} |",
        f"|{'-' * 68}|{'-' * 11}:|{'-' * 22}:|{'-' * 3}:|",
    ]
    for fig in figures:
        lines.append(
            f"| {fig.label:<66} | {_fmt(fig.median, fig.unit):>9} | {fig.spread():>21} | {len(fig.values):>2} |"
        )
    lines += [
        "",
        f"| {'budget (docs/design.md §8)':<50} | {'ratio':>6} | {'medians':>7} | {'budget':>17} | {'verdict':<7} |",
        f"|{'-' * 52}|{'-' * 7}:|{'-' * 9}:|{'-' * 18}:|{'-' * 9}|",
    ]
    for b in budgets:
        limit = f"≤ {b.limit:.2f}×" if b.limit else "none in docs/design.md"
        verdict = "report" if b.limit is None else ("met" if b.met else "MISSED")
        medians = b.top.median / b.bottom.median
        lines.append(
            f"| {b.label:<50} | {b.ratio:>5.2f}× | {medians:>6.2f}× | {limit:>17} | {verdict:<7} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def make_files(work: Path, sizes: dict[str, int]) -> dict[str, Path]:
    files = {}
    for size, logs in sizes.items():
        files[size] = write_history(work / size / "trust.json", logs)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="trust-tui performance budgets (docs/design.md §8)"
    )
    parser.add_argument(
        "--runs", type=int, default=11, help="whole-process runs per figure (default 11)"
    )
    parser.add_argument(
        "--presses",
        type=int,
        default=11,
        help="key presses per app process (default 11, 3 processes a size)",
    )
    parser.add_argument("--work", type=Path, help="keep the generated files in this new folder")
    parser.add_argument("--keypress-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.keypress_child:
        print(json.dumps(measure.keypress_seconds(args.keypress_child, args.presses)))
        return 0
    began = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="trust-tui-bench-"))
    try:
        files = make_files(work, SIZES)
        figures, budgets = collect(files, args.runs, args.presses)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"trust-tui benchmarks — {machine()}")
    print(
        f"histories: 10 years, 6 actions, {', '.join(f'{n:,}' for n in SIZES.values())} logs; "
        f"{args.runs} runs per process figure, {args.presses} key presses × 3 processes a size; took {time.perf_counter() - began:.0f} s\n"
    )
    print(table(figures, budgets))
    missed = [b.label for b in budgets if not b.met]
    if missed:
        print("\nMissed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
