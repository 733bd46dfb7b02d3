"""Import of a 150 000-row record-level police extract, against merely reading the same file.

Prints the full import time (read, detect, privacy checks, aggregate, validate, store) and its
peak memory, and two ratios: against python-calamine alone reading every cell (the physical
limit; target ≤ 1.5) and against pandas+openpyxl reading it (the earlier bar, ≤ 0.35).
Each measurement runs in a fresh process, so the peak memory is its own. Before the timed
import, the process imports a one-line CSV: what every process pays once (importing modules,
reading the indicator catalogue, pandera setting up its checks) is not the cost of a file.

The extract is written with xlsxwriter, which like Excel records the sheet's dimension. A
workbook without one (openpyxl's write-only mode) costs the import one more pass over the sheet
XML to bound its area: `--no-dimension` measures that case.

Run: .venv/bin/python bench/ingest.py [--rows N] [--no-dimension]
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
TITLE = "Uttag ur polisens system (fiktiva data för prestandamätning)"


def records(rows: int):
    chance = random.Random(1287)
    start = dt.datetime(2015, 1, 1)
    for number in range(rows):
        registered = start + dt.timedelta(minutes=chance.randrange(10 * 365 * 24 * 60))
        yield [
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


def generate(path: Path, rows: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Uttag")
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, [TITLE])
    sheet.write_row(1, 0, HEADER)
    for number, values in enumerate(records(rows), start=2):
        sheet.write_row(number, 0, values)
        sheet.write_datetime(number, 1, values[1], when)
        sheet.write_datetime(number, 2, values[2], when)
    workbook.close()


def generate_without_dimension(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Uttag")
    sheet.append([TITLE])
    sheet.append(HEADER)
    for values in records(rows):
        sheet.append(values)
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
        warm_up = Path(data) / "uppvarmning.csv"
        warm_up.write_text("Kod;Inskrivningsdatum;Kommun\n0857;2015-01-03;Trelleborg\n", "utf-8")
        ingest_file(warm_up, context)
        started = time.perf_counter()
        result = ingest_file(Path(path), context)
        elapsed = time.perf_counter() - started
    queue.put((elapsed, _peak_mb(), result.outcome, result.observations))


def read_with_calamine(path: str, queue) -> None:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    workbook = CalamineWorkbook.from_path(path)
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()
    queue.put((time.perf_counter() - started, _peak_mb()))


def read_with_openpyxl(path: str, queue) -> None:
    import pandas as pd

    started = time.perf_counter()
    pd.read_excel(path, engine="openpyxl", header=None)
    queue.put((time.perf_counter() - started, _peak_mb()))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(function, path: Path):
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
    parser.add_argument("--no-dimension", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="imports and calamine reads (best)")
    args = parser.parse_args()
    kind = "utan-dimension" if args.no_dimension else "xlsxwriter"
    path = Path(tempfile.gettempdir()) / f"trygghetsmal-bench-uttag-{kind}-{args.rows}.xlsx"
    if not path.exists():
        print(f"genererar {path} ({args.rows} rader) …", flush=True)
        (generate_without_dimension if args.no_dimension else generate)(path, args.rows)
    imports = [in_child(import_once, path) for _ in range(args.repeat)]
    elapsed, peak_mb, outcome, observations = min(imports)
    calamine, calamine_mb = min(in_child(read_with_calamine, path) for _ in range(args.repeat))
    openpyxl, _ = in_child(read_with_openpyxl, path)
    print(f"fil: {path.name}, {path.stat().st_size / 1e6:.1f} MB")
    print(
        f"import ({outcome}, {observations} aggregerade värden): {elapsed:.2f} s, "
        f"toppminne {peak_mb:.0f} MB (bästa av {args.repeat})"
    )
    print(f"python-calamine bara läsning av alla celler: {calamine:.2f} s, {calamine_mb:.0f} MB")
    print(f"pandas.read_excel(engine='openpyxl') bara läsning: {openpyxl:.2f} s")
    print(f"kvot import/calamine: {elapsed / calamine:.2f} (mål ≤ 1,5)")
    print(f"kvot import/openpyxl: {elapsed / openpyxl:.3f} (mål ≤ 0,35)")


if __name__ == "__main__":
    main()
