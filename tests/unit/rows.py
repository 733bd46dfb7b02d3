"""Stored observation rows as goals/evidence.py hands them to the verdicts, built in code."""

import datetime as dt

from goals.evidence import Evidence
from indicators.kinds import Measure, PeriodType, Revision
from indicators.stored import Observation

AFTER_THE_PERIOD = dt.date(2026, 11, 23)
PERIOD_TYPES = {4: PeriodType.AR, 7: PeriodType.MANAD, 10: PeriodType.DAG}


def row(
    period,
    value,
    *,
    measure="antal",
    status="slutlig",
    origin="bra",
    import_id=1,
    imported_at="2023-05-01T10:00:00",
    breakdown=None,
    n=None,
    file="export.csv",
    line=2,
    geo="1287",
    geo_name="Trelleborgs kommun",
):
    period_type = PeriodType.KVARTAL if "Q" in period else PERIOD_TYPES[len(period)]
    return Observation(
        indicator="x",
        period=period,
        period_type=period_type,
        geo_code=geo,
        geo_name=geo_name,
        breakdown=breakdown or {"brottstyp": "Inbrottsstöld i bostad"},
        measure=Measure(measure),
        value=float(value),
        n=n,
        revision=None if status is None else Revision(status),
        layout="bra_sol",
        file=file,
        sheet=None,
        row=line,
        cell=None,
        imported_at=imported_at,
        sha256="0" * 64,
        import_id=import_id,
        origin=origin,
    )


def months(year, counts, **kwargs):
    """A burglary count per month under SOL's label, which holds every code of the indicator."""
    return [row(f"{year}-{m:02d}", c, **kwargs) for m, c in enumerate(counts, start=1)]


def tm(period, value, n=None):
    return row(period, value, measure="index_0_6", breakdown={}, n=n, origin="kommun")


def bou(period, value, n=None):
    return row(
        period, value, measure="andel_pct", breakdown={"arskurs": "ak9"}, n=n, origin="region"
    )


def logged(date, parties="kommun,polis"):
    return row(date, 1, breakdown={"parter": parties}, status=None, origin="kommun")


def evidence():
    """A small year to report on: burglaries better, damage worse, a traffic index over two."""
    damage = {"brottstyp": "Skadegörelsebrott"}
    return Evidence(
        {
            "bostadsinbrott": [row("2020", 104), row("2021", 88)],
            "skadegorelse": [
                row("2020", 189, breakdown=damage),
                row("2021", 203, breakdown=damage),
            ],
            "trafik.fortkorning": [tm("2021", 2.29)],
        }
    )
