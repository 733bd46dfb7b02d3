"""A goal's indicator beside its län, riket and comparison kommuner (goals/comparisons.py):
rates only, the overlap rule among imports, the agreement's comparison kommuner, and nothing at
all when nothing is imported."""

from dataclasses import replace

import pytest
from pydantic import ValidationError

from goals.comparisons import MAX_UNLISTED_KOMMUNER, comparison, goal_comparisons
from goals.models import Agreement
from indicators.catalogue import ComparisonSeries
from indicators.geography import comparison_level
from tests.unit.rows import row

BRA = ComparisonSeries(indicator="lagesbild.bostadsinbrott")
KOLADA = ComparisonSeries(indicator="kolada", breakdown={"kpi": "U07417"}, label="Stöld (U07417)")


def _bra(geo, name, year, rate, **kwargs):
    # rows.row reads an empty breakdown as its default one: Brå's totals have none
    return replace(_row_with(geo, name, year, rate, **kwargs), breakdown={})


def _row_with(geo, name, year, rate, **kwargs):
    return row(
        year,
        rate,
        measure="per_100k",
        breakdown={},
        geo=geo,
        geo_name=name,
        file="bra.xlsx",
        **kwargs,
    )


def _kolada(geo, name, year, value, kpi="U07417", **extra):
    return row(
        year,
        value,
        measure="per_1000",
        breakdown={"kpi": kpi, **extra},
        geo=geo,
        geo_name=name,
        file="kolada.xlsx",
        status=None,
        origin="kolada",
    )


def test_levels_beside_a_kommun():
    assert [comparison_level(c, "1287") for c in ("00", "0000", "12", "0012", "1263")] == [
        "riket",
        "riket",
        "lan",
        "lan",
        "kommun",
    ]
    assert [comparison_level(c, "1287") for c in ("1287", "1287:Anderslöv", "13")] == [None] * 3


def test_the_kommun_first_then_lan_and_riket_as_rates_with_source_and_years(catalogue):
    rows = [
        _bra("00", "Riket", "2023", 402.3),
        _bra("1287", "Trelleborgs kommun", "2022", 301.0),
        _bra("1287", "Trelleborgs kommun", "2023", 310.5),
        _bra("12", "Skåne", "2023", 540.1),
        # the count beside the rate is not a comparison between places of different size
        replace(row("2023", 140, file="bra.xlsx"), breakdown={}),
    ]
    found = comparison(BRA, catalogue, rows, "1287")
    assert [(p.level, p.name, dict(p.values)) for p in found.places] == [
        ("egen", "Trelleborgs kommun", {2022: 301.0, 2023: 310.5}),
        ("lan", "Skåne", {2023: 540.1}),
        ("riket", "Riket", {2023: 402.3}),
    ]
    assert found.measure == "per_100k" and found.years == [2022, 2023]
    assert found.label == "Bostadsinbrott (Brås lägesbildsindikator)"
    # imported 10:00 UTC on 1 May 2023 is the same day in Sweden
    assert found.source_text == (
        "Källa: Brås indikatorer för kommuners lägesbild, hämtad 2023-05-01 (bra.xlsx); "
        "år 2022–2023."
    )


def test_a_final_value_outranks_a_preliminary_one(catalogue):
    rows = [
        _bra("1287", "Trelleborgs kommun", "2023", 299.0, status="preliminär", import_id=2),
        _bra("1287", "Trelleborgs kommun", "2023", 310.5, status="slutlig", import_id=1),
        _bra("00", "Riket", "2023", 402.3),
    ]
    assert comparison(BRA, catalogue, rows, "1287").kommun.values == {2023: 310.5}


def test_kolada_key_figure_with_the_agreements_comparison_kommuner(catalogue):
    rows = [
        _kolada("1287", "Trelleborgs kommun", "2021", 35.1),
        _kolada("1263", "Svedala kommun", "2021", 30.2),
        _kolada("1233", "Vellinge kommun", "2021", 26.1),
        _kolada("1287", "Trelleborgs kommun", "2021", 1180.2, kpi="N07403"),  # another key figure
        _kolada("1287", "Trelleborgs kommun", "2021", 33.0, kon="flickor_kvinnor"),  # a part
    ]
    every = comparison(KOLADA, catalogue, rows, "1287")
    assert [(p.code, p.values[2021]) for p in every.places] == [
        ("1287", 35.1),
        ("1263", 30.2),  # Svedala before Vellinge: by name
        ("1233", 26.1),
    ]
    assert every.measure == "per_1000" and every.source.startswith("Kolada, U07417")
    assert every.label == "Stöld (U07417)" and every.left_out == 0
    listed = comparison(KOLADA, catalogue, rows, "1287", ["1263", "0114"])
    assert [p.code for p in listed.places] == ["1287", "1263"]
    assert listed.left_out == 1 and "1 andra kommuner" in listed.left_out_text


def test_a_file_of_every_kommun_shows_none_of_them_without_a_list(catalogue):
    codes = [f"12{n:02d}" for n in range(60, 61 + MAX_UNLISTED_KOMMUNER)]
    rows = [_bra("1287", "Trelleborgs kommun", "2023", 310.5)]
    rows += [_bra(code, f"kommun {code}", "2023", 400.0) for code in codes]
    assert comparison(BRA, catalogue, rows, "1287") is None  # nothing left to set beside it
    with_riket = comparison(BRA, catalogue, [*rows, _bra("00", "Riket", "2023", 402.3)], "1287")
    assert [p.level for p in with_riket.places] == ["egen", "riket"]
    assert with_riket.left_out == MAX_UNLISTED_KOMMUNER + 1


def test_nothing_imported_or_no_kommun_value_gives_nothing(catalogue):
    assert goal_comparisons("bostadsinbrott", catalogue, lambda _: [], "1287") == []
    assert goal_comparisons("tm.fortkorning", catalogue, lambda _: [], "1287") == []
    only_others = [_bra("00", "Riket", "2023", 402.3), _bra("12", "Skåne", "2023", 540.1)]
    assert comparison(BRA, catalogue, only_others, "1287") is None
    skadegorelse = goal_comparisons(
        "skadegorelse",
        catalogue,
        lambda i: (
            [
                _kolada("1287", "T", "2021", 4.1, kpi="U07452"),
                _kolada("1263", "S", "2021", 3.0, kpi="U07452"),
            ]
            if i == "kolada"
            else []
        ),
        "1287",
    )
    assert [(c.indicator, c.source) for c in skadegorelse] == [("kolada", "Kolada, U07452")]


def test_the_agreement_refuses_an_unknown_comparison_kommun(agreement):
    document = agreement.model_dump()
    document["comparison_kommuner"] = ["1263", "9999"]
    with pytest.raises(ValidationError, match="okänd kommunkod i comparison_kommuner: 9999"):
        Agreement.model_validate(document)
    document["comparison_kommuner"] = ["1263"]
    assert Agreement.model_validate(document).comparison_kommuner == ("1263",)
