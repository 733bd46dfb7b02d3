"""What in an import may be personal, judged from header words and cell content.

Police data is sekretess: no street, case id, time of day, coordinate or person may be kept
anywhere. Extract layouts differ from one police system to the next, so nothing here is a closed
list of headers: a column is private when its header *words* say so (`Brottsplatsadress`,
`X_KOORD`, `Diarienr`, `Klockslag`) or when its *cells* look so (`Storgatan 12`, `kl 23:15`,
`5000-K1234-22`, `55.3712`, `19800101-1234`). Messages describe such a cell ("ett klockslag")
instead of quoting it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

from indicators.values import plain_label

KINDS = {
    "klockslag": "ett klockslag",
    "koordinat": "en koordinat",
    "adress": "en gatuadress",
    "arende": "ett ärende- eller diarienummer",
    "person": "en personuppgift",
}
# Header words, compared on plain_label's letters split into words. Whole words only where a
# short word would also occur inside harmless headers ("tid" in "Brottsdatumtid" is a date).
_HEADER_WORDS = {
    "klockslag": {
        "kl",
        "klockslag",
        "klocka",
        "tid",
        "tidpunkt",
        "brottstid",
        "timme",
        "tidsstampel",
        "tidstampel",
    },
    "koordinat": {
        "lat",
        "latitud",
        "latitude",
        "lon",
        "long",
        "longitud",
        "longitude",
        "lng",
        "x",
        "y",
        "koord",
        "koordinat",
        "koordinater",
        "xkoord",
        "ykoord",
        "sweref",
        "sweref99",
        "rt90",
        "wgs84",
        "northing",
        "easting",
        "nord",
        "ost",
    },
    "adress": {
        "adress",
        "gata",
        "gatan",
        "gatunr",
        "gatunummer",
        "gatuadress",
        "postnummer",
        "postnr",
        "postort",
        "fastighet",
        "fastighetsbeteckning",
        "brottsplats",
        "brottsplatsadress",
        "husnummer",
        "portnummer",
        "lagenhetsnummer",
        "uppgang",
    },
    "arende": {
        "diarienummer",
        "diarienr",
        "dnr",
        "arende",
        "arendenummer",
        "arendenr",
        "k",
        "knr",
        "knummer",
        "anmalningsnummer",
        "anmalningsnr",
        "id",
        "lopnummer",
        "lopnr",
        "referens",
        "referensnummer",
        "handling",
    },
    "person": {
        "namn",
        "fornamn",
        "efternamn",
        "personnummer",
        "persnr",
        "pnr",
        "fodd",
        "fodelsedatum",
        "fodelsear",
        "alder",
        "malsagande",
        "misstankt",
        "misstankta",
        "anmalare",
        "vittne",
        "offer",
        "garningsperson",
        "telefon",
        "telefonnummer",
        "mobil",
        "epost",
        "mejl",
        "email",
        "rapportor",
        "rapporterad",
        "handlaggare",
        "utredare",
        "kontaktperson",
        "signatur",
    },
}
# Parts of compound headers that say enough on their own ("Brottsplatsadress", "X_KOORD").
_HEADER_PARTS = {
    "klockslag": ("klockslag", "tidpunkt", "tidsstampel", "tidstampel"),
    "koordinat": ("koordinat", "koord", "latitud", "longitud", "sweref", "wgs84"),
    "adress": ("adress", "gatunr", "gatunummer", "postnummer", "fastighetsbet"),
    "arende": ("diarie", "arendenr", "arendenummer", "anmalningsnummer", "knummer"),
    "person": ("personnummer", "fodelse", "malsagande", "misstankt", "anmalare"),
}
_TIME = re.compile(
    r"(?<![\d:.,])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d])|\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?\b", re.I
)
# A street word, alone ("Hemliga vägen 7") or ending a name ("Storgatan 12"), then a number.
_STREET = re.compile(
    r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|allé|allén|torget|torg|backe|backen|leden|"
    r"stråket|esplanaden|promenaden|kajen|gården|slingan|vägs?|stig)\s+\d{1,3}\s*[a-z]?(?![\w])",
    re.I,
)
_CASE_ID = re.compile(r"\b\d{3,4}-?K\d{2,}(?:-\d{2})?\b|\bK-?\d{4,}(?:-\d{2})?\b", re.I)
_PERSON_ID = re.compile(r"\b(?:19|20)?\d{6}[-+]\d{4}\b|\b(?:19|20)\d{10}\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_COORDINATE_TEXT = re.compile(r"\b(5[5-9]|6\d)[.,]\d{4,}\b.*\b(1\d|2[0-4])[.,]\d{4,}\b")


def header_kind(label: Any) -> str | None:
    """The kind of personal data a header announces, or None."""
    plain = plain_label(label)
    words = set(re.split(r"[^a-z0-9]+", plain)) - {""}
    squashed = re.sub(r"[^a-z0-9]", "", plain)
    for kind, vocabulary in _HEADER_WORDS.items():
        if words & vocabulary or squashed in vocabulary:
            return kind
    for kind, parts in _HEADER_PARTS.items():
        if any(part in squashed for part in parts):
            return kind
    return None


def value_kind(value: Any) -> str | None:
    """The kind of personal data one cell looks like, or None."""
    if value is None:
        return None
    if isinstance(value, dt.time):
        return "klockslag" if value != dt.time(0) else None
    if isinstance(value, dt.datetime):
        return "klockslag" if value.time() != dt.time(0) else None
    if isinstance(value, (bool, dt.date)):
        return None
    if isinstance(value, (int, float)):
        return _number_kind(value)
    text = str(value)
    if _TIME.search(text):
        return "klockslag"
    if _CASE_ID.search(text):
        return "arende"
    if _PERSON_ID.search(text) or _EMAIL.search(text):
        return "person"
    if _STREET.search(text):
        return "adress"
    if _COORDINATE_TEXT.search(text):
        return "koordinat"
    return None


def _number_kind(number: float) -> str | None:
    # SWEREF 99 TM and RT 90 northings within Sweden; counts and rates never reach them.
    if isinstance(number, int) and not -(10**12) < number < 10**12:
        return None  # no coordinate, and too long for a float
    if math.isfinite(number) and 6_100_000 <= abs(number) <= 7_700_000:
        return "koordinat"
    return None


def values_kind(values: Iterable[Any]) -> str | None:
    """The first kind of personal data among some cells (pass unique values: it is per cell)."""
    for value in values:
        kind = value_kind(value)
        if kind is not None:
            return kind
    return None


def describe(kind: str) -> str:
    return KINDS[kind]


def redact(value: Any) -> Any:
    """The value for a message, or what it looks like when it may be personal."""
    kind = value_kind(value)
    return value if kind is None else Described(KINDS[kind])


class Described(str):
    """A description standing in for a cell: messages write it without quotes."""

    def __repr__(self) -> str:
        return f"{str(self)} (visas inte)"
