"""Swedish cell values as exports write them: numbers, missing marks, headers, months, codes.

Every loader reads cells through these functions, so the ugliness of real files is handled once:
`1 234`, `1,84`, `12 %`, `..`, `Värde saknas`, `SAMTLIGA BROTT2`, `857` for `0857`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

MISSING_MARKS = frozenset({"", "..", ".", "-", "–", "—", "x", "xx", "värde saknas"})
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "maj": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAMES = {
    **MONTHS,
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "sept": 9,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_FOOTNOTE = re.compile(r"(?<=[a-zåäö\)])\d{1,2}$")
_A_NUMBER = "ett tal (t.ex. 1 234 eller 1,84)"


class ValueProblem(ValueError):
    """A cell that is present but cannot be read as what the column needs."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


def cell_text(value: Any) -> str:
    """The cell as text: '857' for the float 857.0 that Excel made of a code."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def written(value: Any) -> str:
    """The cell as the analyst sees it in Swedish Excel or wrote it in a text file: '7,5' for
    the float 7.5, '2022-05-03' for a date; text as it stands."""
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        return repr(value).replace(".", ",")
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value)


def is_missing(value: Any) -> bool:
    return _SPACES.sub(" ", cell_text(value)).strip().lower() in MISSING_MARKS


def parse_number(value: Any) -> float | None:
    """1 234,5 → 1234.5; '12 %' → 12.0; '..' → None (missing is never 0)."""
    if isinstance(value, bool):
        raise ValueProblem("ett tal")
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # a JSON integer of hundreds of digits
            raise ValueProblem(_A_NUMBER) from None
    elif is_missing(value):
        return None
    else:
        text = _SPACES.sub("", cell_text(value)).rstrip("%").replace("\u2212", "-")
        if "," in text and "." in text:
            text = text.replace(".", "")  # 1.234,5: the dot groups thousands
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise ValueProblem(_A_NUMBER) from None
    # float() also takes 'nan', 'inf' and '1e999': no export writes a number like that.
    if not math.isfinite(number):
        raise ValueProblem(_A_NUMBER)
    return number


def parse_count(value: Any) -> float | None:
    number = parse_number(value)
    if number is not None and (number < 0 or not float(number).is_integer()):
        raise ValueProblem("ett antal (ett heltal, 0 eller större)")
    return number


@lru_cache(maxsize=65536)
def plain_label(text: Any) -> str:
    """'Område ' → 'omrade': lower case, no accents, single spaces (for matching only)."""
    plain = unicodedata.normalize("NFKD", cell_text(text).lower())
    # Accents go, and so do invisible format characters (a BOM or zero-width space that came
    # along when a table was copied from a web page).
    plain = "".join(
        c for c in plain if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return _SPACES.sub(" ", plain).strip()


@lru_cache(maxsize=65536)
def normalise_label(text: Any) -> str:
    """plain_label without a footnote digit glued on: 'SAMTLIGA BROTT2' → 'samtliga brott'."""
    return _FOOTNOTE.sub("", plain_label(text)).strip()


def normalise_code(value: Any, width: int = 4) -> str:
    """857 (Excel dropped the zero) → '0857'; '1287' stays."""
    text = cell_text(value)
    return text.zfill(width) if text.isdigit() and len(text) < width else text


def month_number(text: Any) -> int | None:
    """'Maj' → 5, 'okt.' → 10, 'oktober' → 10; None when the text is not a Swedish month."""
    return _MONTH_NAMES.get(normalise_label(text).rstrip("."))
