"""Are the stated probabilities calibrated? Simulated kommun-sized crime series, judged by the
product's own rule code, against what the simulated year really turned out to be.

Each scenario is a monthly count series of one kommun: a yearly level of 20–400 (log-uniform),
flat, rising or falling 3–15 % a year, a seasonal profile of up to ±30 %, a random level shock
each year (log-sd 0.05), and months that are Poisson or overdispersed (negative binomial with
φ 1.3–3). The goal is "under T" with T 75–125 % of the expected count in the year the agreement
was written, three years before the judged year (near the threshold and far from it, and further
where the level has moved since), as a real agreement's threshold is set from what was known
then. (A threshold drawn around the judged year's own expected count would tell the forecaster
the future: a forecast far from T would then be wrong more often than its model says.) The series is judged with `ThresholdEveryYear` exactly as
`trygghetsmal status` judges a target — the rule's own `series` and `judge` — at 3, 6, 9 and 11
months into the year, and one, two and three years ahead (at least three complete years before).
Decided verdicts (`avgjort`) and 'kan inte bedömas' state no probability and are counted apart.

Printed: per stated-probability decile the verdicts, their mean stated probability and how often
the goal was met; how often it was met among "Inte på väg" (target ≤ 20 %) and among "På väg"
(target ≥ 80 %); the Brier score; the same split by partial year and years ahead.
Targets (design.md): each decile within ±10 pp of its stated mean.

Run: .venv/bin/python bench/calibration.py [--scenarios 3000] [--seed 1287]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from goals.agreement import load_agreement  # noqa: E402
from goals.evidence import Evidence  # noqa: E402
from goals.rules import Case, ThresholdEveryYear  # noqa: E402
from goals.status import Qualifier, Status  # noqa: E402
from indicators.catalogue import load_catalogue  # noqa: E402
from indicators.kinds import Measure, PeriodType, Revision  # noqa: E402
from indicators.stored import Observation  # noqa: E402

JUDGED_YEAR = 2022
MONTHS_INTO_YEAR = (3, 6, 9, 11)
YEARS_AHEAD = (1, 2, 3)
AGREEMENT_YEARS_BEFORE = 3  # the threshold was set from the level of this many years before
DECILES = [(i / 10, (i + 1) / 10) for i in range(10)]
TOLERANCE = 0.10
OFF_TRACK_MET_AT_MOST = 0.20
ON_TRACK_MET_AT_LEAST = 0.80


@dataclass(frozen=True)
class Scenario:
    level: float  # expected count of the judged year
    growth: float  # per year
    phi: float  # 1 for Poisson months
    history: int  # complete years before the judged year
    threshold: int
    season: tuple[float, ...]  # twelve monthly shares summing to 1


@dataclass(frozen=True)
class Outcome:
    kind: str  # 'delår' or 'år framåt'
    overdispersed: bool
    probability: float | None  # None when the verdict states none
    status: Status
    decided: bool
    met: bool  # the simulated year's full count meets the goal


def scenarios(count: int, rng: np.random.Generator) -> Iterator[Scenario]:
    for _ in range(count):
        level = math.exp(rng.uniform(math.log(20), math.log(400)))
        growth = rng.choice([0.0, 1.0, -1.0]) * rng.uniform(0.03, 0.15)
        phi = 1.0 if rng.random() < 0.5 else rng.uniform(1.3, 3.0)
        amplitude, phase = rng.uniform(0, 0.3), rng.uniform(0, 12)
        raw = [1 + amplitude * math.cos(2 * math.pi * (m - phase) / 12) for m in range(1, 13)]
        season = tuple(v / sum(raw) for v in raw)
        agreed_at = level / (1 + growth) ** AGREEMENT_YEARS_BEFORE
        threshold = max(1, round(agreed_at * rng.uniform(0.75, 1.25)))
        history = int(rng.integers(3, 9))
        yield Scenario(level, growth, phi, history, threshold, season)


def simulate_months(scenario: Scenario, rng: np.random.Generator) -> dict[int, list[int]]:
    """{year: twelve monthly counts} for the history and the judged year."""
    years = {}
    for year in range(JUDGED_YEAR - scenario.history, JUDGED_YEAR + 1):
        shock = rng.normal(0, 0.05)
        yearly = scenario.level * (1 + scenario.growth) ** (year - JUDGED_YEAR) * math.exp(shock)
        means = [yearly * share for share in scenario.season]
        years[year] = [_draw(mean, scenario.phi, rng) for mean in means]
    return years


def _draw(mean: float, phi: float, rng: np.random.Generator) -> int:
    if phi == 1.0:
        return int(rng.poisson(mean))
    size = mean / (phi - 1)  # NB with variance φ · mean
    return int(rng.negative_binomial(size, size / (size + mean)))


def _rows(months: dict[int, list[int]], upto: dict[int, int]) -> list[Observation]:
    rows = []
    for year, counts in months.items():
        for month, count in enumerate(counts[: upto.get(year, 12)], start=1):
            rows.append(
                Observation(
                    indicator="bostadsinbrott",
                    period=f"{year}-{month:02d}",
                    period_type=PeriodType.MANAD,
                    geo_code="1287",
                    geo_name="Trelleborgs kommun",
                    measure=Measure.ANTAL,
                    value=float(count),
                    breakdown={"brottstyp": "Inbrottsstöld i bostad"},
                    revision=Revision.SLUTLIG,
                    layout="simulerad",
                    file="simulerad.csv",
                    imported_at="2023-01-01T00:00:00",
                    import_id=1,
                    origin="bra",
                )
            )
    return rows


class Judge:
    """The shipped agreement's burglary target with the scenario's threshold."""

    def __init__(self) -> None:
        self.agreement = load_agreement("trelleborg-2019-2022")
        self.catalogue = load_catalogue()
        self.base = next(t for t in self.agreement.targets if t.id == "bostadsinbrott")
        self.indicator = self.catalogue.indicator("bostadsinbrott")

    def __call__(self, rows: list[Observation], threshold: int, today: dt.date):
        rule = ThresholdEveryYear(type="threshold_every_year", op="<", value=threshold)
        target = self.base.model_copy(update={"rule": rule})
        evidence = Evidence({target.id: rows})
        case = Case(
            target, self.indicator, "simulering", self.agreement, self.catalogue, evidence, today
        )
        return rule.judge(case, rule.series(case), JUDGED_YEAR)


def outcomes(count: int, seed: int) -> list[Outcome]:
    rng = np.random.default_rng(seed)
    judge = Judge()
    found = []
    for scenario in scenarios(count, rng):
        months = simulate_months(scenario, rng)
        met = sum(months[JUDGED_YEAR]) < scenario.threshold
        overdispersed = scenario.phi > 1
        for k in MONTHS_INTO_YEAR:
            rows = _rows(months, {JUDGED_YEAR: k})
            verdict = judge(rows, scenario.threshold, dt.date(JUDGED_YEAR, k + 1, 10))
            found.append(_outcome("delår", overdispersed, verdict, met))
        for ahead in YEARS_AHEAD:
            last = JUDGED_YEAR - ahead
            kept = {y: c for y, c in months.items() if y <= last}
            if len(kept) < 3:
                continue
            verdict = judge(_rows(kept, {}), scenario.threshold, dt.date(last + 1, 1, 15))
            found.append(_outcome("år framåt", overdispersed, verdict, met))
    return found


def _outcome(kind: str, overdispersed: bool, verdict, met: bool) -> Outcome:
    return Outcome(
        kind,
        overdispersed,
        verdict.probability,
        verdict.status,
        verdict.qualifier is Qualifier.AVGJORT,
        met,
    )


@dataclass(frozen=True)
class Decile:
    low: float
    high: float
    count: int
    stated: float
    met: float

    @property
    def within(self) -> bool:
        return abs(self.met - self.stated) <= TOLERANCE


@dataclass(frozen=True)
class Summary:
    deciles: list[Decile]
    off_track: tuple[int, float]  # verdicts, share met
    on_track: tuple[int, float]
    brier: float
    count: int
    decided: int
    decided_wrong: int

    @property
    def passes(self) -> bool:
        return (
            all(d.within for d in self.deciles if d.count)
            and self.off_track[1] <= OFF_TRACK_MET_AT_MOST
            and self.on_track[1] >= ON_TRACK_MET_AT_LEAST
            and self.decided_wrong == 0
        )


def summary(found: list[Outcome]) -> Summary:
    stated = [o for o in found if o.probability is not None]
    p = np.array([o.probability for o in stated])
    met = np.array([o.met for o in stated], dtype=float)
    deciles = []
    for low, high in DECILES:
        inside = (p >= low) & ((p < high) if high < 1 else (p <= high))
        deciles.append(
            Decile(
                low,
                high,
                int(inside.sum()),
                float(p[inside].mean()) if inside.any() else math.nan,
                float(met[inside].mean()) if inside.any() else math.nan,
            )
        )
    decided = [o for o in found if o.decided]
    return Summary(
        deciles,
        _share_met(stated, Status.INTE_PA_VAG),
        _share_met(stated, Status.PA_VAG),
        float(((p - met) ** 2).mean()),
        len(stated),
        len(decided),
        sum(o.met for o in decided if o.status is Status.EJ_UPPNATT),
    )


def _share_met(found: list[Outcome], status: Status) -> tuple[int, float]:
    chosen = [o.met for o in found if o.status is status]
    return len(chosen), (sum(chosen) / len(chosen) if chosen else math.nan)


def report(title: str, result: Summary) -> str:
    lines = [
        f"{title}: {result.count} bedömningar med sannolikhet, Brier {result.brier:.3f}",
        "  decil      antal  angiven  nådd   skillnad",
    ]
    for d in result.deciles:
        if d.count:
            flag = "" if d.within else "  <-- utanför ±10 pp"
            lines.append(
                f"  {d.low:.0%}–{d.high:.0%}  {d.count:6d}  {d.stated:6.1%}  {d.met:6.1%}  "
                f"{(d.met - d.stated) * 100:+5.1f} pp{flag}"
            )
    lines.append(
        f"  Inte på väg: {result.off_track[0]} bedömningar, målet nått i "
        f"{result.off_track[1]:.1%} (mål ≤ 20 %)"
    )
    lines.append(
        f"  På väg: {result.on_track[0]} bedömningar, målet nått i {result.on_track[1]:.1%} "
        "(mål ≥ 80 %)"
    )
    lines.append(
        f"  Avgjorda (ingen sannolikhet): {result.decided}, varav fel: {result.decided_wrong}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1287)
    args = parser.parse_args()
    found = outcomes(args.scenarios, args.seed)
    overall = summary(found)
    print(report("Alla", overall))
    for kind in ("delår", "år framåt"):
        print(report(kind.capitalize(), summary([o for o in found if o.kind == kind])))
    for label, flag in (("Poisson", False), ("Överspridda", True)):
        print(report(label, summary([o for o in found if o.overdispersed is flag])))
    print("Målen nådda" if overall.passes else "Målen INTE nådda")


if __name__ == "__main__":
    main()
