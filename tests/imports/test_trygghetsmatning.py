"""Trygghetsmätning: matrix per year, sub-columns, n rows, long table, index 7 refused."""

from __future__ import annotations

from tests.imports.files import text_file, xlsx_file

HEADER = ["Tema", "Fråga", "Trelleborg tätort", "Anderslöv", "Kommun totalt"]


def _values(context, indicator):
    rows = context.store.observations(indicator)
    return {(r["period"], r["geo_code"], r["measure"]): r["value"] for r in rows.to_dict("records")}


def test_matrix_with_one_sheet_per_year(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "2018": [
                ["Trygghetsmätning – Trelleborgs kommun"],
                HEADER,
                ["Utemiljö", "Bilar som kör för fort", "2,4", "2,0", "2,21"],
                ["Totalindex", None, "2,3", "2,0", "2,21"],
            ],
            "2019": [
                ["Trygghetsmätning – Trelleborgs kommun"],
                HEADER,
                ["Utemiljö", "Bilar som kör för fort", "2,1", "..", "1,95"],
                ["Totalindex", None, "1,9", "1,7", "1,84"],
            ],
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert _values(context, "tm.totalindex")[("2019", "1287", "index_0_6")] == 1.84
    speeding = _values(context, "tm.fortkorning")
    assert speeding[("2018", "1287:Anderslöv", "index_0_6")] == 2.0
    assert ("2019", "1287:Anderslöv", "index_0_6") not in speeding  # '..' is missing, not 0


def test_the_kommun_value_is_its_own_column_never_an_average_of_areas(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "Blad1": [
                ["Trygghetsmätning 2019 – Trelleborgs kommun"],
                HEADER,
                ["Utemiljö", "Bilar som kör för fort", "3,0", "1,0", "1,95"],
            ]
        },
    )
    ingest(path)
    assert _values(context, "tm.fortkorning")[("2019", "1287", "index_0_6")] == 1.95


