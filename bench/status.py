"""Evaluating every goal of the agreement on ten years of monthly data, warm and in-process.

Builds evidence for every target — crime per brottskod and month, yearly surveys, BoU waves, a
weekly EST meeting and the yearly activities — for 2013–2022, then times `evaluate` for the
latest year (the period verdicts judge every year of the period as well).
Target (design.md): ≤ 200 ms warm. Run: .venv/bin/python bench/status.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from goals.agreement import load_agreement  # noqa: E402
from goals.evaluate import evaluate  # noqa: E402
from goals.evidence import Evidence  # noqa: E402
from goals.models import Target  # noqa: E402
from goals.rules import ActivityPerYear, EveryIsoWeek  # noqa: E402
from indicators.catalogue import load_catalogue  # noqa: E402
from indicators.code_list import load_code_list  # noqa: E402

YEARS = range(2013, 2023)
TARGET_MS = 200
chance = random.Random(1287)


def _row(
    period: str,
    period_type: str,
    value: float,
    breakdown: dict,
    measure: str,
    n: float | None = None,
) -> dict:
    return {
        "indicator": "bench",
        "period": period,
        "period_type": period_type,
        "geo": "1287",
        "breakdown": breakdown,
        "measure": measure,
        "value": value,
        "n": n,
        "status": "slutlig",
        "source": "bench",
        "file": "bench.csv",
        "sheet": None,
        "row": 1,
        "cell": None,
        "imported_at": "2023-01-01T00:00:00",
        "sha256": "0" * 64,
        "import_id": 1,
        "origin": "bra",
    }


def _rows_for(target: Target, measure: str, codes: list[str]) -> list[dict]:
    match target.rule:
        case EveryIsoWeek():
            return [
                _row(
                    (dt.date(y, 1, 5) + dt.timedelta(weeks=w)).isoformat(),
                    "dag",
                    1,
                    {"parter": "kommun,polis"},
                    measure,
                )
                for y in YEARS
                for w in range(52)
            ]
        case ActivityPerYear():
            return [
                _row(f"{y}-03-12", "dag", 1, {"parter": "kommun,polis"}, measure) for y in YEARS
            ]
    if measure == "antal":
        return [
            _row(f"{y}-{m:02d}", "manad", chance.randrange(0, 6), {"brottskod": code}, measure)
            for y in YEARS
            for m in range(1, 13)
            for code in codes
        ]
    return [
        _row(str(y), "ar", chance.uniform(1, 40), target.breakdown, measure, n=300) for y in YEARS
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    agreement, catalogue = load_agreement("trelleborg-2019-2022"), load_catalogue()
    code_list = load_code_list(catalogue)
    rows = {}
    for target in agreement.targets:
        measure = catalogue.indicator(target.indicator).measure
        codes = list(code_list.codes_for(target.indicator))
        rows[target.id] = _rows_for(target, measure, codes)
    evidence = Evidence(rows, frozenset(YEARS))
    total_rows = sum(len(r) for r in rows.values())
    evaluate(agreement, catalogue, evidence, 2022)  # warm: imports, caches, first GLM
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        evaluate(agreement, catalogue, evidence, 2022)
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(f"{len(agreement.targets)} delmål, {total_rows} observationer, {len(YEARS)} år")
    print(
        f"evaluate warm: median {median:.0f} ms, min {min(times):.0f} ms "
        f"(mål ≤ {TARGET_MS} ms; kvot {median / TARGET_MS:.2f})"
    )


if __name__ == "__main__":
    main()
