"""The import engine: detection, atomicity, idempotency, revisions, archive, re-mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import code_list
from indicators.code_list import load_code_list
from indicators.ingest import ingest_file
from tests.contract import exported
from tests.imports.files import SOL_HEADER, sol_yearly, text_file, xlsx_file


@pytest.fixture
def store_url(database_url):
    """Every test here runs on SQLite and on PostgreSQL."""
    return database_url


def test_a_file_no_loader_recognises_is_refused_listing_what_is_accepted(tmp_path, ingest, context):
    path = text_file(tmp_path, "annat.csv", ["Namn;Telefon", "Anna;123"])
    result = ingest(path)
    assert result.outcome == "avvisad"
    message = str(result.problems[0])
    assert "känns inte igen" in message
    for kind in ("databasfil", "SOL-tabell", "uttag ur polisens system"):
        assert kind in message
    assert context.store.imports() == []


def test_an_unaccepted_file_type_is_refused(tmp_path, ingest):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert "filtypen .pdf godtas inte" in str(ingest(path).problems[0])


def test_one_bad_row_refuses_the_whole_file_and_nothing_is_stored(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Skadegörelsebrott;År;2019;180;..;",
            "Trelleborg;Skadegörelsebrott;År;2020;-4;..;",
        ],
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert context.store.imports() == []
    assert context.store.observations("anmalda_brott").empty
    assert not context.archive_dir.exists() or not any(context.archive_dir.iterdir())


def test_a_file_with_only_missing_values_is_refused(tmp_path, ingest):
    path = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;År;2019;..;..;"]
    )
    assert "inga värden" in str(ingest(path).problems[0])


def test_the_original_is_archived_under_its_sha256(tmp_path, ingest, context):
    path = sol_yearly(tmp_path, {2019: 123})
    ingest(path)
    record = context.store.imports()[0]
    assert (context.archive_dir / record["sha256"]).read_bytes() == path.read_bytes()
    assert record["file"] == "sol.csv" and record["user"] == "analytiker"
    assert record["layout"] == "bra_sol_databasfil" and record["source"] == "polisanmalda_brott"


def test_the_same_file_twice_is_unchanged(tmp_path, ingest, context):
    path = sol_yearly(tmp_path, {2019: 123})
    assert ingest(path).outcome == "importerad"
    again = ingest(path)
    assert again.outcome == "oförändrad"
    assert len(context.store.imports()) == 1
    assert len(context.store.observations("anmalda_brott")) == 1


def test_a_newer_export_is_a_revision_whose_changes_are_reported(tmp_path, ingest, context):
    first = text_file(
        tmp_path,
        "maj-prel.csv",
        [
            SOL_HEADER,
            "Trelleborg;857 - Försök till inbrottsstöld i villa/radhus;2022 prel.;Maj;4;..;",
        ],
    )
    second = text_file(
        tmp_path,
        "maj-slutlig.csv",
        [SOL_HEADER, "Trelleborg;857 - Försök till inbrottsstöld i villa/radhus;2022;Maj;5;..;"],
    )
    ingest(first)
    result = ingest(second)
    assert result.outcome == "importerad"
    assert result.changes == [
        "bostadsinbrott (0857) Trelleborgs kommun 2022-05: 4 → 5, preliminär → slutlig"
    ]
    current = context.store.observations("anmalda_brott")
    assert current[["value", "status"]].values.tolist() == [[5.0, "slutlig"]]
    everything = context.store.observations("anmalda_brott", current_only=False)
    assert sorted(everything["value"]) == [4.0, 5.0]  # the old value is kept


def test_a_preliminary_value_never_replaces_a_final_one(tmp_path, ingest, context):
    ingest(
        text_file(
            tmp_path, "slutlig.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;2022;Maj;15;..;"]
        )
    )
    result = ingest(
        text_file(
            tmp_path, "prel.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;2022 prel.;Maj;17;..;"]
        )
    )
    assert "det slutliga värdet behålls" in result.changes[0]
    current = context.store.observations("anmalda_brott")
    assert set(zip(current["value"], current["status"], strict=True)) == {
        (15.0, "slutlig"),
        (17.0, "preliminär"),
    }


def test_check_validates_without_storing(tmp_path, check_context, context):
    result = ingest_file(sol_yearly(tmp_path, {2019: 123}), check_context)
    assert result.outcome == "godkänd" and result.observations == 1
    assert context.store.imports() == []


def test_a_failing_store_leaves_no_archive_behind(tmp_path, ingest, context, monkeypatch):
    from indicators import store as store_module

    def broken_records(*_args):
        raise RuntimeError("disken är full")

    monkeypatch.setattr(store_module, "_rows", broken_records)
    result = ingest(sol_yearly(tmp_path, {2019: 123}))
    assert result.outcome == "avvisad"
    assert "oväntat fel" in str(result.problems[0]) and "disken" not in str(result.problems[0])
    monkeypatch.undo()
    assert context.store.imports() == []
    assert not context.archive_dir.exists() or not any(context.archive_dir.iterdir())


def test_a_failing_archive_stores_nothing(tmp_path, ingest, context):
    context.archive_dir.parent.mkdir(exist_ok=True)
    context.archive_dir.write_text("en fil där arkivmappen skulle vara")
    result = ingest(sol_yearly(tmp_path, {2019: 123}))
    assert result.outcome == "avvisad" and "kunde inte sparas" in str(result.problems[0])
    assert context.store.imports() == []


def test_several_sheets_of_one_workbook_are_read(tmp_path, ingest, context):
    header = ["Region", "Brott", "2019"]
    path = xlsx_file(
        tmp_path,
        "två.xlsx",
        {
            "Inbrott": [header, ["Trelleborg", "Inbrottsstöld i bostad", 95]],
            "Info": [["Om tabellen"], ["Källa: Brå"]],
            "Skadegörelse": [header, ["Trelleborg", "Skadegörelsebrott", 180]],
        },
    )
    result = ingest(path)
    assert result.observations == 2
    assert "bladet Info känns inte igen" in " ".join(result.warnings)


def test_editing_the_code_list_remaps_what_is_already_imported(
    tmp_path, ingest, context, catalogue, agreement, monkeypatch
):
    ingest(
        text_file(
            tmp_path,
            "koder.csv",
            [
                SOL_HEADER,
                "Trelleborg;1201 - Skadegörelse på motorfordon;2022;Jan;3;..;",
                "Trelleborg;1204 - Tagande av olovlig väg;2022;Jan;2;..;",
            ],
        )
    )
    target = agreement.goal("skadegorelse").targets[0]
    assert [r["breakdown"] for r in exported(context.store, target, catalogue)] == [
        {"brottskod": "1201"}
    ]
    edited = tmp_path / "kodlista"
    edited.mkdir()
    original = (Path(code_list.__file__).parent / "brottskoder.csv").read_text("utf-8")
    (edited / "brottskoder.csv").write_text(
        original.replace(
            "1204;Tagande av olovlig väg;;", "1204;Tagande av olovlig väg;skadegorelse;"
        ),
        "utf-8",
    )
    import goals.evidence as evidence

    monkeypatch.setattr(evidence, "load_code_list", lambda cat: load_code_list(cat, edited))
    codes = {r["breakdown"]["brottskod"] for r in exported(context.store, target, catalogue)}
    assert codes == {"1201", "1204"}


def test_observations_of_a_target_carry_provenance(tmp_path, ingest, context, catalogue, agreement):
    ingest(sol_yearly(tmp_path, {2019: 123, 2020: 96}, name="inbrott.csv"))
    rows = exported(context.store, agreement.goal("bostadsinbrott").targets[0], catalogue)
    assert [(r["period"], r["value"], r["row"], r["file"]) for r in rows] == [
        ("2019", 123.0, 2, "inbrott.csv"),
        ("2020", 96.0, 3, "inbrott.csv"),
    ]
    assert set(rows[0]) >= {
        "indicator",
        "period",
        "geo",
        "breakdown",
        "measure",
        "value",
        "n",
        "status",
        "source",
        "file",
        "sheet",
        "row",
        "cell",
    }
    assert rows[0]["indicator"] == "bostadsinbrott" and rows[0]["geo"] == "1287"
