"""The säkerhetsenhet's activity log, from the shipped template (data/templates/).

    Aktivitetslogg – Trelleborgs kommun
    Datum      | Aktivitet | Parter        | Kommentar
    2022-01-13 | EST-möte  | Kommun, Polis | (free text, never stored)

Stored as counts per day, activity and parties; the activity types are the catalogue's
aktivitetslogg labels, matched case- and accent-tolerantly. A log that names no kommun is the
agreement's; one with just its header row is a log with nothing in it yet, not an error.
"""

from __future__ import annotations

import re

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.dates import parse_dates
from indicators.observations import frame, observation
from indicators.periods import day
from indicators.reading import RawTable
from indicators.sources import (
    Context,
    Header,
    Loaded,
    Loader,
    body,
    find_header,
    kommun_from_titles,
    unreadable,
)
from indicators.values import cell_text, normalise_label

SYNONYMS = {
    "datum": ["Datum"],
    "aktivitet": ["Aktivitet", "Aktivitetstyp"],
    "parter": ["Parter", "Deltagande parter"],
    "kommentar": ["Kommentar"],
}


def activity_types() -> dict[str, tuple[str, str]]:
    """Normalised label → (indicator id, label as written in the catalogue)."""
    return {
        normalise_label(label).replace("-", "–"): (indicator.id, label)
        for indicator in load_catalogue().indicators
        for label in indicator.labels.get("aktivitetslogg", ())
    }


def parties(text: str) -> str:
    """'Polis, kommun' → 'kommun,polis': lower case, sorted, so equal sets compare equal."""
    names = [normalise_label(p) for p in re.split(r",|;|/|&|\boch\b", text) if p.strip()]
    return ",".join(sorted(set(names)))


def detect(table: RawTable) -> Header | None:
    return find_header(table, SYNONYMS, [["datum"], ["aktivitet"], ["parter"]])


def load(table: RawTable, header: Header, context: Context) -> Loaded:
    kommun, problems = kommun_from_titles(
        table, header, "Aktivitetslogg – Trelleborgs kommun", context
    )
    if kommun is None:
        return Loaded(frame([]), problems)
    columns, types = header.columns, activity_types()
    rows = body(table, header)
    rows = rows[rows[columns["aktivitet"]].map(cell_text) != ""]
    dates = parse_dates(rows[columns["datum"]])
    problems += [
        unreadable(
            table,
            header,
            row,
            columns["datum"],
            cell_text(rows.at[row, columns["datum"]]) or None,
            "ett datum som 2022-01-13",
        )
        for row in rows.index[dates.isna()]
    ]
    known = ", ".join(sorted({label for _, label in types.values()}))
    activities = rows[columns["aktivitet"]].map(
        lambda t: types.get(normalise_label(t).replace("-", "–"))
    )
    problems += [
        unreadable(
            table,
            header,
            row,
            columns["aktivitet"],
            cell_text(rows.at[row, columns["aktivitet"]]),
            f"en aktivitetstyp: {known}",
        )
        for row in rows.index[activities.isna()]
    ]
    if problems:
        return Loaded(frame([]), problems)
    log = pd.DataFrame(
        {
            "date": dates.dt.date,
            "indicator": activities.map(lambda a: a[0]),
            "parter": rows[columns["parter"]].map(lambda t: parties(cell_text(t))),
        }
    )
    counts = log.groupby(["date", "indicator", "parter"], as_index=False).size()
    observations = [
        observation(
            indicator=indicator,
            period=day(date),
            geo=kommun,
            breakdown={"parter": who},
            measure="antal",
            value=float(size),
            status=None,
            sheet=table.sheet,
            row=None,
        )
        for date, indicator, who, size in counts.itertuples(index=False)
    ]
    details = (
        {"första_datum": str(log["date"].min()), "sista_datum": str(log["date"].max())}
        if len(log)
        else {}
    )
    return Loaded(frame(observations), [], details=details)


LOADER = Loader(
    layout="aktivitetslogg",
    source="aktivitetslogg",
    origin="kommun",
    label="säkerhetsenhetens aktivitetslogg (Datum | Aktivitet | Parter | Kommentar)",
    detect=detect,
    load=load,
    empty_ok=True,
)
