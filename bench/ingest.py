"""Import of a 150 000-row record-level police extract, against pandas+openpyxl merely reading it.

Prints the full import time (read, validate, aggregate, store) as a ratio to
`pandas.read_excel(engine="openpyxl")` reading the same file, and the import's peak memory.
Target (design.md): ratio ≤ 0.35. Run: .venv/bin/python bench/ingest.py [--rows N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEADER = [
    "Diarienummer",
    "Inskrivningsdatum",
    "Brottsdatum",
    "Brottskod",
    "Brottsbenämning",
    "Kommun",
    "Lokalpolisområde",
    "Gata",
    "LATITUDE",
    "LONGITUDE",
]
CODES = [857, 874, 9801, 9802, 1201, 1203, 1205, 1208, 1209, 1210, 1211, 1212, 1204, 9831, 826]
KOMMUNER = ["Trelleborg", "Svedala", "Vellinge"]


def generate(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    chance = random.Random(1287)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Uttag")
    sheet.append(["Uttag ur polisens system (fiktiva data för prestandamätning)"])
    sheet.append(HEADER)
    start = dt.datetime(2015, 1, 1)
    for number in range(rows):
        registered = start + dt.timedelta(minutes=chance.randrange(10 * 365 * 24 * 60))
        sheet.append(
            [
                f"5000-K{number}-{registered:%y}",
                registered,
                registered - dt.timedelta(days=2),
                chance.choice(CODES),
                "Fiktiv benämning",
                chance.choice(KOMMUNER),
                "LPO Trelleborg",
                f"Exempelgatan {chance.randrange(1, 80)}",
                55.3 + chance.random() / 10,
                13.1 + chance.random() / 10,
            ]
        )
    workbook.save(path)


def import_once(path: str, queue) -> None:
    from indicators.ingest import IngestContext, ingest_file
    from indicators.reading import Limits
    from indicators.store import Store

    with tempfile.TemporaryDirectory() as data:
        context = IngestContext(
            Store(f"sqlite:///{data}/bench.sqlite"),
            Path(data) / "archive",
            Limits(200_000_000, 2_000_000_000),
            "bench",
        )
        started = time.perf_counter()
        result = ingest_file(Path(path), context)
        elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((elapsed, peak_mb, result.outcome, result.observations))


def read_with_openpyxl(path: str, queue) -> None:
    import pandas as pd

    started = time.perf_counter()
    pd.read_excel(path, engine="openpyxl", header=None)
    queue.put(time.perf_counter() - started)


def in_child(function, path: Path):
    # A fresh process each: no warm caches, and the peak memory is the import's own.
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=function, args=(str(path), queue))
    process.start()
    value = queue.get()
    process.join()
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=150_000)
    args = parser.parse_args()
    path = Path(tempfile.gettempdir()) / f"trygghetsmal-bench-uttag-{args.rows}.xlsx"
    if not path.exists():
        print(f"genererar {path} ({args.rows} rader) …", flush=True)
        generate(path, args.rows)
    elapsed, peak_mb, outcome, observations = in_child(import_once, path)
    reference = in_child(read_with_openpyxl, path)
    print(
        f"import ({outcome}, {observations} aggregerade värden): {elapsed:.2f} s, "
        f"toppminne {peak_mb:.0f} MB"
    )
    print(f"pandas.read_excel(engine='openpyxl') bara läsning: {reference:.2f} s")
    print(f"kvot import/openpyxl: {elapsed / reference:.3f} (mål ≤ 0,35)")


if __name__ == "__main__":
    main()
