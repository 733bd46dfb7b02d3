"""The brottskod → indicator list (`brottskoder.csv`), which analysts may edit in Excel.

Crime counts are stored per brottskod and mapped through this list when targets are judged,
so an edited list applies to everything already imported. Two rows of the file:

    brottskod;benämning;indikator;kommentar
    0857;Försök till inbrottsstöld i villa/radhus;bostadsinbrott;
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from indicators.catalogue import Catalogue
from indicators.config_files import ConfigError, Problem

COLUMNS = ("brottskod", "benämning", "indikator", "kommentar")


@dataclass(frozen=True)
class CrimeCode:
    code: str
    label: str
    indicator: str | None
    comment: str


@dataclass(frozen=True)
class CodeList:
    version: str
    sha256: str
    codes: tuple[CrimeCode, ...]

    def codes_for(self, indicator_id: str) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes if c.indicator == indicator_id)

    def indicator_of(self, code: str) -> str | None:
        normalised = normalise_code(code)
        return next((c.indicator for c in self.codes if c.code == normalised), None)


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
        label, comment = (row["benämning"] or "").strip(), (row["kommentar"] or "").strip()
        codes.append(CrimeCode(code, label, indicator, comment))
    if problems:
        raise ConfigError(problems)
    return tuple(codes)
