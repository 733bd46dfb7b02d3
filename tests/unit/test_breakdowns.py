"""Breakdowns beside a target: only what the data has, each read like the target itself."""

from dataclasses import replace

import pytest

from goals.breakdowns import breakdowns
from indicators.code_list import load_code_list
from tests.unit.rows import bou, months, row, tm


def target(agreement, target_id):
    return next(t for t in agreement.targets if t.id == target_id)


def found(agreement, catalogue, target_id, rows, population=None):
    chosen = target(agreement, target_id)
    measure = catalogue.indicator(chosen.indicator).measure
    return {
        b.title: b
        for b in breakdowns(chosen, measure, rows, load_code_list(catalogue), population or {})
    }


def test_bou_by_sex_and_against_skane(agreement, catalogue):
    girls = replace(bou("2021", 17), breakdown={"arskurs": "ak9", "kon": "flickor"})
    boys = replace(bou("2021", 13), breakdown={"arskurs": "ak9", "kon": "pojkar"})
    skane = replace(bou("2021", 18, n=None), geo_code="12", geo_name="Skåne")
    other_grade = replace(bou("2021", 40), breakdown={"arskurs": "gy2"})
    tables = found(
        agreement, catalogue, "tobak.ak9", [bou("2021", 15), girls, boys, skane, other_grade]
    )
    assert tables["Flickor och pojkar"].series == {
        "Totalt": {2021: 15},
        "Flickor": {2021: 17},
        "Pojkar": {2021: 13},
    }
    assert tables["Jämfört med regionen"].series == {
        "Trelleborgs kommun": {2021: 15},
        "Skåne": {2021: 18},
    }


def test_survey_areas_beside_the_kommun_total(agreement, catalogue):
    area = replace(tm("2021", 2.6), geo_code="1287:Anderslöv", geo_name="Anderslöv")
    other_kommun = replace(tm("2021", 1.0), geo_code="1233", geo_name="Vellinge kommun")
    tables = found(
        agreement, catalogue, "trafik.fortkorning", [tm("2021", 2.29), area, other_kommun]
    )
    assert tables["Områden i kommunen"].series == {
        "Trelleborgs kommun": {2021: 2.29},
        "Anderslöv": {2021: 2.6},
    }


def test_crime_per_code_per_100k_and_other_sources(agreement, catalogue):
    codes = [replace(r, breakdown={"brottskod": "9801"}) for r in months(2021, [5] * 12)] + [
        replace(r, breakdown={"brottskod": "0857"}) for r in months(2021, [1] * 12)
    ]
    police = [
        replace(r, origin="polisen", import_id=2, breakdown={"brottskod": "9801"})
        for r in months(2021, [7] * 12)
    ]
    tables = found(agreement, catalogue, "bostadsinbrott", codes + police, {2021: 45_000})
    per_code = tables["Per brottskod"].series
    assert per_code["9801 Inbrottsstöld, fullbordat, i villa/radhus"] == {
        2021: 60
    }  # Brå, not Brå + police
    assert per_code["0857 Inbrottsstöld, försök, i villa/radhus"] == {2021: 12}
    rate = tables["Per 100 000 invånare"]
    assert rate.series["Per 100 000 invånare (beräknat)"][2021] == pytest.approx(72 / 45_000 * 1e5)
    assert rate.measure_of("Antal") == "antal"
    assert tables["Andra källor"].series == {
        "Brå (ofullständigt)": {2021: 72},
        "Polisens uttag (ofullständigt)": {2021: 84},
    }


def test_other_sources_mark_the_one_without_every_code(agreement, catalogue):
    bra = [row("2021", 90)]  # SOL's label holds every burglary code
    police = [
        replace(r, origin="polisen", import_id=2, breakdown={"brottskod": code})
        for code in ("9801", "0857")
        for r in [row("2021", 40)]
    ]
    table = found(agreement, catalogue, "bostadsinbrott", bra + police)["Andra källor"]
    assert table.series == {"Brå": {2021: 90}, "Polisens uttag (ofullständigt)": {2021: 80}}
    assert "Polisens uttag saknar brottskoderna 0874 och 9802 (2021)" in table.note


def test_nothing_is_invented_without_data(agreement, catalogue):
    assert found(agreement, catalogue, "bostadsinbrott", [row("2021", 90)]) == {}
