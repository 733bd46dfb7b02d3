"""Barn och Unga (and CAN): report table per wave, long table, grades, sexes, suppression, n."""

from __future__ import annotations

import json

from tests.contract import exported
from tests.imports.files import text_file, xlsx_file

HEADER = ["Indikator", "Årskurs", "Flickor %", "Pojkar %", "Totalt %", "Skåne %", "n"]


def _shares(context, indicator):
    rows = context.store.observations(indicator)
    return {
        (r["period"], r["geo_code"], r["breakdown"]): (r["value"], r["n"])
        for r in rows.to_dict("records")
    }


def _key(**breakdown):
    return json.dumps(breakdown, ensure_ascii=False, sort_keys=True)


def test_report_table_per_wave_with_grades_sexes_and_n(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "bou.xlsx",
        {
            "2016": [
                ["Barn och Unga i Skåne 2016 – Trelleborg"],
                HEADER,
                ["Druckit alkohol senaste 12 månaderna", "Åk 9", 50, 46, 48, 47, 402],
                ["Använder tobak (röker eller snusar)", "Gymnasiet år 2", 30, 26, "28", "27", 350],
            ],
            "2021": [
                ["Barn och Unga i Skåne 2021 – Trelleborg"],
                HEADER,
                ["Druckit alkohol senaste 12 månaderna", "åk 9", 41, 38, 40, 45, 410],
                ["Använder tobak (röker eller snusar)", "Gy 2", "..", "x", 24, 26, 330],
            ],
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert result.warnings == []
    alcohol = _shares(context, "bou.alkohol")
    assert alcohol[("2021", "1287", _key(arskurs="ak9"))] == (40.0, 410.0)
    assert alcohol[("2021", "1287", _key(arskurs="ak9", kon="flickor"))][0] == 41.0
    assert alcohol[("2016", "12", _key(arskurs="ak9"))][0] == 47.0
    tobacco = _shares(context, "bou.tobak")
    assert ("2021", "1287", _key(arskurs="gy2", kon="flickor")) not in tobacco  # '..' is missing
    assert tobacco[("2021", "1287", _key(arskurs="gy2"))] == (24.0, 330.0)


def test_a_wave_outside_the_bou_years_is_warned(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "bou.xlsx",
        {
            "2020": [
                ["BoU 2020 Trelleborg"],
                HEADER,
                ["Druckit alkohol senaste 12 månaderna", "Åk 6", 5, 4, 5, 6, 420],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad"
    assert "2012, 2016, 2021 och 2024" in result.warnings[0]


def test_the_goal_uses_the_total_of_both_sexes(tmp_path, ingest, context, agreement, catalogue):

    path = xlsx_file(
        tmp_path,
        "bou.xlsx",
        {
            "2021": [
                ["BoU 2021 Trelleborg"],
                HEADER,
                ["Någon gång använt narkotika", "Åk 9", 5, 7, 6, 8, 400],
            ]
        },
    )
    ingest(path)
    rows = exported(context.store, agreement.goal("narkotika").targets[0], catalogue)
    assert [(r["value"], r["n"], r["breakdown"]) for r in rows] == [
        (6.0, 400.0, {"arskurs": "ak9"})
    ]


def test_long_table_and_can_is_kept_apart(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "bou.csv",
        [
            "Undersökning;År;Geografi;Årskurs;Kön;Indikator;Andel (%);n",
            "BoU;2016;Trelleborg;Åk 6;Totalt;Känner sig otrygg i sitt bostadsområde;9,5;430",
            "BoU;2016;Trelleborg;Åk 6;Flickor;Känner sig otrygg i sitt bostadsområde;11;215",
            "BoU;2016;Trelleborg;Åk 6;Pojkar;Känner sig otrygg i sitt bostadsområde;x;215",
            "CAN;2019;Trelleborg;Åk 9;Totalt;Någon gång använt narkotika;7;380",
        ],
    )
    result = ingest(path)
    assert result.layout == "bou_lang", result.lines()
    assert result.warnings == []  # the CAN year 2019 is not a BoU wave, and needs no warning
    unsafe = _shares(context, "bou.otrygg_bostadsomrade")
    assert unsafe == {
        ("2016", "1287", _key(arskurs="ak6")): (9.5, 430.0),
        ("2016", "1287", _key(arskurs="ak6", kon="flickor")): (11.0, 215.0),
    }
    drugs = _shares(context, "bou.narkotika")
    assert list(drugs) == [("2019", "1287", _key(arskurs="ak9", undersokning="can"))]


def test_an_unknown_grade_refuses_with_its_row(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "bou.xlsx",
        {
            "2021": [
                ["BoU 2021 Trelleborg"],
                HEADER,
                ["Någon gång använt narkotika", "Åk 7", 5, 7, 6, 8, 400],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "rad 3" in str(result.problems[0]) and "åk 6, åk 9 eller gy 2" in str(result.problems[0])
