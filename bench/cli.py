"""How long each `trygghetsmal` command takes from the shell prompt to its last line.

Loads the example exports into a temporary data dir (`trygghetsmal demo`), then runs each
command --runs times as a new process, the way an analyst's script does, and prints the median
and the worst wall time, with the bare interpreter's start for comparison. `ingest` reads one
example export into a new data dir each run, so it is always a first import. The project's own
modules are compiled to bytecode first, as a user's first run writes them (and as `make install`
compiles the libraries): where PYTHONDONTWRITEBYTECODE is set, as on the development machines,
the editable install would otherwise compile them again in every run (some 0.1 s of `status`).
Targets (design.md, issue 21): --help ≤ 0.5 s, goals ≤ 1 s, status ≤ 1.5 s.
Prints figures and ratios; never asserts.

    .venv/bin/python bench/cli.py [--runs 5] [--only status] [--only goals …]
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from load import ROOT, load_average, load_examples

TRYGGHETSMAL = Path(sys.executable).with_name("trygghetsmal")
EXAMPLE = ROOT / "data" / "examples" / "bra-sol-databasfil-trelleborg-fiktiva.csv"
TARGETS = {"--help": 0.5, "goals": 1.0, "status": 1.5}


def compile_project() -> None:
    """The modules and packages pyproject.toml installs, compiled where their bytecode is stale."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for module in setuptools["py-modules"]:
        compileall.compile_file(ROOT / f"{module}.py", quiet=1)
    for pattern in setuptools["packages"]["find"]["include"]:
        compileall.compile_dir(ROOT / pattern.rstrip("*"), quiet=1)


def commands(data_dir: Path, report: Path) -> dict[str, list[str]]:
    """The label and arguments of every command measured, on the example data."""
    return {
        "--help": ["--help"],
        "goals": ["goals"],
        "goals --json": ["goals", "--json"],
        "schema": ["schema"],
        "user list": ["user", "list"],
        "imports": ["imports"],
        "check (en fil)": ["check", str(EXAMPLE)],
        "observations --target bostadsinbrott": ["observations", "--target", "bostadsinbrott"],
        "status": ["status"],
        "status --json": ["status", "--json"],
        "report --format html": ["report", "--year", "2021", "--format", "html", "-o", str(report)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command")
    parser.add_argument(
        "--only",
        action="append",
        metavar="KOMMANDO",
        help="bara kommandon vars etikett börjar så ('status' tar också 'status --json'); "
        "kan upprepas",
    )
    args = parser.parse_args()

    def chosen(label: str) -> bool:
        return not args.only or any(label.startswith(prefix) for prefix in args.only)

    compile_project()
    with tempfile.TemporaryDirectory(prefix="trygghetsmal-cli-") as folder:
        data_dir = Path(folder) / "data"
        load_examples(data_dir)
        print(
            f"{args.runs} körningar per kommando som ny process, exempeldata, "
            f"median och sämst (väggklocka)"
        )
        print(f"maskinens last (loadavg 1, 5, 15 min) före: {load_average()}")
        show("python -c pass (bara tolken)", run([sys.executable, "-c", "pass"], args.runs))
        for label, arguments in commands(data_dir, Path(folder) / "rapport.html").items():
            if not chosen(label):
                continue
            show(
                label, run([str(TRYGGHETSMAL), "--data-dir", str(data_dir), *arguments], args.runs)
            )
        if chosen("ingest"):
            show("ingest (en fil, ny datamapp)", first_imports(Path(folder), args.runs))
        print(f"maskinens last (loadavg 1, 5, 15 min) efter: {load_average()}")


def first_imports(folder: Path, runs: int) -> list[float]:
    """`ingest` of the example export, each run into a new data dir."""
    return [
        timed([str(TRYGGHETSMAL), "--data-dir", str(folder / f"ny-{n}"), "ingest", str(EXAMPLE)])
        for n in range(runs)
    ]


def run(command: list[str], runs: int) -> list[float]:
    return [timed(command) for _ in range(runs)]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} misslyckades ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def show(label: str, times: list[float]) -> None:
    median, worst = statistics.median(times), max(times)
    line = f"  {label:<38} median {median:5.2f} s  sämst {worst:5.2f} s"
    if label in TARGETS:
        target = TARGETS[label]
        line += f"  (mål ≤ {target:g} s: median/mål {median / target:.2f}, sämst/mål {worst / target:.2f})"
    print(line, flush=True)


if __name__ == "__main__":
    main()
