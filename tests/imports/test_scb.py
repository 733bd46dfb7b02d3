"""SCB population (PxWeb): region cells with codes, years as columns or a year column."""

from __future__ import annotations

from tests.imports.files import text_file, xlsx_file


def _population(context):
    rows = context.store.observations("befolkning")
    return {(r["period"], r["geo_code"]): r["value"] for r in rows.to_dict("records")}


def test_pxweb_csv_with_years_as_columns(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "befolkning.csv",
        [
            '"Folkmängden efter region och år"',
            "",
            '"region","2018","2019","2020"',
            '"1287 Trelleborg",44800,45440,".."',
            '"1263 Svedala",22100,22400,22700',
        ],
        encoding="utf-8",
    )
    result = ingest(path)
    assert result.layout == "scb_befolkning", result.lines()
    assert _population(context) == {
        ("2018", "1287"): 44800,
        ("2019", "1287"): 45440,
        ("2018", "1263"): 22100,
        ("2019", "1263"): 22400,
        ("2020", "1263"): 22700,
    }


def test_long_excel_with_a_year_column(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "bef.xlsx",
        {"Blad1": [["region", "år", "Folkmängd"], ["1287 Trelleborg", 2019, "45 440"]]},
    )
    assert ingest(path).outcome == "importerad"
    assert _population(context) == {("2019", "1287"): 45440}


def test_kommuner_outside_skane_keep_their_code_and_name(tmp_path, ingest, context):
    path = text_file(
        tmp_path, "b.csv", ['"region","2019"', '"0180 Stockholm",975551'], encoding="utf-8"
    )
    assert ingest(path).outcome == "importerad"
    row = context.store.observations("befolkning").iloc[0]
    assert (row["geo_code"], row["geo_name"], row["value"]) == ("0180", "Stockholms kommun", 975551)


def test_a_text_count_refuses_with_its_cell(tmp_path, ingest):
    path = text_file(
        tmp_path, "b.csv", ['"region","2019"', '"1287 Trelleborg","många"'], encoding="utf-8"
    )
    result = ingest(path)
    assert result.outcome == "avvisad" and "rad 2, kolumn 2019" in str(result.problems[0])


def test_a_year_header_with_an_invisible_character_is_still_a_year(tmp_path, ingest, context):
    # Found by fuzzing once headers matched past invisible characters: int() got the raw text.
    path = text_file(
        tmp_path,
        "befolkning.csv",
        ['"region","\ufeff2018","2019\u200b"', '"1287 Trelleborg","45100","45440"'],
        encoding="utf-8",
    )
    assert ingest(path).outcome == "importerad"
    assert _population(context) == {("2018", "1287"): 45100.0, ("2019", "1287"): 45440.0}
