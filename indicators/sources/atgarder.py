"""The measures (åtgärder) template, shipped in data/templates/.

    Åtgärder – Trelleborgs kommun
    Åtgärd     | Fokusområde | Ansvarig part | Kopplade mål  | Start      | Slut | Status   | Budget 2020 (kr) | Budget 2021 (kr) | Kommentar
    Belysning  | Offentlig … | Kommun        | otrygghet     | 2020-03-01 |      | Pågående | 400 000          | 600 000          | …

Each import is the whole list and replaces the previous one (older lists stay for history);
budgets per year are observations, so a revised budget is reported like any revised value.

The åtgärdsplan in Brå's template adds, all optional, so the old columns stay valid:

    Orsak             | Operativa mål          | När      | Vem           | Uppföljning 2023 (grön/gul/röd) | Motivering 2023
    Otrygghet i tunnel | Belysning klar 2023-06 | Vår 2023 | Gatuenheten   | Grön                             | Klar i tid

and links a measure to what it answers, several separated by ";" (Context.links says which
names are known; an unknown one refuses the file):

    Problem i lägesbilden          | Delmål
    Bilbrott; Skadegörelsebrott    | bostadsinbrott; Trygghet i centrum
"""

from __future__ import annotations

import re

import pandas as pd

from indicators.dates import parse_dates
from indicators.observations import frame, observation
from indicators.periods import year as year_period
from indicators.privacy import redact
from indicators.problems import ImportProblem
from indicators.reading import RawTable
from indicators.sources import (
    Context,
    Header,
    LinkNames,
    Loaded,
    Loader,
    body,
    column_name,
    find_header,
    kommun_from_titles,
    read_value,
    rows_of,
    unreadable,
)
from indicators.values import cell_text, normalise_label, parse_number

SYNONYMS = {
    "atgard": ["Åtgärd"],
    "fokusomrade": ["Fokusområde"],
    "ansvarig": ["Ansvarig part", "Ansvarig"],
    "mal": ["Kopplade mål", "Mål"],
    "start": ["Start", "Startdatum"],
    "slut": ["Slut", "Slutdatum"],
    "status": ["Status"],
    "kommentar": ["Kommentar"],
    "orsak": ["Orsak", "Problem"],
    "operativa_mal": ["Operativa mål"],
    "nar": ["När"],
    "vem": ["Vem"],
    "problem": ["Problem i lägesbilden", "Problem i lägesbild", "Lägesbildens problem"],
    "delmal": ["Delmål", "Kopplade delmål"],
}
PLAN_FIELDS = ("orsak", "operativa_mal", "nar", "vem")
# Brå's template writes "Uppföljning (grön/gul/röd)"; the year may stand before or after that.
FOLLOW_UP = re.compile(r"^uppfoljning\b.*?\b((19|20)\d\d)\b")
MOTIVATION = re.compile(r"^motivering\b.*?\b((19|20)\d\d)\b")
YEARLY = re.compile(r"^(uppfoljning|motivering)\b")
FOLLOW_UP_STATUSES = {"gron": "gron", "gul": "gul", "rod": "rod"}
STATUSES = {
    "planerad": "planerad",
    "pagaende": "pagaende",
    "pagar": "pagaende",
    "genomford": "genomford",
    "klar": "genomford",
    "avslutad": "genomford",
    "avbruten": "avbruten",
    "stoppad": "avbruten",
}
BUDGET = re.compile(r"^budget\s+((19|20)\d\d)")


def detect(table: RawTable) -> Header | None:
    return find_header(table, SYNONYMS, [["atgard"], ["ansvarig", "fokusomrade"], ["status"]])


def _budget_columns(header: Header) -> dict[object, int]:
    return {
        column: int(match.group(1))
        for column, text in header.labels.items()
        if (match := BUDGET.match(normalise_label(text)))
    }


def _year_columns(header: Header, pattern: re.Pattern[str]) -> dict[object, int]:
    return {
        column: int(match.group(1))
        for column, text in header.labels.items()
        if (match := pattern.match(normalise_label(text)))
    }


def _plan(
    table: RawTable,
    header: Header,
    row_number: int,
    cells,
    problems: list,
    links: LinkNames | None = None,
) -> dict[str, object] | None:
    """The åtgärdsplan's columns of one measure, or None when the file has none of them."""
    columns = header.columns
    follow_ups, motivations = (
        _year_columns(header, FOLLOW_UP),
        _year_columns(header, MOTIVATION),
    )
    if (
        not any(f in columns for f in (*PLAN_FIELDS, *LINK_FIELDS))
        and not follow_ups
        and not motivations
    ):
        return None
    years: dict[int, dict[str, str | None]] = {}
    for column, year in follow_ups.items():
        text = cell_text(cells[column])
        if not text:
            continue
        status = FOLLOW_UP_STATUSES.get(normalise_label(text))
        if status is None:
            problems.append(
                unreadable(table, header, row_number, column, text, "grön, gul eller röd")
            )
        years.setdefault(year, {"status": None, "motivering": None})["status"] = status
    for column, year in motivations.items():
        text = cell_text(cells[column])
        if text:
            years.setdefault(year, {"status": None, "motivering": None})["motivering"] = text
    texts = {field: _optional(cells, columns, field) for field in PLAN_FIELDS}
    linked = {
        stored: _links(table, header, row_number, cells, field, links, problems)
        for field, stored in LINK_FIELDS.items()
    }
    if not years and not any(texts.values()) and not any(linked.values()):
        return None  # a measure of the list that is not (yet) in the plan
    return {
        **texts,
        "uppfoljning": {str(year): years[year] for year in sorted(years)},
        **linked,
    }


