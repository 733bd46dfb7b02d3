"""The kommun's lägesbild (SFS 2023:196 §4) drafted from hand-made stored rows, every figure
checked by hand."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pytest

from goals.evaluate import YearOutsidePeriod
from goals.models import Agreement
from indicators.code_list import load_code_list
from kommunlagesbild import analys, brott, konsekvenser, monster
from kommunlagesbild.brott import Change, YearFigure
from kommunlagesbild.content import (
    NoDataForYear,
    agreement_kommun,
    build_lagesbild,
)
from kommunlagesbild.document import PART_1, PART_2, PART_3, lagesbild_document
from tests.unit.rows import row

TODAY = dt.date(2023, 3, 1)


def at(indicator, period, value, breakdown=None, **kwargs):
    """A stored row of `indicator`; no breakdown unless one is given."""
    return replace(row(period, value, **kwargs), indicator=indicator, breakdown=breakdown or {})


def reader(*rows):
    by_indicator: dict[str, list] = {}
    for r in rows:
        by_indicator.setdefault(r.indicator, []).append(r)
    return lambda indicator: list(by_indicator.get(indicator, []))


def bra(indicator, year, count, rate, geo="1287", name="Trelleborgs kommun", **kwargs):
    common = {"breakdown": {}, "geo": geo, "geo_name": name, "file": "indikatorer.xlsx"}
    return [
        at(indicator, str(year), count, measure="antal", **common, **kwargs),
        at(indicator, str(year), rate, measure="per_100k", **common, **kwargs),
    ]


# Kartläggning: extent and comparison ---------------------------------------------------------


def test_a_bra_category_is_compared_with_lan_and_riket_per_100000(catalogue):
    read = reader(
        *bra("lagesbild.bilbrott", 2022, 300, 600.0),
        *bra("lagesbild.bilbrott", 2022, 60_000, 500.0, geo="12", name="Skåne"),
        *bra("lagesbild.bilbrott", 2022, 41_000, 400.0, geo="00", name="Riket"),
        *bra("lagesbild.bilbrott", 2022, 150, 300.0, geo="1263", name="Svedala kommun"),
        *bra("lagesbild.bilbrott", 2022, 900, 450.0, geo="01", name="Stockholms län"),
    )
    [category] = brott.bra_categories(read, catalogue, "1287", 2022)
    assert category.label == "Bilbrott"
    assert (category.current.count, category.current.rate) == (300, 600.0)
    assert [(r.name, r.level, r.rate) for r in category.references] == [
        ("Riket", "riket", 400.0),
        ("Skåne", "lan", 500.0),
        ("Svedala kommun", "kommun", 300.0),
    ]  # another län is no comparison for this kommun
    assert category.riket_ratio == 1.5
    assert category.standing == pytest.approx(math.log(1.5))  # two years: no trend to add
    assert category.current.origins[0].places == "rad 2"  # antal and rate on one row: once


def test_a_category_without_the_year_is_left_out(catalogue):
    read = reader(*bra("lagesbild.bilbrott", 2021, 300, 600.0))
    assert brott.bra_categories(read, catalogue, "1287", 2022) == []


def test_categories_split_by_kon_are_their_own_categories(catalogue):
    read = reader(
        *[
            at("lagesbild.vald_offentlig_unga", "2022", v, measure="antal", breakdown={"kon": kon})
            for kon, v in (("flickor", 20), ("pojkar", 35))
        ]
    )
    found = brott.bra_categories(read, catalogue, "1287", 2022)
    assert [c.label for c in found] == [
        "Våld i offentlig miljö mot barn och unga (flickor)",
        "Våld i offentlig miljö mot barn och unga (pojkar)",
    ]
    assert [c.current.count for c in found] == [20, 35]


def test_ranking_puts_high_against_riket_and_rising_first():
    def category(name, rate, riket, per_year=None):
        trend = (
            brott.Trend(2013, 2022, per_year, (per_year - 0.01, per_year + 0.01), "rate")
            if per_year
            else None
        )
        return brott.Category(
            name,
            name,
            "bra",
            2022,
            (YearFigure(2022, 10, rate),),
            (brott.Reference("Riket", "riket", 100, riket),),
            trend,
        )

    level = category("hög nivå", 130.0, 100.0)  # log 1,3 = 0,262
    rising = category("ökar", 100.0, 100.0, 0.06)  # 5 × log 1,06 = 0,291
    low = category("låg", 80.0, 100.0)
    assert [c.id for c in brott.ranked([low, level, rising])] == ["ökar", "hög nivå", "låg"]


# Kartläggning: development, and chance ------------------------------------------------------


def figures(counts, start=2013, rate_per=None):
    return [
        YearFigure(start + i, c, c / rate_per * 100_000 if rate_per else None)
        for i, c in enumerate(counts)
    ]


def test_a_steady_ten_percent_rise_is_a_trend_beyond_chance():
    counts = [100 * 1.1**i for i in range(5)]  # 100, 110, 121, 133,1, 146,41
    trend = brott.trend(figures(counts), phi=1.0)
    assert trend.of == "count"
    assert trend.per_year == pytest.approx(0.10, abs=1e-6)
    assert trend.direction == "okar"
    assert trend.interval[0] > 0


def test_a_jumpy_series_shows_no_trend():
    trend = brott.trend(figures([100, 130, 80, 120, 90]), phi=1.0)
    assert trend.direction is None


def test_the_trend_is_of_the_rate_when_every_population_is_known():
    # The count grows with the population, 10 % a year: the rate stands still.
    years = [
        YearFigure(2013 + i, 100 * 1.1**i, 100 * 1.1**i / (40_000 * 1.1**i) * 100_000)
        for i in range(5)
    ]
    trend = brott.trend(years, phi=1.0)
    assert trend.of == "rate"
    assert trend.per_year == pytest.approx(0.0, abs=1e-6)
    assert trend.direction is None


def test_fewer_than_five_complete_years_give_no_trend():
    years = [*figures([100, 110, 120, 130]), YearFigure(2017, 50, None, complete=False)]
    assert brott.trend(years, phi=1.0) is None


def test_the_change_against_the_year_before_knows_about_chance():
    within = brott.change(figures([100, 95], start=2021), 2022, phi=1.0)
    assert within.p == pytest.approx(0.784, abs=0.01)  # exact conditional test, 95 of 195
    assert not within.beyond_chance
    beyond = brott.change(figures([100, 50], start=2021), 2022, phi=1.0)
    assert beyond.beyond_chance
    assert beyond.ratio_interval[1] < 1
    # φ = 4 widens it: the same halving is within chance
    assert not brott.change(figures([100, 50], start=2021), 2022, phi=4.0).beyond_chance


def test_an_incomplete_year_has_no_change():
    years = [YearFigure(2021, 100, None), YearFigure(2022, 40, None, complete=False)]
    assert brott.change(years, 2022, phi=1.0) is None


def test_a_code_list_category_missing_codes_is_a_lower_bound_kept_out_of_the_change(catalogue):
    codes = load_code_list(catalogue)
    sol = [
        at("bostadsinbrott", str(y), v, breakdown={"brottstyp": "Inbrottsstöld i bostad"})
        for y, v in ((2020, 110), (2021, 100))
    ]
    extract = [
        at(
            "bostadsinbrott",
            "2022",
            40,
            breakdown={"brottskod": "9801"},
            origin="polisen",
            status=None,
            file="uttag.xlsx",
            import_id=2,
        )
    ]
    population = {2020: 50_000.0, 2021: 50_000.0, 2022: 40_000.0}
    [category] = brott.code_list_categories(
        reader(*sol, *extract), catalogue, codes, "1287", 2022, population
    )
    assert [(f.year, f.count, f.rate) for f in category.years] == [
        (2020, 110, 220.0),
        (2021, 100, 200.0),
        (2022, 40, 100.0),
    ]
    current = category.current
    assert not current.complete
    assert "nedre gräns" in current.note and "0857" in current.note
    assert category.change is None


# Where and when: suppression -------------------------------------------------------------------


def test_counts_under_five_are_suppressed_in_every_output():
    assert monster.shown_count(4) == "färre än 5"
    assert monster.shown_count(1) == "färre än 5"
    assert monster.shown_count(5) == "5"
    assert monster.shown_count(0) == "0"
    assert monster.shown_count(None) == "–"


def grid_row(day, band, value, code="1203", **kwargs):
    breakdown = {
        "brottskod": code,
        "datumgrund": "brottsdatum",
        "omrade": "Centrum",
        "veckodag": day,
        "tidsband": band,
    }
    return at(
        "anmalda_brott.veckodag_tid",
        "2022",
        value,
        breakdown=breakdown,
        origin="polisen",
        status=None,
        **kwargs,
    )


def test_weekday_time_cells_sum_the_codes_of_the_latest_extract_only():
    read = reader(
        grid_row("5", "18-24", 3, code="1203", import_id=2, imported_at="2023-02-01"),
        grid_row("5", "18-24", 4, code="1209", import_id=2, imported_at="2023-02-01"),
        grid_row("1", "00-06", 2, import_id=2, imported_at="2023-02-01"),
        grid_row("5", "18-24", 50, import_id=1, imported_at="2023-01-01", file="äldre.xlsx"),
        grid_row("5", "18-24", 9, geo="1263"),
    )
    grid = monster.crime_by_weekday_time(read, "1287", 2022)
    assert grid.cells == {("5", "18-24"): 7, ("1", "00-06"): 2}
    assert grid.date_basis == "brottsdatum"
    assert analys.weekday_time_sentence(grid) == (
        "Flest anmälda brott med känd tidpunkt: fredag kl. 18–24 (7)."
    )  # måndag natt has 2: never named, never shown


def test_months_and_areas_from_the_extract(catalogue):
    rows = [
        at(
            "anmalda_brott",
            f"2022-{m:02d}",
            v,
            breakdown={"brottskod": "1203", "omrade": area, "datumgrund": "inskrivningsdatum"},
            origin="polisen",
            status=None,
        )
        for m, v, area in ((1, 6, "Centrum"), (1, 3, "Hamnen"), (2, 8, "Centrum"))
    ]
    read = reader(*rows)
    months = monster.crime_by_month(read, catalogue, "1287", 2022)
    assert months.cells == {("01",): 9, ("02",): 8}
    areas = monster.crime_by_area(read, catalogue, "1287", 2022)
    assert areas.cells == {("Centrum",): 14, ("Hamnen",): 3}
    assert analys.area_sentence(areas) == (
        "Flest anmälda brott per område i polisens uttag: Centrum (14)."
    )


# Consequences ----------------------------------------------------------------------------------


def ntu(year, value, low, high, geo="1287", name="Trelleborgs kommun", n=450):
    common = {"breakdown": {}, "geo": geo, "geo_name": name, "n": n}
    out = [at("ntu.otrygghet_utomhus", str(year), value, measure="andel_pct", **common)]
    if low is not None:
        out += [
            at("ntu.otrygghet_utomhus", str(year), low, measure="ki95_undre_pct", **common),
            at("ntu.otrygghet_utomhus", str(year), high, measure="ki95_ovre_pct", **common),
        ]
    return out


def test_ntu_shares_carry_their_published_interval_lan_and_riket(catalogue):
    read = reader(
        *ntu(2017, 23, 19, 27),
        *ntu(2022, 21, 17, 25),
        *ntu(2022, 23.5, None, None, geo="12", name="Skåne"),
        *ntu(2022, 28.1, None, None, geo="00", name="Riket"),
    )
    [share] = konsekvenser.consequences(read, catalogue, "1287", 2022)
    assert (share.year, share.value, share.interval) == (2022, 21, (17, 25))
    assert (share.lan, share.riket, share.earlier) == (23.5, 28.1, (2017, 23))
    assert share.overlaps_earlier is True
    assert analys.share_sentence(share) == (
        "Otrygghet utomhus (NTU): 21\u00a0% 2022 (95 % intervall 17,0–25,0\u00a0%); länet "
        "23,5\u00a0% och riket 28,1\u00a0%; 23\u00a0% 2017, inom årets intervall."
    )


def test_a_survey_share_with_n_gets_a_wilson_interval(catalogue):
    read = reader(at("tm.otrygg_ute_kvall", "2022", 50, measure="andel_pct", breakdown={}, n=100))
    [share] = konsekvenser.consequences(read, catalogue, "1287", 2022)
    low, high = share.interval
    assert (round(low, 1), round(high, 1)) == (40.4, 59.6)  # Wilson, 50 of 100
    assert share.source_id == "trygghetsmatning"


# Analys ----------------------------------------------------------------------------------------


def test_a_category_in_words():
    category = brott.Category(
        "lagesbild.bilbrott",
        "Bilbrott",
        "bra",
        2022,
        (YearFigure(2022, 310, 685.2),),
        (brott.Reference("Riket", "riket", None, 402.3),),
        brott.Trend(2013, 2022, 0.06, (0.02, 0.10), "rate"),
    )
    assert analys.category_sentence(category) == (
        "Bilbrott: 685,2 per 100\u00a0000 invånare 2022 (310 brott); 1,7 gånger rikets nivå "
        "(402,3); antalet per invånare ökar med 6\u00a0% per år 2013–2022 (95 % intervall "
        "+2\u00a0% till +10\u00a0%)."
    )


def test_changes_beyond_chance_are_named_and_the_rest_said_to_be_within_it():
    def category(label, earlier, later, p):
        return brott.Category(
            label,
            label,
            "kodlista",
            2022,
            (),
            change=Change(earlier, later, (0.4, 0.7), p),
        )

    sentences = analys.change_sentences(
        [category("Misshandel", 100, 50, 0.0001), category("Bedrägeri", 100, 95, 0.78)]
    )
    assert sentences[0].startswith("Misshandel minskade från 100 till 50 mot året före, mer än")
    assert sentences[1] == "Förändringen mot året före ligger inom slumpvariationen för bedrägeri."


def test_sources_used_come_first_and_every_source_has_its_limit(catalogue):
    found = analys.sources(catalogue, {"ntu": ["indikatorer.xlsx"]})
    assert found[0].source == "ntu" and found[0].used and found[0].files == ("indikatorer.xlsx",)
    assert all(not s.used for s in found[1:])
    assert {s.source for s in found} == set(catalogue.sources)
    polisen = next(s for s in found if s.source == "polisanmalda_brott")
    assert "Polisens uttag täcker bara" in polisen.limit


# The whole ----------------------------------------------------------------------------------------


def test_the_kommun_is_the_agreements(agreement):
    kommun = agreement_kommun(agreement)
    assert (kommun.code, kommun.name) == ("1287", "Trelleborgs kommun")


def test_the_kommun_follows_another_agreement(agreement):
    # The agreement file names its kommun; the targets' geographies do not decide it.
    other = agreement.model_copy(
        update={
            "kommun": agreement.kommun.model_copy(update={"code": "1263", "name": "Svedala kommun"})
        }
    )
    assert isinstance(other, Agreement)
    kommun = agreement_kommun(other)
    assert (kommun.level, kommun.code, kommun.name) == ("kommun", "1263", "Svedala kommun")


def example(catalogue, agreement, year=2022, rows=()):
    return build_lagesbild(
        agreement,
        catalogue,
        reader(*rows),
        year,
        TODAY,
        load_code_list(catalogue),
    )


def test_a_year_outside_the_period_or_without_data_is_refused(catalogue, agreement):
    with pytest.raises(YearOutsidePeriod):
        example(catalogue, agreement, 2030)
    with pytest.raises(NoDataForYear, match="Trelleborgs kommun"):
        example(catalogue, agreement, 2022)


def test_the_document_has_the_three_parts_the_law_names(catalogue, agreement):
    content = example(
        catalogue,
        agreement,
        rows=[
            *bra("lagesbild.bilbrott", 2022, 300, 600.0),
            *bra("lagesbild.bilbrott", 2022, 41_000, 400.0, geo="00", name="Riket"),
            *ntu(2022, 21, 17, 25),
        ],
    )
    assert content.kommun.code == "1287"
    assert [c.id for c in content.categories] == ["lagesbild.bilbrott"]
    assert any(s.startswith("Det som sticker ut mest") for s in content.analysis)
    document = lagesbild_document(content)
    chapters = [h.text for h in document.headings() if h.level == 2]
    assert chapters[:3] == [PART_1, PART_2, PART_3]
    assert document.title == "Lägesbild 2022: Trelleborgs kommun"
    used = {s.source for s in content.sources if s.used}
    assert used == {"bra_kommunindikatorer", "ntu"}


def test_the_weekday_time_aggregate_is_no_code_list_indicator(catalogue):
    assert not catalogue.is_counted_from_crime_codes("anmalda_brott.veckodag_tid")
    assert catalogue.is_counted_from_crime_codes("bostadsinbrott")
    assert "anmalda_brott.veckodag_tid" not in brott.code_list_indicators(catalogue)
