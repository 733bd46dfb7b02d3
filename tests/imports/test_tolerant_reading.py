"""Tolerant where real files are messy (issue 14, point 1; formats.md §0).

SOL's echoed parent rows, our own templates without a kommun, n rows under merged area headers,
files about other kommuner, and messages that name the column and the value as the file writes
them; an encrypted workbook is refused as such.
"""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from indicators.ingest import ingest_file
from tests.imports.files import SOL_HEADER, text_file, xlsx_file


def _stored(context, indicator):
    rows = context.store.observations(indicator)
    return [] if rows.empty else rows.to_dict("records")


# --- rows with no value at all ------------------------------------------------------------------


def test_sols_echoed_parent_rows_are_skipped_even_with_dots_for_a_period(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;..;..;..;..;",
            "Trelleborg;Villa, radhus o.d.;2023 prel.;Maj;..;..;",
            "Trelleborg;9801 - Inbrottsstöld, fullbordat, i villa/radhus;2023 prel.;Maj;4;..;",
            "Trelleborg;Inbrottsstöld i bostad;År;..;..;..;",
        ],
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert stored() == [("2023-05", '{"brottskod": "9801"}', "antal", 4.0, "preliminär")]


def test_a_wide_sol_table_row_without_values_is_skipped(tmp_path, ingest, stored):
    path = xlsx_file(
        tmp_path,
        "sol.xlsx",
        {
            "Tabell": [
                ["Anmälda brott, Trelleborg"],
                ["Region", "Brott", "2021", "2022"],
                ["Trelleborg", "Inbrottsstöld i bostad m.m.", "..", ".."],
                ["Trelleborg", "Inbrottsstöld i bostad", 101, 96],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    assert [row[3] for row in stored()] == [101.0, 96.0]


def test_a_survey_row_without_a_value_is_no_reason_to_refuse(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "tm.csv",
        [
            "År;Kommun;Område;Tema;Fråga;Index;Andel (%);Antal svar;Svarsfrekvens",
            "..;Trelleborg;;Utemiljö;Bilar som kör för fort;..;..;..;..",
            "2022;Trelleborg;;Utemiljö;Bilar som kör för fort;1,6;..;900;41",
        ],
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert [r["value"] for r in _stored(context, "tm.fortkorning")] == [1.6]


# --- n under merged area headers -----------------------------------------------------------------


def _matrix_with_sub_columns(tmp_path, n_column: int):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "2022"
    sheet.append(["Trygghetsmätning 2022 – Trelleborgs kommun"])
    sheet.append(["Tema", "Fråga", "Anderslöv", None, "Kommun totalt", None])
    sheet.append([None, None, "Index", "%", "Index", "%"])
    sheet.append(["Konkret otrygghet", "Otrygg ute ensam sen kväll", "2,1", "31", "1,8", "24"])
    sheet.append(["Utemiljö", "Bilar som kör för fort", "2,3", "35", "1,9", "28"])
    n_row = [None, "n", None, None, None, None]
    n_row[n_column], n_row[n_column + 2] = 298, 1210
    sheet.append(n_row)
    sheet.append([None, "Svarsfrekvens", "41 %", None, "38 %", None])
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("E2:F2")
    sheet.merge_cells(f"{'CD'[n_column - 2]}6:{'DE'[n_column - 2]}6")
    path = tmp_path / "tm.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize("n_column", [2, 3], ids=["n under Index", "n under %"])
def test_n_rows_attach_to_the_area_under_a_merged_header(tmp_path, ingest, context, n_column):
    result = ingest(_matrix_with_sub_columns(tmp_path, n_column))
    assert result.outcome == "importerad", result.lines()
    shares = {
        (r["geo_code"], r["measure"]): (r["value"], r["n"])
        for r in _stored(context, "tm.otrygg_ute_kvall")
    }
    # The share keeps its n, so it can get an interval.
    assert shares[("1287", "andel_pct")] == (24.0, 1210.0)
    assert shares[("1287:Anderslöv", "andel_pct")] == (31.0, 298.0)
    assert shares[("1287", "index_0_6")] == (1.8, 1210.0)
    rates = {r["geo_code"]: r["value"] for r in _stored(context, "tm.svarsfrekvens")}
    assert rates == {"1287:Anderslöv": 41.0, "1287": 38.0}


# --- our own templates are the agreement's kommun ------------------------------------------------


def test_a_measures_list_without_a_title_is_the_agreements_kommun(tmp_path, trelleborg_context):
    path = xlsx_file(
        tmp_path,
        "atgarder.xlsx",
        {
            "Åtgärder": [
                [
                    "Åtgärd",
                    "Fokusområde",
                    "Ansvarig part",
                    "Kopplade mål",
                    "Status",
                    "Budget 2022 (kr)",
                ],
                [
                    "Belysning",
                    "Trygghet i offentlig miljö",
                    "Kommun",
                    "otrygghet",
                    "Pågående",
                    400000,
                ],
            ]
        },
    )
    result = ingest_file(path, trelleborg_context)
    assert result.outcome == "importerad", result.lines()
    budget = _stored(trelleborg_context, "atgard.budget")
    assert [(r["geo_code"], r["value"]) for r in budget] == [("1287", 400000.0)]


def test_an_emptied_measures_list_replaces_the_earlier_one(tmp_path, trelleborg_context):
    header = ["Åtgärd", "Fokusområde", "Ansvarig part", "Kopplade mål", "Status"]
    full = xlsx_file(
        tmp_path, "a.xlsx", {"Å": [header, ["Belysning", "Miljö", "Kommun", "", "Planerad"]]}
    )
    empty = xlsx_file(tmp_path, "b.xlsx", {"Å": [header]})
    assert ingest_file(full, trelleborg_context).outcome == "importerad"
    assert len(trelleborg_context.store.current_measures()) == 1
    assert ingest_file(empty, trelleborg_context).outcome == "importerad"
    assert trelleborg_context.store.current_measures() == []


# --- other kommuner ------------------------------------------------------------------------------


def test_a_file_with_only_other_kommuner_imports_with_a_warning_naming_them(
    tmp_path, trelleborg_context
):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Svedala;Inbrottsstöld i bostad;År;2022;31;..;",
            "Svedala kommun;Inbrottsstöld i bostad;År;2021;28;..;",
        ],
    )
    result = ingest_file(path, trelleborg_context)
    assert result.outcome == "importerad", result.lines()
    assert "andra kommuner än Trelleborgs kommun: Svedala kommun" in "\n".join(result.lines())
    assert {r["geo_code"] for r in _stored(trelleborg_context, "anmalda_brott")} == {"1263"}


def test_a_survey_for_another_kommun_says_so_too(tmp_path, trelleborg_context):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "2022": [
                ["Trygghetsmätning 2022 – Svedala kommun"],
                ["Tema", "Fråga", "Kommun totalt"],
                ["Utemiljö", "Bilar som kör för fort", "1,7"],
            ]
        },
    )
    result = ingest_file(path, trelleborg_context)
    assert result.outcome == "importerad", result.lines()
    assert any("Svedala kommun" in warning for warning in result.warnings)