# The link columns: template field → the plan's key, and how a refusal names what was expected.
LINK_FIELDS = {"problem": "problems", "delmal": "targets"}
LINK_WORDS = {
    "problem": ("okänt problem i lägesbilden", "en brottskategori i lägesbilden, t.ex. "),
    "delmal": ("okänt delmål", "ett delmåls id eller ett måls id eller rubrik, t.ex. "),
}


def _links(
    table: RawTable,
    header: Header,
    row_number: int,
    cells,
    field: str,
    links: LinkNames | None,
    problems: list,
) -> list[str]:
    """The ids one link cell names, in the order written; each unknown name is a problem that
    quotes it as written. Without known names (no agreement could be read) nothing is linked
    unchecked: the cell is refused."""
    column = header.columns.get(field)
    text = cell_text(cells[column]) if column is not None else ""
    if not text:
        return []
    message, expected = LINK_WORDS[field]
    if links is None:
        problems.append(
            ImportProblem(
                "kopplingen kan inte prövas eftersom avtalet inte kan läsas",
                sheet=table.sheet,
                row=int(row_number),
                column=column_name(table, header, column),
                found=redact(text),
                expected="en avtalsfil som går att läsa (se kommandot goals)",
            )
        )
        return []
    known = links.problems if field == "problem" else links.targets
    examples = links.problem_examples if field == "problem" else links.target_examples
    ids: list[str] = []
    for name in (part.strip() for part in text.split(";")):
        if not name:
            continue
        found = known.get(normalise_label(name))
        if found is None:
            problems.append(
                ImportProblem(
                    message,
                    sheet=table.sheet,
                    row=int(row_number),
                    column=column_name(table, header, column),
                    found=redact(name),
                    expected=expected + ", ".join(f"'{e}'" for e in examples[:4]),
                )
            )
            continue
        ids += [i for i in found if i not in ids]
    return ids


def load(table: RawTable, header: Header, context: Context) -> Loaded:
    kommun, problems = kommun_from_titles(table, header, "Åtgärder – Trelleborgs kommun", context)
    if kommun is None:
        return Loaded(frame([]), problems)
    problems += _yearless_columns(table, header)
    columns = header.columns
    rows = body(table, header)
    rows = rows[rows[columns["atgard"]].map(cell_text) != ""]
    dates = {
        field: parse_dates(rows[columns[field]]) for field in ("start", "slut") if field in columns
    }
    measures, budgets = [], []
    for row_number, cells in rows_of(rows):
        name = cell_text(cells[columns["atgard"]])
        status = STATUSES.get(normalise_label(cell_text(cells[columns["status"]])))
        if status is None:
            problems.append(
                unreadable(
                    table,
                    header,
                    row_number,
                    columns["status"],
                    cell_text(cells[columns["status"]]),
                    "planerad, pågående, genomförd eller avbruten",
                )
            )
        when: dict[str, str | None] = dict.fromkeys(("start", "slut"))
        for field, parsed in dates.items():
            text = cell_text(cells[columns[field]])
            if text and pd.isna(parsed[row_number]):
                problems.append(
                    unreadable(
                        table, header, row_number, columns[field], text, "ett datum som 2021-03-01"
                    )
                )
            when[field] = (
                None if not text or pd.isna(parsed[row_number]) else str(parsed[row_number].date())
            )
        for column, year in _budget_columns(header).items():
            amount = read_value(table, header, row_number, cells, column, parse_number, problems)
            if amount is not None:
                budgets.append(
                    observation(
                        indicator="atgard.budget",
                        period=year_period(year),
                        geo=kommun,
                        breakdown={"atgard": name},
                        measure="kronor",
                        value=amount,
                        status=None,
                        sheet=table.sheet,
                        row=int(row_number),
                    )
                )
        measures.append(
            {
                "row": int(row_number),
                "name": name,
                "status": status or "",
                "focus_area": _optional(cells, columns, "fokusomrade"),
                "responsible": _optional(cells, columns, "ansvarig"),
                "linked_goals": [
                    g.strip()
                    for g in re.split(r"[,;]", _optional(cells, columns, "mal") or "")
                    if g.strip()
                ],
                "start": when["start"],
                "end": when["slut"],
                "comment": _optional(cells, columns, "kommentar"),
                "plan": _plan(table, header, row_number, cells, problems, context.links),
            }
        )
    if problems:
        return Loaded(frame([]), problems)
    return Loaded(frame(budgets), [], measures=measures, details={"åtgärder": len(measures)})


def _yearless_columns(table: RawTable, header: Header) -> list[ImportProblem]:
    """A follow-up or motivation column must say its year: without one, the colours could only
    be stored against a guessed year, and a silently dropped column would be worse."""
    return [
        ImportProblem(
            "kolumnen saknar år",
            sheet=table.sheet,
            column=column_name(table, header, column),
            found=text,
            expected="ett år i rubriken, t.ex. 'Uppföljning 2022 (grön/gul/röd)' och "
            "'Motivering 2022'",
        )
        for column, text in header.labels.items()
        if YEARLY.match(label := normalise_label(text))
        and not (FOLLOW_UP.match(label) or MOTIVATION.match(label))
    ]


def _optional(cells, columns: dict, field: str) -> str | None:
    return cell_text(cells[columns[field]]) or None if field in columns else None


LOADER = Loader(
    layout="atgarder",
    source="atgarder",
    origin="kommun",
    label="åtgärdslistan (Åtgärd | Fokusområde | Ansvarig part | Kopplade mål | Start | Slut | "
    "Status | Budget ÅÅÅÅ (kr) … | Kommentar; åtgärdsplanen också Orsak | Operativa mål | När | "
    "Vem | Uppföljning ÅÅÅÅ | Motivering ÅÅÅÅ | Problem i lägesbilden | Delmål)",
    detect=detect,
    load=load,
    empty_ok=True,
)
