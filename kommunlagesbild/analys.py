"""Analys: the drafted sentences the analysts start from (what stands out, what changed, what is
within chance), and the sources used and left out with their limits.

Every sentence is built from the figures of the sections before it; none states more than the
figures and their intervals carry: a trend or a change is named only beyond chance, otherwise
the sentence says it is within chance ("inom slumpvariationen"). The sources' limits are the
analysts' own words, in kallor.yaml (kommunlagesbild/kallor.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from goals.words import change_interval_text, interval_text, join_words, p_text, value_text
from indicators.catalogue import Catalogue
from indicators.numbers import format_number
from kommunlagesbild.brott import Category, Trend
from kommunlagesbild.kallor import source_limits
from kommunlagesbild.konsekvenser import Share
from kommunlagesbild.monster import Counts, suppressed

STANDS_OUT_RATIO = 1.2  # a rate at least this many times riket's stands out
STANDS_OUT = 3  # categories named as standing out, at most
WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def trend_text(trend: Trend) -> str:
    """'ökar med 6 % per år 2015–2024 (95 % intervall +2 % till +10 %)' or within chance."""
    what = "antalet per invånare" if trend.of == "rate" else "antalet"
    span = f"{trend.first}–{trend.last}"
    low, high = trend.interval
    interval = change_interval_text((1 + low, 1 + high), "antal")
    if trend.direction is None:
        return f"ingen trend utöver slumpvariationen {span} (95 % intervall {interval} per år)"
    verb = "ökar" if trend.direction == "okar" else "minskar"
    size = format_number(abs(trend.per_year) * 100)
    return f"{what} {verb} med {size}\u00a0% per år {span} (95 % intervall {interval})"


def category_sentence(category: Category) -> str:
    """'Bilbrott: 685 per 100 000 invånare 2024 (310 brott), 1,7 gånger rikets nivå (402); …'"""
    current = category.current
    parts = []
    if current is not None and current.rate is not None:
        count = (
            f" ({value_text(current.count, 'antal')} brott)" if current.count is not None else ""
        )
        parts.append(
            f"{value_text(current.rate, 'per_100k')} per 100\u00a0000 invånare {category.year}{count}"
        )
    elif current is not None and current.count is not None:
        parts.append(f"{value_text(current.count, 'antal')} brott {category.year}")
    ratio, riket = category.riket_ratio, category.reference("riket")
    if ratio is not None and riket is not None and riket.rate is not None:
        parts.append(
            f"{format_number(ratio, 1)} gånger rikets nivå ({value_text(riket.rate, 'per_100k')})"
        )
    if category.trend is not None:
        parts.append(trend_text(category.trend))
    return f"{category.label}: {'; '.join(parts)}."


def stands_out(categories: Sequence[Category]) -> list[Category]:
    """The categories high against riket or rising beyond chance, most remarkable first."""
    return [
        c
        for c in categories
        if (c.riket_ratio or 0) >= STANDS_OUT_RATIO or (c.trend and c.trend.direction == "okar")
    ][:STANDS_OUT]


def change_sentences(categories: Sequence[Category]) -> list[str]:
    """The changes against the year before that are beyond chance, one sentence each, and one
    sentence naming those within it."""
    sentences, within = [], []
    for category in categories:
        change = category.change
        if change is None:
            continue
        if not change.beyond_chance:
            within.append(category.label)
            continue
        verb = "ökade" if change.later > change.earlier else "minskade"
        interval = (
            f", 95 % intervall för förändringen {change_interval_text(change.ratio_interval, 'antal')}"
            if change.ratio_interval
            else ""
        )
        sentences.append(
            f"{category.label} {verb} från {value_text(change.earlier, 'antal')} till "
            f"{value_text(change.later, 'antal')} mot året före, mer än slumpen förklarar "
            f"({p_text(change.p or 0)}{interval})."
        )
    if within:
        sentences.append(
            f"Förändringen mot året före ligger inom slumpvariationen för "
            f"{join_words([lower(w) for w in within])}."
        )
    return sentences


def share_sentence(share: Share) -> str:
    """'Otrygghet utomhus (NTU): 24 % 2024 (95 % intervall 20,0–28,0 %); länet 27,5 %, riket …'"""
    text = f"{share.label}: {value_text(share.value, 'andel_pct')} {share.year}"
    if share.interval:
        text += f" (95 % intervall {interval_text(share.interval, 'andel_pct')})"
    others = [
        f"{name} {value_text(v, 'andel_pct')}"
        for name, v in (("länet", share.lan), ("riket", share.riket))
        if v is not None
    ]
    if others:
        text += f"; {join_words(others)}"
    if share.earlier is not None:
        first, value = share.earlier
        same = share.overlaps_earlier
        text += f"; {value_text(value, 'andel_pct')} {first}"
        if same is True:
            text += ", inom årets intervall"
        elif same is False:
            text += ", utanför årets intervall"
    return text + "."


def weekday_time_sentence(grid: Counts) -> str | None:
    """The two weekday × time band cells with most crimes, never a suppressed one."""
    shown = [(key, v) for key, v in grid.cells.items() if not suppressed(v) and v > 0]
    if not shown:
        return None
    top = sorted(shown, key=lambda kv: -kv[1])[:2]
    words = [
        f"{WEEKDAY_NAMES[int(day) - 1]} {band_text(band)} ({value_text(v, 'antal')})"
        for (day, band), v in top
    ]
    return f"Flest anmälda brott med känd tidpunkt: {join_words(words)}."


def lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def band_text(band: str) -> str:
    return "okänd tid" if band == "okand" else f"kl. {band.replace('-', '–')}"


def area_sentence(areas: Counts) -> str | None:
    shown = sorted(
        ((key[0], v) for key, v in areas.cells.items() if not suppressed(v) and v > 0),
        key=lambda kv: -kv[1],
    )[:3]
    if not shown:
        return None
    words = [f"{name} ({value_text(v, 'antal')})" for name, v in shown]
    return f"Flest anmälda brott per område i polisens uttag: {join_words(words)}."


def analysis(
    categories: Sequence[Category],
    shares: Sequence[Share],
    areas: Counts | None,
    weekday_time: Counts | None,
) -> list[str]:
    """The drafted analysis, in the order a reader asks: what stands out, what changed, where
    and when, and how it is felt."""
    sentences = []
    remarkable = stands_out(categories)
    if remarkable:
        sentences.append(
            "Det som sticker ut mest (hög nivå mot riket eller ökande utöver slumpen): "
            + " ".join(category_sentence(c) for c in remarkable)
        )
    elif categories:
        sentences.append(
            "Ingen brottskategori ligger påtagligt över rikets nivå eller ökar utöver slumpen."
        )
    falling = [c for c in categories if c.trend and c.trend.direction == "minskar"]
    if falling:
        sentences.append(
            "Minskar över åren utöver slumpen: "
            + join_words([f"{lower(c.label)} ({trend_text(c.trend)})" for c in falling if c.trend])
            + "."
        )
    sentences += change_sentences(categories)
    for text in (
        area_sentence(areas) if areas else None,
        weekday_time_sentence(weekday_time) if weekday_time else None,
    ):
        if text:
            sentences.append(text)
    sentences += [share_sentence(s) for s in shares]
    return sentences


@dataclass(frozen=True)
class SourceUse:
    source: str  # the catalogue's id
    label: str
    used: bool
    files: tuple[str, ...]
    limit: str


def sources(catalogue: Catalogue, used: Mapping[str, Iterable[str]]) -> list[SourceUse]:
    """Every source the catalogue knows, used ones first, each with its files and its limits."""
    rows = [
        SourceUse(
            source_id,
            source.label,
            source_id in used,
            tuple(sorted(set(used.get(source_id, ())))),
            source_limits().get(source_id, source.description),
        )
        for source_id, source in catalogue.sources.items()
    ]
    return sorted(rows, key=lambda s: not s.used)
