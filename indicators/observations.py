"""The tidy observation every loader produces (formats.md §7), and its validation.

One row per value, e.g. a Brå monthly count:

    indicator=anmalda_brott period=2022-05 geo_code=1287 breakdown={"brottskod": "0857"}
    measure=antal value=4 status=preliminär sheet=None row=12
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import pandera.pandas as pa

from indicators.geography import Geo
from indicators.kinds import Measure, PeriodType, Revision
from indicators.periods import Period
from indicators.problems import ImportProblem
from indicators.values import written

COLUMNS = [
    "indicator",
    "period",
    "period_type",
    "period_start",
    "period_end",
    "geo_level",
    "geo_code",
    "geo_name",
    "breakdown",
    "measure",
    "value",
    "n",
    "status",
    "sheet",
    "row",
    "cell",
]
# Where a value came from in the file's own words, for messages only: never stored.
MESSAGE_COLUMNS = ["column", "written"]
PERIOD_TYPES = [p.value for p in PeriodType]
GEO_LEVELS = ["riket", "region", "lpo", "kommun", "omrade", "deso", "okand"]
MEASURES = [m.value for m in Measure]
REVISIONS = [r.value for r in Revision]
# A share and its published interval are percentages.
SHARES = [m.value for m in (Measure.ANDEL_PCT, Measure.KI95_UNDRE_PCT, Measure.KI95_OVRE_PCT)]
COLUMN_LABELS = {"value": "värde", "period": "period", "n": "antal svar", "measure": "mått"}


def breakdown_key(breakdown: Mapping[str, str]) -> str:
    """Canonical JSON, so equal breakdowns compare and group equal."""
    return json.dumps(dict(sorted(breakdown.items())), ensure_ascii=False)


def observation(
    *,
    indicator: str,
    period: Period,
    geo: Geo,
    breakdown: Mapping[str, str],
    measure: str,
    value: float,
    status: str | None,
    sheet: str | None,
    row: int | None,
    n: float | None = None,
    cell: str | None = None,
    column: str | None = None,
    written: str | None = None,
) -> dict[str, Any]:
    """One tidy row. `column` and `written` say where the value stands in the file as the file
    writes it ('Anderslöv / Index', '7,5'), so a problem with it can be found there."""
    level, code, name = geo
    return {
        "indicator": indicator,
        "period": period.label,
        "period_type": period.type,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "geo_level": level,
        "geo_code": code,
        "geo_name": name,
        "breakdown": breakdown_key(breakdown),
        "measure": measure,
        "value": value,
        "n": n,
        "status": status,
        "sheet": sheet,
        "row": row,
        "cell": cell,
        "column": column,
        "written": written,
    }


def frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    result = pd.DataFrame(list(rows), columns=COLUMNS + MESSAGE_COLUMNS)
    return typed(result)


def typed(result: pd.DataFrame) -> pd.DataFrame:
    """The tidy frame's column types, also for frames built a whole column at a time."""
    result = result.reindex(columns=COLUMNS + MESSAGE_COLUMNS)
    texts = {
        column: "string"
        for column in COLUMNS + MESSAGE_COLUMNS
        if column not in ("value", "n", "row")
    }
    return result.astype({**texts, "value": "float64", "n": "float64", "row": "Int64"})


