"""Brå SOL databasfil: every menu, prel., echoed parents, trailing ';', Latin-1."""

from __future__ import annotations

import json

from tests.imports.files import SOL_HEADER, text_file


def test_yearly_brottstyp_menu(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;År;2019;123;270;",
            "Trelleborg;Inbrottsstöld i bostad ;År;2020;96;211;",
        ],
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == "bra_sol_databasfil"
    rows = stored()
    assert ("2019", '{"brottstyp": "Inbrottsstöld i bostad"}', "antal", 123.0, "slutlig") in rows
    assert ("2020", '{"brottstyp": "Inbrottsstöld i bostad"}', "per_100k", 211.0, "slutlig") in rows


def test_monthly_brottskod_menu_with_prel_and_lost_zero(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg kommun;9801 - Inbrottsstöld, fullbordat, i villa/radhus;2023 prel.;Maj;4;..;",
            "Trelleborg kommun;857 - Försök till inbrottsstöld i villa/radhus;2023 prel.;Maj;2;..;",
            "Trelleborg kommun;9802 - Inbrottsstöld, fullbordat, i lägenhet;2022;Dec;3;..;",
        ],
    )
    assert ingest(path).outcome == "importerad"
    rows = stored()
    assert ("2023-05", '{"brottskod": "0857"}', "antal", 2.0, "preliminär") in rows
    assert ("2022-12", '{"brottskod": "9802"}', "antal", 3.0, "slutlig") in rows


def test_quarterly_menu(tmp_path, ingest, stored):
    path = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;2021;Kvartal 3;55;..;"]
    )
    assert ingest(path).outcome == "importerad"
    assert stored()[0][:4] == ("2021-Q3", '{"brottstyp": "Skadegörelsebrott"}', "antal", 55.0)


def test_echoed_parent_rows_are_missing_not_zero(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;2023;Maj;..;..;",
            "Trelleborg;9801 - Inbrottsstöld, fullbordat, i villa/radhus;2023;Maj;4;..;",
        ],
    )
    result = ingest(path)
    assert result.observations == 1
    assert all(value != 0 for *_, value, _ in stored())


def test_other_regions_are_kept_apart(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Skadegörelsebrott;År;2020;180;..;",
            "Svedala;Skadegörelsebrott;År;2020;90;..;",
            "Hela landet;Skadegörelsebrott;År;2020;180000;..;",
        ],
    )
    assert ingest(path).outcome == "importerad"
    geos = set(context.store.observations("anmalda_brott")["geo_code"])
    assert geos == {"1287", "1263", "00"}


def test_utf8_with_bom_and_lf_also_works(tmp_path, ingest):
    path = text_file(
        tmp_path,
        "sol.txt",
        [SOL_HEADER, "Trelleborg;Skadegörelsebrott;År;2020;180;..;"],
        encoding="utf-8-sig",
        newline="\n",
    )
    assert ingest(path).outcome == "importerad"


def test_an_unknown_month_refuses_the_file_naming_row_column_and_value(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Skadegörelsebrott;2022;Maj;15;..;",
            "Trelleborg;Skadegörelsebrott;2022;Mej;17;..;",
            "Trelleborg;Skadegörelsebrott;2022;Jun;tolv;..;",
        ],
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    messages = [str(p) for p in result.problems]
    assert messages[0].startswith("rad 3, kolumn Period: värdet kan inte läsas; hittade 'Mej'")
    assert "rad 4, kolumn Antal" in messages[1] and "'tolv'" in messages[1]
    assert stored() == []


def test_brottskod_is_stored_per_code(tmp_path, ingest, context):
    path = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;1209 - Övrigt klotter;2021;Jan;7;..;"]
    )
    ingest(path)
    row = context.store.observations("anmalda_brott").iloc[0]
    assert json.loads(row["breakdown"]) == {"brottskod": "1209"}
    assert row["row"] == 2 and row["sheet"] is None


def test_nan_and_infinity_written_as_text_are_unreadable_not_numbers(tmp_path, ingest, stored):
    # Found by fuzzing: float() takes 'NaN', which then failed validation in pandera's English.
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Skadegörelsebrott;År;2019;180;NaN;",
            "Trelleborg;Skadegörelsebrott;År;2020;inf;..;",
        ],
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert [(p.row, p.column, p.found) for p in result.problems] == [
        (2, "/100 000 inv", "NaN"),
        (3, "Antal", "inf"),
    ]
    assert all(p.expected.startswith("ett") for p in result.problems)
    assert stored() == []
