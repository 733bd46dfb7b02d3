"""Region cells as exports write them ('Trelleborg', 'Trelleborgs kommun', '1287', 'Hela landet').

Kommuner are known by code from `kommuner.csv` (all 290, as SCB codes them) and län from
`lan.csv`; any other region is kept apart with its name, never guessed.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from indicators.values import normalise_code, normalise_label

KOMMUNER_FILE = Path(__file__).with_name("kommuner.csv")
LAN_FILE = Path(__file__).with_name("lan.csv")


class Geo(NamedTuple):
    level: str
    code: str | None
    name: str


RIKET = Geo("riket", "00", "Riket")
SKANE = Geo("region", "12", "Skåne")
_RIKET_NAMES = {"hela landet", "riket", "sverige", "hela riket"}
_SKANE_NAMES = {"skane", "region skane", "skane lan", "skane %", "skane (%)"}


@cache
def kommuner() -> dict[str, str]:
    """Kommunkod → name, e.g. '1287' → 'Trelleborg'."""
    with KOMMUNER_FILE.open(encoding="utf-8") as handle:
        return {row["kommunkod"]: row["kommun"] for row in csv.DictReader(handle, delimiter=";")}


@cache
def _codes_by_name() -> dict[str, str]:
    """Name → code, accents ignored where that is unambiguous ('Malmo' is Malmö); 'habo' is
    both Habo and Håbo, so only the exact spelling finds either."""
    plain: dict[str, list[str]] = {}
    for code, name in kommuner().items():
        plain.setdefault(_dashless(normalise_label(name)), []).append(code)
    return {name: codes[0] for name, codes in plain.items() if len(codes) == 1}


@cache
def _codes_by_exact_name() -> dict[str, str]:
    return {_exact(name): code for code, name in kommuner().items()}


def _exact(text: str) -> str:
    """Lower case and single spaces, accents kept."""
    return _dashless(re.sub(r"[\s\u00a0\u202f]+", " ", str(text)).strip().lower())


@cache
def lan() -> dict[str, str]:
    """Länskod → name, e.g. '12' → 'Skåne län'."""
    with LAN_FILE.open(encoding="utf-8") as handle:
        return {row["lanskod"]: row["lan"] for row in csv.DictReader(handle, delimiter=";")}


@cache
def _lan_by_name() -> dict[str, str]:
    names = {}
    for code, name in lan().items():
        plain = normalise_label(name)
        stem = plain.removesuffix(" lan")
        names.update({plain: code, stem: code, stem.removesuffix("s"): code})
    return names


def lan_geo(code: str) -> Geo:
    """Geo('region', '01', 'Stockholms län'); Skåne stays SKANE, as every source names it."""
    return SKANE if code == SKANE.code else Geo("region", code, lan()[code])


def _dashless(label: str) -> str:
    # Brå writes "Malung–Sälen" with an en dash, SCB "Malung-Sälen".
    return re.sub(r"\s*[–—-]\s*", "-", label)


ComparisonLevel = Literal["riket", "lan", "kommun"]


def comparison_level(code: str, kommun_code: str) -> ComparisonLevel | None:
    """How a geography stands beside a kommun in a comparison: riket, the kommun's own län or
    another kommun; None for the kommun itself, its areas and other län. Kolada writes riket
    as '0000' and a län as '00' + its code ('0012' for Skåne)."""
    if code in ("00", "0000"):
        return "riket"
    if code in (kommun_code[:2], f"00{kommun_code[:2]}"):
        return "lan"
    if len(code) == 4 and code.isdigit() and code != kommun_code:
        return "kommun"
    return None


def kommun(code: str) -> Geo:
    """Geo('kommun', '1287', 'Trelleborgs kommun'); 'Svedala kommun' takes no genitive s."""
    name = kommuner()[code]
    genitive = name if name[-1].lower() in "aeiouyåäös" else f"{name}s"
    return Geo("kommun", code, f"{genitive} kommun")


@lru_cache(maxsize=4096)
def resolve(text: str) -> Geo:
    """The geography a region cell names; unknown names are kept as 'okand' with their text."""
    label = normalise_label(text)
    if label in _RIKET_NAMES:
        return RIKET
    if label in _SKANE_NAMES:
        return SKANE
    code = _kommun_code(label, _exact(text))
    if code is not None:
        return kommun(code)
    if label.endswith(" lan") or label.startswith("region "):
        found = _lan_by_name().get(label.removeprefix("region "))
        if found is not None:
            return lan_geo(found)
    if label.startswith(("polisregion", "region ")):
        return Geo("region", None, str(text).strip())
    if label.startswith(("lpo ", "lokalpolisomrade")):
        return Geo("lpo", None, str(text).strip())
    return Geo("okand", None, str(text).strip())


def _kommun_code(label: str, exact: str) -> str | None:
    match = re.match(r"^(\d{3,4})\b\s*(.*)$", label)
    if match:
        code = normalise_code(match.group(1))
        return code if code in kommuner() else None
    for names, text in ((_codes_by_exact_name(), exact), (_codes_by_name(), label)):
        name = _dashless(re.sub(r"\s+(kommun|stad)$", "", text.removeprefix("region ")))
        found = names.get(name) or (names.get(name[:-1]) if name.endswith("s") else None)
        if found:
            return found
    return None


def kommun_named_in(texts: list[str]) -> Geo | None:
    """The kommun a title names ('Trygghetsmätning 2019 – Trelleborgs kommun'), if exactly one."""
    found = set()
    for text in texts:
        label = f" {normalise_label(text)} "
        for name, code in _codes_by_name().items():
            if re.search(rf"[\s(–-]{re.escape(name)}s?[\s),.–-]", label):
                found.add(code)
    return kommun(found.pop()) if len(found) == 1 else None


def area(kommun_geo: Geo, name: str) -> Geo:
    """An area of a kommun (Anderslöv in Trelleborg): code '1287:Anderslöv', never a kommun value."""
    return Geo("omrade", f"{kommun_geo.code}:{name}", name)
