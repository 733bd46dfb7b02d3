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
from indicators.catalogue import Indicator, load_catalogue  # noqa: E402
from indicators.code_list import load_code_list  # noqa: E402
from indicators.kinds import Measure, PeriodType, Revision  # noqa: E402
from indicators.stored import Observation  # noqa: E402

YEARS = range(2013, 2023)
TARGET_MS = 200
chance = random.Random(1287)


def _row(
    period: str,
    period_type: PeriodType,
    value: float,
    breakdown: dict,
    measure: Measure,
    n: float | None = None,
) -> Observation:
    return Observation(
        indicator="bench",
        period=period,
        period_type=period_type,
        geo_code="1287",
        geo_name="Trelleborgs kommun",
        breakdown=breakdown,
        measure=measure,
        value=value,
        n=n,
        revision=Revision.SLUTLIG,
        layout="bench",
        file="bench.csv",
        row=1,
        imported_at="2023-01-01T00:00:00",
        sha256="0" * 64,
        import_id=1,
        origin="bra",
    )


def _rows_for(target: Target, indicator: Indicator, codes: list[str]) -> list[Observation]:
    measure = indicator.measure
    if indicator.source == "aktivitetslogg":
        # A weekly meeting where the rule names parties that must attend, else a yearly one.
        dates = (
            [dt.date(y, 1, 5) + dt.timedelta(weeks=w) for y in YEARS for w in range(52)]
            if target.rule.named_parties()
            else [dt.date(y, 3, 12) for y in YEARS]
        )
        parties = {"parter": "kommun,polis"}
        return [_row(d.isoformat(), PeriodType.DAG, 1, parties, measure) for d in dates]
    if measure == Measure.ANTAL:
        return [
            _row(
                f"{y}-{m:02d}",
                PeriodType.MANAD,
                chance.randrange(0, 6),
                {"brottskod": code},
                measure,
            )
            for y in YEARS
            for m in range(1, 13)
            for code in codes
        ]
    return [
        _row(str(y), PeriodType.AR, chance.uniform(1, 40), target.breakdown, measure, n=300)
        for y in YEARS
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    agreement, catalogue = load_agreement("trelleborg-2019-2022"), load_catalogue()
    code_list = load_code_list(catalogue)
    rows = {}
    for target in agreement.targets:
        codes = list(code_list.codes_for(target.indicator))
        rows[target.id] = _rows_for(target, catalogue.indicator(target.indicator), codes)
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