def _schema(indicators: Iterable[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "indicator": pa.Column(
                str,
                pa.Check.isin(list(indicators), error="en indikator i indikatorkatalogen"),
                nullable=False,
                coerce=True,
            ),
            "period": pa.Column(
                str,
                pa.Check.str_matches(
                    r"^\d{4}(-Q[1-4]|-\d{2}|-W\d{2}|-\d{2}-\d{2})?$",
                    error="en period som 2019, 2019-Q1, 2019-03, 2019-W07 eller 2019-03-14",
                ),
                nullable=False,
                coerce=True,
            ),
            "period_type": pa.Column(str, pa.Check.isin(PERIOD_TYPES), nullable=False, coerce=True),
            "period_start": pa.Column(str, nullable=False, coerce=True),
            "period_end": pa.Column(str, nullable=False, coerce=True),
            "geo_level": pa.Column(str, pa.Check.isin(GEO_LEVELS), nullable=False, coerce=True),
            "geo_code": pa.Column(str, nullable=True),
            "geo_name": pa.Column(str, nullable=False, coerce=True),
            "breakdown": pa.Column(str, nullable=False, coerce=True),
            "measure": pa.Column(str, pa.Check.isin(MEASURES), nullable=False, coerce=True),
            "value": pa.Column(
                float,
                pa.Check(
                    lambda v: v.notna() & (v.abs() < 1e12),
                    element_wise=False,
                    error="ett ändligt tal",
                ),
                nullable=False,
            ),
            "n": pa.Column(float, pa.Check.ge(0, error="ett antal svar ≥ 0"), nullable=True),
            "status": pa.Column(
                str, pa.Check.isin(REVISIONS, error=" eller ".join(REVISIONS)), nullable=True
            ),
            "sheet": pa.Column(str, nullable=True),
            "row": pa.Column("Int64", nullable=True),
            "cell": pa.Column(str, nullable=True),
        },
        checks=[
            pa.Check(
                lambda df: (
                    ~df["measure"].eq("antal") | ((df["value"] >= 0) & (df["value"] % 1 == 0))
                ),
                error="ett antal (heltal ≥ 0)",
            ),
            pa.Check(
                lambda df: ~df["measure"].eq("index_0_6") | df["value"].between(0, 6),
                error="ett index mellan 0 och 6",
            ),
            pa.Check(
                lambda df: ~df["measure"].isin(SHARES) | df["value"].between(0, 100),
                error="en andel mellan 0 och 100 %",
            ),
        ],
        strict=True,
    )


def validate(observations: pd.DataFrame, indicators: Iterable[str]) -> list[ImportProblem]:
    """Every broken invariant in the tidy frame, located by the sheet, row and column it came
    from and quoting the value as the file writes it."""
    try:
        _schema(indicators).validate(observations[COLUMNS], lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems, seen = [], set()
        for case in errors.failure_cases.to_dict("records"):
            frame_wide = case.get("schema_context") == "DataFrameSchema"
            key = (case.get("index"), case.get("check"), None if frame_wide else case["column"])
            if key not in seen:
                seen.add(key)
                problems.append(_problem(case, observations, frame_wide))
        return problems
    return _repeated(observations)


def _problem(case: dict[str, Any], observations: pd.DataFrame, frame_wide: bool) -> ImportProblem:
    index = case.get("index")
    source = observations.loc[index] if index in observations.index else None
    # Frame-wide checks are all about the value; pandera reports them once per column.
    column = "value" if frame_wide else str(case.get("column"))
    found = source["value"] if frame_wide and source is not None else case.get("failure_case")
    found = getattr(found, "item", lambda: found)()
    label = COLUMN_LABELS.get(column, column)
    if source is not None and column == "value":
        label = _text(source.get("column")) or label
        found = _text(source.get("written")) or (None if found is None else written(found))
    return ImportProblem(
        "värdet godtas inte",
        sheet=None if source is None or pd.isna(source["sheet"]) else source["sheet"],
        row=None if source is None or pd.isna(source["row"]) else int(source["row"]),
        column=label,
        found=found,
        expected=str(case.get("check")),
    )


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


IDENTITY = ["indicator", "period", "geo_level", "geo_code", "geo_name", "breakdown", "measure"]


def _repeated(observations: pd.DataFrame) -> list[ImportProblem]:
    """One value twice in a file with different figures: the file contradicts itself, and no
    rule says which to keep. (The same figure twice, as SOL's echoed rows, is kept once.)"""
    if observations.empty:
        return []
    keys = observations[IDENTITY].astype(object).fillna("")
    twice = keys.duplicated(keep=False)
    if not twice.any():
        return []
    clashes = observations[twice].assign(_key=keys[twice].apply(tuple, axis=1))
    problems = []
    for _, group in clashes.groupby("_key", sort=False):
        if group["value"].nunique() < 2:
            continue
        rows = [int(r) for r in group["row"].dropna()]
        first = group.iloc[0]
        problems.append(
            ImportProblem(
                "samma värde står flera gånger med olika siffror"
                + (f" (raderna {', '.join(map(str, rows))})" if rows else ""),
                sheet=_text(first["sheet"]),
                row=rows[-1] if rows else None,
                column=_text(first.get("column")),
                found=", ".join(written(v) for v in group["value"]),
                expected=f"ett värde för {first['indicator']} {first['period']} {first['geo_name']}",
            )
        )
        if len(problems) >= 50:
            break
    return problems


def drop_repeated(observations: pd.DataFrame) -> pd.DataFrame:
    """The same value with the same figure twice (an echoed row) counts once."""
    keys = observations[IDENTITY].astype(object).fillna("")
    return observations[~keys.duplicated(keep="first")]
