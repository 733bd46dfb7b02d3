"""The SOL result table copied to Excel: title rows, periods as columns, cell provenance."""

from __future__ import annotations

from tests.imports.files import text_file, xlsx_file


def test_wide_table_with_title_rows_is_melted(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "sol-tabell.xlsx",
        {
            "Tabell": [
                ["Anmälda brott, Trelleborg"],
                ["Källa: Brå"],
                [],
                ["Region", "Brott", "2019", "2020", "2021 prel."],
                ["Trelleborg", "Inbrottsstöld i bostad", 123, 96, ".."],
                ["Trelleborg", "Skadegörelsebrott", "1 204", 180, 150],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == "bra_sol_tabell"
    rows = context.store.observations("anmalda_brott")
    burglary_2020 = rows[
        (rows["period"] == "2020") & rows["breakdown"].str.contains("Inbrott")
    ].iloc[0]
    assert (
        burglary_2020["value"] == 96 and burglary_2020["cell"] == "D5" and burglary_2020["row"] == 5
    )
    assert rows[rows["period"] == "2021"]["status"].tolist() == ["preliminär"]
    assert 1204.0 in rows["value"].tolist()
    assert len(rows) == 5  # the '..' is missing, not stored


def test_month_columns_and_rates(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "m.xlsx",
        {
            "Blad1": [
                ["Område", "Brottstyp", "2022M01", "feb 2022", "2022 Antal per 100 000 inv"],
                ["Trelleborg", "Skadegörelsebrott", 12, 14, "395,2"],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    rows = context.store.observations("anmalda_brott")
    assert set(zip(rows["period"], rows["measure"], rows["value"], strict=True)) == {
        ("2022-01", "antal", 12.0),
        ("2022-02", "antal", 14.0),
        ("2022", "per_100k", 395.2),
    }


def test_a_text_cell_in_a_count_column_refuses_with_its_cell(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "fel.xlsx",
        {
            "Blad1": [
                ["Region", "Brott", "2019", "2020"],
                ["Trelleborg", "Skadegörelsebrott", 180, "ca 200"],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert str(result.problems[0]).startswith(
        "blad Blad1, rad 2, kolumn 2020: värdet kan inte läsas; hittade 'ca 200'"
    )


def test_wide_table_as_csv(tmp_path, ingest):
    path = text_file(
        tmp_path, "w.csv", ["Region;Brott;2019;2020", "Trelleborg;Skadegörelsebrott;180;201"]
    )
    assert ingest(path).layout == "bra_sol_tabell"
