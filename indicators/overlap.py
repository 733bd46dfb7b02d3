"""Which value counts when sources overlap (design.md "When sources overlap").

For one indicator, geography and period: final over preliminary; Brå over a police extract; a
yearly total over a sum of months; then the latest import. The others stay stored and visible.
"""

from __future__ import annotations

import pandas as pd

ORIGIN_RANK = {"bra": 1, "polisen": 0}


def choose(candidates: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """`candidates` with a `chosen` column: exactly one True per key.

    Needs columns status, origin and imported_at besides the key.
    """
    ranked = candidates.assign(
        _final=candidates["status"].eq("slutlig").astype(int),
        _origin=candidates["origin"].map(ORIGIN_RANK).fillna(-1),
    ).sort_values(["_final", "_origin", "imported_at"], ascending=False, kind="stable")
    ranked["chosen"] = ~ranked.duplicated(subset=key, keep="first")
    return ranked.drop(columns=["_final", "_origin"]).sort_index()


def indicator_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Crime rows already mapped to one indicator → one total per import, geography and period.

    Within one file a SOL label total ('Inbrottsstöld i bostad') is used as published rather
    than added to the codes beneath it, which would count the same crimes twice.
    """
    if rows.empty:
        return rows
    by_label = rows["breakdown"].str.contains('"brottstyp"')
    group = ["import_id", "origin", "imported_at", "geo_code", "period", "period_type"]
    has_label = by_label.groupby([rows[c] for c in group]).transform("any")
    kept = rows[by_label | ~has_label]
    status = kept.groupby(group)["status"].agg(_combined_status)
    totals = kept.groupby(group)["value"].sum().to_frame().join(status)
    return totals.reset_index()


def _combined_status(statuses: pd.Series) -> str | None:
    if statuses.eq("preliminär").any():
        return "preliminär"
    return "slutlig" if statuses.eq("slutlig").all() else None
