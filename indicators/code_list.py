"""The brottskod → indicator list (`brottskoder.csv`), which analysts may edit in Excel.

Crime counts are stored per brottskod and mapped through this list when targets are judged,
so an edited list applies to everything already imported. Three rows of the file:

    brottskod;benämning;indikator;giltig_från;giltig_till;kommentar
    0857;Inbrottsstöld, försök, i villa/radhus;bostadsinbrott;;;
    0942;Romansbedrägeri, …;bedrageri;2019;;
    0405;Olaga hot mot man 18 år eller äldre (upphörde år 2016);olaga_hot_ofredande;;2016;äldre kod

Codes change: an indicator's codes are the current ones and the older ones, each with the years
it can occur (giltig_från and giltig_till, both included, empty = open). A code that ceased
during a year is still valid that year, so a series that spans a change uses both.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from indicators.catalogue import Catalogue
from indicators.config_files import ConfigError, Problem

COLUMNS = ("brottskod", "benämning", "indikator", "kommentar")
YEAR_COLUMNS = ("giltig_från", "giltig_till")


@dataclass(frozen=True)
class CrimeCode:
    code: str
    label: str
    indicator: str | None
    comment: str
    valid_from: int | None = None
    valid_to: int | None = None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from or year) <= year <= (self.valid_to or year)


@dataclass(frozen=True)
class CodeList:
    version: str
    sha256: str
    codes: tuple[CrimeCode, ...]

    def codes_for(self, indicator_id: str, year: int | None = None) -> tuple[str, ...]:
        """The indicator's codes; with a year, those that can occur that year."""
        return tuple(
            c.code
            for c in self.codes
            if c.indicator == indicator_id and (year is None or c.valid_in(year))
        )

    def indicator_of(self, code: str) -> str | None:
        return self._by_code.get(normalise_code(code))

    @cached_property
    def _by_code(self) -> dict[str, str | None]:
        return {c.code: c.indicator for c in self.codes}


def normalise_code(raw: str) -> str:
    """'857' (Excel dropped the zero) → '0857'; surrounding spaces removed."""
    text = raw.strip()
    return text.zfill(4) if text.isdigit() else text


def load_code_list(catalogue: Catalogue, directory: Path | None = None) -> CodeList:
    path = (directory or Path(__file__).parent) / catalogue.code_list.file
    raw = path.read_bytes()
    codes = parse_code_list(raw.decode("utf-8-sig"), path.name, catalogue)
    return CodeList(catalogue.code_list.version, hashlib.sha256(raw).hexdigest(), codes)


def parse_code_list(text: str, name: str, catalogue: Catalogue) -> tuple[CrimeCode, ...]:
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        found = ";".join(reader.fieldnames or [])
        problem = f"kolumnerna {', '.join(missing)} saknas"
        raise ConfigError([Problem(name, 1, "", problem, found)])
    known = {indicator.id for indicator in catalogue.indicators}
    codes, problems, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        code = normalise_code(row["brottskod"] or "")
        indicator = (row["indikator"] or "").strip() or None
        if not (len(code) == 4 and code.isdigit()):
            problems.append(Problem(name, line, "brottskod", "förväntade fyra siffror", code))
        elif code in seen:
            problems.append(Problem(name, line, "brottskod", "koden står redan i listan", code))
        if indicator is not None and indicator not in known:
            problems.append(
                Problem(name, line, "indikator", "okänd indikator i katalogen", indicator)
            )
        seen.add(code)
        years = []
        for column in YEAR_COLUMNS:
            text = (row.get(column) or "").strip()
            if text and not (len(text) == 4 and text.isdigit()):
                problems.append(Problem(name, line, column, "förväntade ett årtal", text))
            years.append(int(text) if text.isdigit() else None)
        label, comment = (row["benämning"] or "").strip(), (row["kommentar"] or "").strip()
        codes.append(CrimeCode(code, label, indicator, comment, *years))
    if problems:
        raise ConfigError(problems)
    return tuple(codes)
