"""What lies beside a target's own series: kön, Skåne, the areas of the kommun, each brottskod,
the rate per 100 000 invånare and the other sources for the same figure.

Every breakdown reads yearly values the way the verdicts do (overlap rule per series), so a
breakdown's 'Totalt' column is the target's own value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from goals.coverage import missing_codes
from goals.models import Target
from goals.series import count_years, measurements
from goals.words import join_words
from indicators.code_list import CodeList
from indicators.kinds import Measure
from indicators.stored import Observation

Row = Observation
CRIME_KEYS = ("brottskod", "brottstyp", "omrade", "datumgrund")  # beneath a crime target
SOURCE_NAMES = {
    "bra": "Brå",
    "polisen": "Polisens uttag",
    "kommun": "Kommunen",
    "region": "Region Skåne",
}


@dataclass(frozen=True)
class Breakdown:
    title: str
    measure: str  # how the values read: 'antal', 'andel_pct', 'index_0_6', 'per_100k'
    series: dict[str, dict[int, float]]  # column label → year → value, in column order
    note: str = ""
    column_measures: Mapping[str, str] = field(default_factory=dict)  # where a column differs

    def measure_of(self, label: str) -> str:
        return self.column_measures.get(label, self.measure)

    @property
    def years(self) -> list[int]:
        return sorted({year for values in self.series.values() for year in values})


def breakdowns(
    target: Target,
    measure: str,
    related: Sequence[Row],
    codes: CodeList,
    population: Mapping[int, float],
) -> list[Breakdown]:
    """Every breakdown the data has for this target; none is invented for a missing one."""
    at_home = [r for r in related if r.geo_code == target.geography.code]
    own = [r for r in at_home if r.measure == measure and _exactly(target)(r)]
    found = [
        _by_sex(target, [r for r in at_home if r.measure == measure], measure),
        _by_region(target, related, measure),
        *_by_area(target, related, measure),
        _by_code(own, codes) if measure == Measure.ANTAL else None,
        _per_100k(own, [r for r in at_home if r.measure == Measure.PER_100K], population)
        if measure == Measure.ANTAL
        else None,
        _by_source(target, own, measure, codes),
    ]
    return [b for b in found if b is not None and len(b.series) > 1]


def _yearly(rows: Sequence[Row], measure: str) -> dict[int, float]:
    """Complete years only: a year of a count with months missing is not comparable."""
    if measure == Measure.ANTAL:
        return {y: c.value for y, c in count_years(rows).items() if c.complete}
    return {y: m.value for y, m in measurements(rows).items()}


def _exactly(target: Target, extra: Mapping[str, str] | None = None) -> Callable[[Row], bool]:
    wanted = {**target.breakdown, **(extra or {})}
    return lambda row: {k: v for k, v in row.breakdown.items() if k not in CRIME_KEYS} == wanted


def _by_sex(target: Target, own: Sequence[Row], measure: str) -> Breakdown | None:
    sexes = sorted({r.breakdown["kon"] for r in own if "kon" in r.breakdown})
    if not sexes:
        return None
    series = {"Totalt": _yearly([r for r in own if _exactly(target)(r)], measure)}
    for sex in sexes:
        series[sex.capitalize()] = _yearly(
            [r for r in own if _exactly(target, {"kon": sex})(r)], measure
        )
    return Breakdown(
        "Flickor och pojkar",
        measure,
        series,
        "Totalt är båda könen tillsammans, som det publiceras.",
    )


def _by_region(target: Target, related: Sequence[Row], measure: str) -> Breakdown | None:
    code = target.geography.code
    regions = {
        r.geo_code: r.geo_name
        for r in related
        if r.geo_code
        and r.geo_code != code
        and code.startswith(r.geo_code)
        and r.measure == measure
    }
    if not regions:
        return None
    same = _exactly(target)
    series = {
        target.geography.name: _yearly(
            [r for r in related if r.geo_code == code and r.measure == measure and same(r)],
            measure,
        )
    }
    for geo, name in sorted(regions.items()):
        series[name] = _yearly([r for r in related if r.geo_code == geo and same(r)], measure)
    return Breakdown("Jämfört med regionen", measure, series)


def _by_area(target: Target, related: Sequence[Row], measure: str) -> list[Breakdown]:
    """One table per measure: an area can be published as an index while the total is a share."""
    code = target.geography.code
    areas = [r for r in related if (r.geo_code or "").startswith(f"{code}:")]
    tables = []
    for area_measure in sorted({r.measure for r in areas}):
        series = (
            {
                target.geography.name: _yearly(
                    [r for r in related if r.geo_code == code and r.measure == measure], measure
                )
            }
            if area_measure == measure
            else {}
        )
        names = sorted({r.geo_name for r in areas if r.measure == area_measure})
        for name in names:
            series[name] = _yearly(
                [r for r in areas if r.geo_name == name and r.measure == area_measure],
                area_measure,
            )
        note = (
            ""
            if area_measure == measure
            else "Områdena publiceras i ett annat mått än kommunens total och står därför för sig."
        )
        tables.append(Breakdown("Områden i kommunen", area_measure, series, note))
    return tables


def _by_code(own: Sequence[Row], codes: CodeList) -> Breakdown | None:
    labels = {c.code: c.label for c in codes.codes}
    coded = sorted({r.breakdown["brottskod"] for r in own if "brottskod" in r.breakdown})
    if not coded:
        return None
    series = {
        f"{code} {labels.get(code, '')}".strip(): _yearly(
            [r for r in own if r.breakdown.get("brottskod") == code], "antal"
        )
        for code in coded
    }
    return Breakdown(
        "Per brottskod",
        "antal",
        series,
        "Bara år med alla tolv månader eller en årssiffra per brottskod visas.",
    )


def _per_100k(
    own: Sequence[Row], published_rows: Sequence[Row], population: Mapping[int, float]
) -> Breakdown | None:
    counts = _yearly(own, "antal")
    published = _yearly(published_rows, "per_100k")
    computed = {
        year: count / population[year] * 100_000
        for year, count in counts.items()
        if population.get(year)
    }
    if not computed and not published:
        return None
    series = {"Antal": counts}
    if computed:
        series["Per 100 000 invånare (beräknat)"] = computed
    if published:
        series["Per 100 000 invånare (publicerat)"] = published
    return Breakdown(
        "Per 100 000 invånare",
        "per_100k",
        series,
        "Beräknat som antalet delat med folkmängden (SCB) samma år, gånger 100 000.",
        {"Antal": "antal"},
    )


def _by_source(
    target: Target, own: Sequence[Row], measure: str, codes: CodeList
) -> Breakdown | None:
    """'Andra källor': each origin's own reading of the same figure, before the overlap rule; a
    source without some of the indicator's brottskoder is marked, its years named."""
    origins = sorted({r.origin for r in own})
    if len(origins) < 2:
        return None
    series: dict[str, dict[int, float]] = {}
    marks = []
    for origin in origins:
        rows = [r for r in own if r.origin == origin]
        name = SOURCE_NAMES.get(origin, origin)
        lacking = (
            missing_codes(rows, target.indicator, codes, count_years(rows))
            if measure == Measure.ANTAL
            else {}
        )
        if lacking:
            absent = sorted({code for found in lacking.values() for code in found})
            years = join_words([str(y) for y in sorted(lacking)])
            marks.append(
                f"{name} saknar brottskoderna {join_words(absent)} ({years}), så dess antal är "
                "ofullständigt: en nedre gräns, inte samma mått."
            )
            name += " (ofullständigt)"
        series[name] = _yearly(rows, measure)
    return Breakdown(
        "Andra källor",
        measure,
        series,
        " ".join(
            [
                "Värdet som bedöms väljs så: slutliga siffror före preliminära, Brå före "
                "polisens uttag, annars den senaste importen.",
                *marks,
            ]
        ),
    )
