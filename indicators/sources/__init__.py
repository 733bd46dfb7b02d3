"""Source loaders: each recognises its layout from a table's content and turns it into tidy rows.

A loader module defines `LOADER`, a `Loader` whose `detect` finds its header (below any title
rows) and whose `load` returns tidy observations (indicators/observations.py) or problems.
`load` also gets the `Context` of the import: the file's own name (Brå puts the year of some
files only there), the agreement's kommun (our own templates need not name it) and the names
the measures template's link columns may use (the lägesbild's problems, the agreements' targets).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from indicators.geography import Geo, kommun_named_in
from indicators.privacy import redact
from indicators.problems import ImportProblem
from indicators.reading import RawTable
from indicators.values import ValueProblem, cell_text, normalise_label, written

HEADER_SCAN_ROWS = 15


@dataclass(frozen=True)
class Header:
    """Where a layout's header is: its row number and the column of each field found."""

    row: int
    columns: dict[str, object]  # field → column label in RawTable.cells
    labels: dict[object, str]  # column label → the header text as written


@dataclass(frozen=True)
class LinkNames:
    """What the measures template's link columns may name, each name normalised
    (normalise_label) → the ids it stands for:

        problems  {'bilbrott': ('lagesbild.bilbrott',), 'lagesbild.bilbrott': (…), …}
        targets   {'bostadsinbrott': ('bostadsinbrott',), 'trygghet i centrum': ('otrygghet.a',
                   'otrygghet.b'), …}  (a goal's id or title stands for all its targets)
    """

    problems: Mapping[str, tuple[str, ...]]
    targets: Mapping[str, tuple[str, ...]]
    problem_examples: tuple[str, ...] = ()  # a few names, for the refusal's "expected"
    target_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a loader may know besides the table: the file's name, the agreement's kommun and
    the names the measures template may link to (None: no agreement could be read)."""

    file_name: str = ""
    kommun: Geo | None = None
    links: LinkNames | None = None


@dataclass
class Loaded:
    observations: pd.DataFrame
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    record_level: bool = False  # record-level extracts are aggregated and never archived
    private: list[str] = field(default_factory=list)  # why it is record-level, in Swedish
    measures: list[dict[str, object]] = field(default_factory=list)  # the measures template
    free_texts: list[dict[str, object]] = field(default_factory=list)  # only when opted in
    details: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Loader:
    layout: str  # stable id, stored with the import
    source: str  # source id in the indicator catalogue
    origin: str  # publisher family for the overlap rule: "bra" over "polisen"
    label: str  # what an analyst calls this kind of file, in Swedish
    detect: Callable[[RawTable], Header | None]
    load: Callable[[RawTable, Header, Context], Loaded]
    # Workbook-wide step after every sheet is loaded, e.g. NTU's n from its own sheet.
    finish: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    # Our own templates: a list with just its header row is normal, not an empty file.
    empty_ok: bool = False


def find_header(
    table: RawTable,
    synonyms: Mapping[str, Iterable[str]],
    required: Iterable[Iterable[str]],
) -> Header | None:
    """The first of the top rows where each required group has at least one field's column.

    `synonyms` maps a field to the header texts it may have (compared via normalise_label);
    `required` is a list of groups, e.g. [["kod"], ["inskrivning", "brottsdatum"]].
    """
    lookup = {normalise_label(text): name for name, texts in synonyms.items() for text in texts}
    for row_number in table.cells.index[:HEADER_SCAN_ROWS]:
        columns: dict[str, object] = {}
        labels: dict[object, str] = {}
        for column, value in table.cells.loc[row_number].items():
            if value is None or (isinstance(value, float) and pd.isna(value)):
                continue
            labels[column] = cell_text(value)  # a year header stored as 2020.0 reads '2020'
            name = lookup.get(normalise_label(value))
            if name is not None and name not in columns:
                columns[name] = column
        if all(any(name in columns for name in group) for group in required):
            return Header(int(row_number), columns, labels)
    return None


def unreadable(
    table: RawTable, header: Header, row: int, column: object, found: object, expected: str
) -> ImportProblem:
    """A cell that is there but cannot be read as its column needs. The value is quoted as
    the file writes it (7,5), or described when it may be personal ("ett klockslag")."""
    return ImportProblem(
        "värdet kan inte läsas",
        sheet=table.sheet,
        row=int(row),
        column=column_name(table, header, column),
        found=redact(written(found)) if written(found) else None,
        expected=expected,
    )


def column_name(table: RawTable, header: Header, column: object) -> str:
    """The column's header text; without one (under a merged area header) where it is: 'C' in a
    sheet, '3' in a text file."""
    if header.labels.get(column):
        return header.labels[column]
    if not isinstance(column, int):
        return str(column)
    return get_column_letter(column + 1) if table.sheet is not None else str(column + 1)


def read_value(
    table: RawTable,
    header: Header,
    row: int,
    cells: pd.Series,
    column: object,
    parse: Callable[[object], float | None],
    problems: list[ImportProblem],
) -> float | None:
    """The cell parsed; None when it is missing, or unreadable (then the problem is recorded)."""
    try:
        return parse(cells[column])
    except ValueProblem as problem:
        problems.append(unreadable(table, header, row, column, cells[column], problem.expected))
        return None


def texts(cells: pd.Series) -> pd.Series:
    """cell_text of a whole column, worked out once per distinct value (codes, names, months
    repeat: a 150 000-row extract has a few hundred)."""
    codes, uniques = pd.factorize(cells.to_numpy(dtype=object), use_na_sentinel=True)
    mapped = np.array([cell_text(value) for value in uniques] + [""], dtype=object)
    return pd.Series(mapped[codes], index=cells.index, dtype=object)


def titles(table: RawTable, header: Header) -> list[str]:
    """The sheet name and every text above the header: where exports say year and kommun."""
    above = table.cells.loc[table.cells.index < header.row]
    return [table.sheet or "", *(cell_text(v) for v in above.to_numpy().ravel() if cell_text(v))]


def kommun_from_titles(
    table: RawTable, header: Header, example: str, context: Context | None = None
) -> tuple[Geo | None, list[ImportProblem]]:
    """The kommun the title names, else the agreement's (for our own templates and the kommun's
    own surveys), else the problem saying where to write it."""
    kommun = kommun_named_in(titles(table, header))
    if kommun is not None:
        return kommun, []
    if context is not None and context.kommun is not None:
        return context.kommun, []
    return None, [
        ImportProblem(
            "kommunen framgår inte",
            sheet=table.sheet,
            row=header.row,
            expected=f"kommunens namn i en titelrad eller i bladets namn, t.ex. '{example}'",
        )
    ]


def rows_of(cells: pd.DataFrame) -> Iterator[tuple[int, dict[object, object]]]:
    """(row number, {column: cell}) for each row: what pandas' iterrows gives, at a fraction of
    its cost per row (no Series is built)."""
    columns = list(cells.columns)
    for number, values in zip(cells.index, cells.itertuples(index=False, name=None), strict=True):
        yield int(number), dict(zip(columns, values, strict=True))


def body(table: RawTable, header: Header) -> pd.DataFrame:
    """The rows under the header (a view: the index is in row order)."""
    return table.cells.iloc[table.cells.index.searchsorted(header.row, side="right") :]


def all_loaders() -> list[Loader]:
    from indicators.sources import (
        aktivitetslogg,
        atgarder,
        bou,
        bra_kommuner,
        bra_lagesbild,
        bra_sol,
        bra_table,
        est,
        kolada,
        polisuttag,
        scb,
        trygghetsmatning,
    )

    # Most specific first: a Brå databasfil also has a 'Brott' column like a police extract,
    # and BoU's tables have Indikator and Kommun columns that a trygghetsmätning may have too.
    return [
        bra_sol.LOADER,
        bra_table.LOADER,
        bra_lagesbild.CRIME,
        bra_lagesbild.NTU,
        bra_lagesbild.RESPONDENTS_SHEET,
        polisuttag.LOADER,
        bou.LONG,
        bou.TABLE,
        trygghetsmatning.LONG,
        trygghetsmatning.MATRIX,
        aktivitetslogg.LOADER,
        scb.LOADER,
        est.SURVEY,
        est.EVENTS,
        kolada.JSON,
        kolada.EXCEL,
        atgarder.LOADER,
        bra_kommuner.LOADER,
    ]