def test_areas_only_give_no_kommun_value(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "Blad1": [
                ["Trygghetsmätning 2019 – Trelleborgs kommun"],
                ["Tema", "Fråga", "Anderslöv", "Skegrie"],
                ["Utemiljö", "Bilar som kör för fort", "3,0", "1,0"],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    assert not any(code == "1287" for _, code, _ in _values(context, "tm.fortkorning"))


def test_area_sub_columns_give_index_and_share_and_n_rows_attach(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "Blad1": [
                ["Trygghetsmätning Trelleborg 2021"],
                ["Tema", "Fråga", "Anderslöv", None, "Kommun totalt", None],
                [None, None, "Index", "%", "Index", "%"],
                ["Konkret otrygghet", "Otrygg ute ensam sen kväll", "1,2", "18", "1,4", "21 %"],
                ["n", None, 280, None, 1150, None],
                ["Svarsfrekvens", None, "52 %", None, "55 %", None],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    rows = context.store.observations("tm.otrygg_ute_kvall")
    kommun = rows[rows["geo_code"] == "1287"].set_index("measure")
    assert kommun.loc["andel_pct", "value"] == 21.0 and kommun.loc["index_0_6", "value"] == 1.4
    assert kommun.loc["index_0_6", "n"] == 1150


def test_year_column_instead_of_sheets(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "Data": [
                ["Trelleborgs kommun"],
                ["År", "Tema", "Fråga", "Kommun totalt"],
                [2021, "Utemiljö", "Trafikregler respekteras inte", "1,81"],
                [2022, "Utemiljö", "Trafikregler respekteras inte", "1,46"],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    assert _values(context, "tm.trafikregler") == {
        ("2021", "1287", "index_0_6"): 1.81,
        ("2022", "1287", "index_0_6"): 1.46,
    }


def test_an_index_of_seven_refuses_the_file(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "2020": [
                ["Trygghetsmätning – Trelleborgs kommun"],
                HEADER,
                ["Utemiljö", "Bilar som kör för fort", "7", "1,0", "2,0"],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "förväntade ett index mellan 0 och 6" in str(result.problems[0])
    assert "rad 3" in str(result.problems[0])
    assert context.store.imports() == []


def test_a_matrix_without_kommun_says_where_to_write_it(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {"2019": [HEADER, ["Utemiljö", "Bilar som kör för fort", "2", "1", "1,5"]]},
    )
    result = ingest(path)
    assert result.outcome == "avvisad" and "kommunen framgår inte" in str(result.problems[0])


def test_questions_outside_the_catalogue_are_named_in_a_warning(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "2019": [
                ["Trygghetsmätning – Trelleborgs kommun"],
                HEADER,
                ["Utemiljö", "Nedskräpning", "2", "1", "1,5"],
                ["Utemiljö", "Bilar som kör för fort", "2", "1", "1,5"],
            ]
        },
    )
    result = ingest(path)
    assert any("Nedskräpning" in w for w in result.warnings)


def test_long_table(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "tm.csv",
        [
            "År;Kommun;Område;Tema;Fråga;Index;Andel (%);Antal svar;Svarsfrekvens",
            "2022;Trelleborg;Kommun totalt;Utemiljö;Buskörning med moped/mc;1,3;..;1150;55 %",
            "2022;Trelleborg;Smygehamn;Utemiljö;Buskörning med moped/mc;1,1;..;250;50 %",
            "2018;Trelleborg;;Konkret otrygghet;Otrygg ute ensam sen kväll;1,6;24;1100;51 %",
        ],
    )
    result = ingest(path)
    assert result.layout == "trygghetsmatning_lang", result.lines()
    assert _values(context, "tm.buskorning") == {
        ("2022", "1287", "index_0_6"): 1.3,
        ("2022", "1287:Smygehamn", "index_0_6"): 1.1,
    }
    assert _values(context, "tm.otrygg_ute_kvall")[("2018", "1287", "andel_pct")] == 24.0


def test_an_unreadable_value_under_a_merged_area_header_names_its_column_as_written(
    tmp_path, ingest
):
    # Found by fuzzing: the '%' sub-column has no header text of its own, which was a KeyError.
    # It is named as the file shows it: the merged area header over its sub-header.
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "2019": [
                ["Trygghetsmätning 2019 – Trelleborgs kommun"],
                ["Tema", "Fråga", "Anderslöv", None, "Kommun totalt", None],
                [None, None, "Index", "%", "Index", "%"],
                ["Utemiljö", "Bilar som kör för fort", "2,1", "oläsbart", "1,9", "30"],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert str(result.problems[0]).startswith(
        "blad 2019, rad 4, kolumn Anderslöv / %: värdet kan inte läsas; hittade 'oläsbart'"
    )


def test_a_matrix_row_without_a_readable_year_names_the_cell(tmp_path, ingest):
    # Found by fuzzing: with a År column, an empty or odd year escaped as a bare ValueProblem.
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "Resultat": [
                ["Trygghetsmätning – Trelleborgs kommun"],
                ["År", "Tema", "Fråga", "Anderslöv", "Kommun totalt"],
                [2019, "Utemiljö", "Bilar som kör för fort", "2,1", "1,95"],
                [None, "Utemiljö", "Buskörning med moped/mc", "1,5", "1,4"],
                ["tjugotjugo", "Utemiljö", "Trafikregler respekteras inte", "1,5", "1,4"],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert [(p.row, p.column, p.found) for p in result.problems] == [
        (4, "År", None),
        (5, "År", "tjugotjugo"),
    ]
    assert all(p.expected == "ett årtal som 2019" for p in result.problems)


def test_an_empty_row_between_the_areas_and_their_index_and_percent_row(tmp_path, ingest, context):
    # The sub-header was looked up at header row + 1: a KeyError when an empty row came between.
    path = xlsx_file(
        tmp_path,
        "tm.xlsx",
        {
            "2019": [
                ["Trygghetsmätning 2019 – Trelleborgs kommun"],
                ["Tema", "Fråga", "Anderslöv", None, "Kommun totalt", None],
                [],
                [None, None, "Index", "%", "Index", "%"],
                ["Utemiljö", "Bilar som kör för fort", "2,1", "30", "1,9", "28"],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert _values(context, "tm.fortkorning") == {
        ("2019", "1287:Anderslöv", "index_0_6"): 2.1,
        ("2019", "1287:Anderslöv", "andel_pct"): 30.0,
        ("2019", "1287", "index_0_6"): 1.9,
        ("2019", "1287", "andel_pct"): 28.0,
    }
