"""Police extracts: record-level or counted, every header synonym, dates, duplicates, privacy."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.imports.files import text_file, xlsx_file

RECORD_HEADER = [
    "Diarienummer",
    "Inskrivningsdatum",
    "Brottskod",
    "Brottsbenämning",
    "Kommun",
    "Lokalpolisområde",
    "Gata",
    "Gatunr",
    "LATITUDE",
    "LONGITUDE",
]


def _record(case, date, code, kommun="Trelleborg", street="Storgatan"):
    return [case, date, code, "Inbrott", kommun, "LPO Trelleborg", street, 12, 55.37, 13.15]


def _current(context):
    rows = context.store.observations("anmalda_brott")
    return {
        (r["period"], r["geo_code"], json.loads(r["breakdown"])["brottskod"]): r["value"]
        for r in rows.to_dict("records")
    }


def test_record_level_extract_is_aggregated_per_month_kommun_area_and_code(
    tmp_path, ingest, context
):
    path = xlsx_file(
        tmp_path,
        "uttag.xlsx",
        {
            "Uttag": [
                ["Uttag ur RAR, LPO Trelleborg"],
                RECORD_HEADER,
                _record("5000-K1-22", dt.datetime(2022, 5, 3, 14, 5), 857),
                _record("5000-K2-22", dt.datetime(2022, 5, 20, 9, 0), 857),
                _record("5000-K3-22", dt.datetime(2022, 6, 1), 9801),
                _record("5000-K4-22", dt.datetime(2022, 6, 2), 9801, kommun="Svedala"),
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == "polisuttag"
    assert _current(context) == {
        ("2022-05", "1287", "0857"): 2.0,
        ("2022-06", "1287", "9801"): 1.0,
        ("2022-06", "1263", "9801"): 1.0,
    }
    row = context.store.observations("anmalda_brott").iloc[0]
    assert json.loads(row["breakdown"]) == {
        "brottskod": "0857",
        "datumgrund": "inskrivningsdatum",
        "omrade": "LPO Trelleborg",
    }
    assert row["row"] is None or row["row"] != row["row"]  # aggregates have no single row


def test_extract_stores_no_street_case_id_time_or_coordinates(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "uttag.xlsx",
        {
            "Uttag": [
                RECORD_HEADER,
                _record(
                    "5000-K98765-22", dt.datetime(2022, 5, 3, 14, 5), 857, street="Hemliga vägen"
                ),
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad"
    data_dir = context.archive_dir.parent
    blobs = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    for secret in (b"K98765", b"Hemliga", "Hemliga vägen".encode(), b"14:05", b"55.37", b"13.15"):
        assert secret not in blobs
    assert not context.archive_dir.exists() or not any(context.archive_dir.iterdir())
    assert (
        context.store.imports()[0]["archived"] is False
        or context.store.imports()[0]["archived"] == 0
    )


def test_duplicates_by_case_id_are_counted_once(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "uttag.csv",
        [
            "Diarienummer;Inskrivningsdatum;Brottskod;Kommun",
            "5000-K1-22;2022-05-03;0857;Trelleborg",
            "5000-K1-22;2022-05-03;0857;Trelleborg",
            "5000-K2-22;2022-05-04;0857;Trelleborg",
        ],
    )
    result = ingest(path)
    assert _current(context) == {("2022-05", "1287", "0857"): 2.0}
    assert any("1 dubbletter" in w for w in result.warnings)


@pytest.mark.parametrize(
    "date_header, date_value, month",
    [
        ("Inskrdat", "2022-05-03", "2022-05"),
        ("Anmälningsdatum", "03/05/2022", "2022-05"),
        ("Registreringsdatum", "2022-05-03 13:45", "2022-05"),
        ("BROTTSDATUMTID_START", "2022-05-31 23:59:00", "2022-05"),
        ("Brottsdatum", "44684", "2022-05"),  # an Excel serial that arrived as text
        ("Inskr årmånad", "202205", "2022-05"),
    ],
)
def test_every_date_header_and_format(tmp_path, ingest, context, date_header, date_value, month):
    path = text_file(
        tmp_path, "u.csv", [f"{date_header};BROTTSKOD;Kommunkod;Antal", f"{date_value};857;1287;3"]
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert _current(context) == {(month, "1287", "0857"): 3.0}
    basis = json.loads(context.store.observations("anmalda_brott").iloc[0]["breakdown"])[
        "datumgrund"
    ]
    assert (
        basis
        == {
            "Inskrdat": "inskrivningsdatum",
            "Anmälningsdatum": "anmalningsdatum",
            "Registreringsdatum": "registreringsdatum",
            "BROTTSDATUMTID_START": "brottsdatum",
            "Brottsdatum": "brottsdatum",
            "Inskr årmånad": "inskrivningsmanad",
        }[date_header]
    )


def test_excel_serial_numbers_as_dates(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "u.xlsx",
        {
            "Blad1": [
                ["Kod", "Brottsdatum", "Kommunnamn", "antal_brott"],
                [1209, 44684, "Trelleborg", 2],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    assert _current(context) == {("2022-05", "1287", "1209"): 2.0}


def test_registration_date_is_preferred_and_named(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "u.csv",
        ["Brottsdatum;Inskrivningsdatum;Brottskod;Kommun", "2021-12-30;2022-01-04;9802;Trelleborg"],
    )
    ingest(path)
    assert _current(context) == {("2022-01", "1287", "9802"): 1.0}


def test_counted_extract_per_day_and_code_is_summed(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "u.csv",
        [
            "Inskrivningsdatum;Brottskod;Kommun;Anmälda brott",
            "2022-05-01;1201;Trelleborg;2",
            "2022-05-02;1201;Trelleborg;3",
        ],
    )
    ingest(path)
    assert _current(context) == {("2022-05", "1287", "1201"): 5.0}
    assert context.store.imports()[0]["archived"]  # counts only: the original may be archived


def test_bad_dates_and_codes_refuse_the_file_with_every_problem(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "u.csv",
        [
            "Inskrivningsdatum;Brottskod;Kommun",
            "2022-05-01;0857;Trelleborg",
            "igår;0857;Trelleborg",
            "2022-05-03;inbrott;Trelleborg",
        ],
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    messages = [str(p) for p in result.problems]
    assert any(m.startswith("rad 3, kolumn Inskrivningsdatum") and "'igår'" in m for m in messages)
    assert any(m.startswith("rad 4, kolumn Brottskod") and "fyra siffror" in m for m in messages)
    assert stored() == []


def test_an_extract_without_kommun_is_refused_saying_what_to_add(tmp_path, ingest):
    path = text_file(tmp_path, "u.csv", ["Inskrivningsdatum;Brottskod", "2022-05-01;0857"])
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "Kommun, Kommunnamn eller Kommunkod" in str(result.problems[0])


def test_dates_no_calendar_can_hold_are_refused_naming_the_cell(tmp_path, ingest, stored):
    # Found by fuzzing: year 9999, year 1 and a serial of 1e20 overflowed pandas' timestamps.
    path = xlsx_file(
        tmp_path,
        "u.xlsx",
        {
            "Uttag": [
                ["Inskrivningsdatum", "Brottskod", "Kommun"],
                [dt.datetime(2022, 5, 3), 857, "Trelleborg"],
                [dt.datetime(9999, 12, 31), 857, "Trelleborg"],
                ["0001-01-01", 857, "Trelleborg"],
                [1e20, 857, "Trelleborg"],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "Inskrivningsdatum"),
        (4, "Inskrivningsdatum"),
        (5, "Inskrivningsdatum"),
    ]
    assert stored() == []


def test_an_extract_with_only_its_header_is_refused_as_empty(tmp_path, ingest):
    # Found by fuzzing: an empty text column kept its string dtype and broke the date masks.
    path = xlsx_file(tmp_path, "u.xlsx", {"Uttag": [["Inskrivningsdatum", "Brottskod", "Kommun"]]})
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "inga värden" in str(result.problems[0])