def test_the_agreements_own_kommun_gives_no_warning(tmp_path, trelleborg_context):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;År;2022;96;..;",
            "Svedala;Inbrottsstöld i bostad;År;2022;31;..;",
        ],
    )
    result = ingest_file(path, trelleborg_context)
    assert not any("andra kommuner" in warning for warning in result.warnings)


# --- the column and the value as the file writes them --------------------------------------------


def test_an_index_out_of_range_names_the_sub_column_and_the_value_as_written(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "2022": [
                ["Trygghetsmätning 2022 – Trelleborgs kommun"],
                ["Tema", "Fråga", "Anderslöv", None],
                [None, None, "Index", "%"],
                ["Utemiljö", "Bilar som kör för fort", 7.5, 30],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    problem = result.problems[0]
    assert (problem.row, problem.column, problem.found) == (4, "Anderslöv / Index", "7,5")
    assert "mellan 0 och 6" in problem.expected


def test_a_share_over_100_names_its_column_as_written(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "bou.xlsx",
        {
            "2021": [
                ["Barn och Unga i Skåne 2021 – Trelleborg"],
                ["Indikator", "Årskurs", "Totalt %", "n"],
                ["Druckit alkohol senaste 12 månaderna", "Åk 9", "104,5", 410],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    problem = result.problems[0]
    assert (problem.row, problem.column, problem.found) == (3, "Totalt %", "104,5")


def test_an_unreadable_number_is_quoted_as_written(tmp_path, ingest):
    path = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Inbrottsstöld i bostad;År;2022;9,5;..;"]
    )
    result = ingest(path)
    problem = result.problems[0]
    assert (problem.column, problem.found) == ("Antal", "9,5")


def test_the_same_value_twice_with_different_figures_is_refused_naming_both_rows(tmp_path, ingest):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;År;2022;96;..;",
            "Trelleborg;Inbrottsstöld i bostad;År;2022;97;..;",
        ],
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "raderna 2, 3" in str(result.problems[0]) and "'96, 97'" in str(result.problems[0])


def test_the_same_value_twice_with_the_same_figure_counts_once(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        [SOL_HEADER, *["Trelleborg;Inbrottsstöld i bostad;År;2022;96;..;"] * 2],
    )
    assert ingest(path).outcome == "importerad"
    assert len(stored()) == 1


# --- encrypted workbooks -------------------------------------------------------------------------


def test_an_encrypted_workbook_is_refused_as_password_protected(tmp_path, ingest):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = xlsx_file(
        tmp_path,
        "klar.xlsx",
        {"Blad1": [["Region", "Brott", "2022"], ["Trelleborg", "Inbrottsstöld i bostad", 96]]},
    )
    locked = tmp_path / "lost.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("hemligt", target)
    result = ingest(locked)
    assert result.outcome == "avvisad"
    message = str(result.problems[0])
    assert "lösenordsskyddad" in message and "skadad" not in message


def test_a_title_row_over_the_header_of_a_csv_is_fine(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        ["Anmälda brott;;;;;", "", SOL_HEADER, "Trelleborg;Inbrottsstöld i bostad;År;2022;96;..;"],
    )
    assert ingest(path).outcome == "importerad"
    assert json.loads(stored()[0][1]) == {"brottstyp": "Inbrottsstöld i bostad"}
