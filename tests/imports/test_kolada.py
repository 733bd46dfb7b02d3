"""Kolada: the API's JSON v2 and the web export to Excel."""

from __future__ import annotations

import json

from tests.imports.files import xlsx_file


def _values(context):
    rows = context.store.observations("kolada")
    return {
        (r["period"], r["geo_code"], r["breakdown"], r["measure"]): r["value"]
        for r in rows.to_dict("records")
    }


def test_api_json_with_genders(tmp_path, ingest, context):
    document = {
        "values": [
            {
                "kpi": "N07403",
                "municipality": "1287",
                "period": 2019,
                "values": [
                    {"gender": "T", "value": 1234.5, "count": 1, "status": ""},
                    {"gender": "K", "value": None, "count": 0, "status": "Missing"},
                ],
            },
            {
                "kpi": "U07452",
                "municipality": "1287",
                "period": 2020,
                "values": [{"gender": "T", "value": 4.1, "count": 1, "status": ""}],
            },
        ]
    }
    path = tmp_path / "kolada.json"
    path.write_text(json.dumps(document), "utf-8")
    result = ingest(path)
    assert result.layout == "kolada_json", result.lines()
    assert _values(context) == {
        ("2019", "1287", '{"kpi": "N07403"}', "per_100k"): 1234.5,
        ("2020", "1287", '{"kpi": "U07452"}', "per_1000"): 4.1,
    }


def test_other_json_is_refused_saying_what_is_known(tmp_path, ingest):
    path = tmp_path / "annat.json"
    path.write_text('{"rows": [1, 2]}', "utf-8")
    assert "bara Koladas API-svar" in str(ingest(path).problems[0])


def test_web_export_to_excel(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "kolada.xlsx",
        {
            "Kolada": [
                ["Kolada – jämförelse"],
                ["Kommun", "Nyckeltal", "2018", "2019"],
                ["Trelleborg", "N07403 Anmälda våldsbrott, antal/100 000 inv", "1210", "1234,5"],
                ["Svedala", "N07403 Anmälda våldsbrott, antal/100 000 inv", "..", "980"],
            ]
        },
    )
    result = ingest(path)
    assert result.layout == "kolada_excel", result.lines()
    values = _values(context)
    assert values[("2019", "1287", '{"kpi": "N07403"}', "per_100k")] == 1234.5
    assert values[("2019", "1263", '{"kpi": "N07403"}', "per_100k")] == 980.0
    assert len(values) == 3


def test_a_json_number_too_large_for_a_float_is_refused_naming_the_row(tmp_path, ingest):
    # Found by fuzzing: float() of a 400-digit JSON integer raised OverflowError.
    path = tmp_path / "kolada.json"
    path.write_text(
        '{"values": [{"kpi": "N07403", "municipality": "1287", "period": 2019, '
        '"values": [{"gender": "T", "value": 1' + "0" * 400 + "}]}]}",
        "utf-8",
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    problem = result.problems[0]
    assert (problem.row, problem.column) == (2, "value")
    assert problem.expected.startswith("ett tal")


def test_a_year_header_with_an_invisible_character_is_still_a_year(tmp_path, ingest, context):
    # A zero-width space copied along from the web: the column used to be skipped silently.
    path = xlsx_file(
        tmp_path,
        "kolada.xlsx",
        {
            "Kolada": [
                ["Kommun", "Nyckeltal", "\u200b2019", "2020\ufeff"],
                ["Trelleborg", "N07403 Anmälda våldsbrott", "1234,5", "1200"],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    assert {key[0] for key in _values(context)} == {"2019", "2020"}
