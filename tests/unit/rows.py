"""Stored observation rows as goals/evidence.py hands them to the verdicts, built in code."""

import datetime as dt

AFTER_THE_PERIOD = dt.date(2026, 11, 23)
PERIOD_TYPES = {4: "ar", 7: "manad", 10: "dag"}


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
    period_type = "kvartal" if "Q" in period else PERIOD_TYPES[len(period)]
    return {
        "indicator": "x",
        "period": period,
        "period_type": period_type,
        "geo": geo,
        "geo_name": geo_name,
        "breakdown": breakdown or {"brottstyp": "Inbrottsstöld i bostad"},
        "measure": measure,
        "value": value,
        "n": n,
        "status": status,
        "source": "bra_sol",
        "file": file,
        "sheet": None,
        "row": line,
        "cell": None,
        "imported_at": imported_at,
        "sha256": "0" * 64,
        "import_id": import_id,
        "origin": origin,
    }


def months(year, counts, **kwargs):
    return [
        row(f"{year}-{m:02d}", c, breakdown={"brottskod": "9801"}, **kwargs)
        for m, c in enumerate(counts, start=1)
    ]


def tm(period, value, n=None):
    return row(period, value, measure="index_0_6", breakdown={}, n=n, origin="kommun")


def bou(period, value, n=None):
    return row(
        period, value, measure="andel_pct", breakdown={"arskurs": "ak9"}, n=n, origin="region"
    )


def logged(date, parties="kommun,polis"):
    return row(date, 1, breakdown={"parter": parties}, status=None, origin="kommun")
