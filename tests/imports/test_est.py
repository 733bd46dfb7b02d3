"""EST lägesbild: weekly survey on the configured scale, event log, nothing personal stored."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from indicators.config_files import ConfigError
from indicators.sources.est import est_settings
from tests.imports.files import text_file, xlsx_file

SURVEY_HEADER = [
    "Tidstämpel",
    "Vecka",
    "Rapportör/Verksamhet",
    "Område/Plats",
    "Hot och våld",
    "Skadegörelse",
    "Anlagda bränder",
    "Narkotika",
    "Kommentar",
]


def _rows(context, indicator):
    rows = context.store.observations(indicator)
    return {(r["period"], r["breakdown"]): (r["value"], r["n"]) for r in rows.to_dict("records")}


def test_weekly_survey_is_averaged_per_week_factor_and_area(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "est.xlsx",
        {
            "Svar": [
                ["EST-enkät Trelleborgs kommun"],
                SURVEY_HEADER,
                [
                    dt.datetime(2022, 2, 15, 9, 12),
                    7,
                    "Fritid",
                    "Centrum",
                    "Liten påverkan",
                    "Stor påverkan",
                    "Ingen påverkan",
                    "Viss påverkan",
                    "Anna såg något vid torget",
                ],
                [
                    dt.datetime(2022, 2, 16, 14, 0),
                    7,
                    "Skola",
                    "Centrum",
                    "Stor påverkan",
                    "Stor påverkan",
                    "Ingen påverkan",
                    "",
                    "",
                ],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    factors = _rows(context, "est.faktor")
    assert factors[("2022-W07", json.dumps({"faktor": "hot_vald", "omrade": "Centrum"}))] == (
        2.0,
        2.0,
    )
    assert factors[("2022-W07", json.dumps({"faktor": "narkotika", "omrade": "Centrum"}))] == (
        2.0,
        1.0,
    )
    database = b"".join(p.read_bytes() for p in context.archive_dir.parent.glob("*.sqlite*"))
    assert b"Anna" not in database and b"Fritid" not in database


def test_an_answer_off_the_scale_is_refused_naming_the_scale(tmp_path, ingest):
    path = xlsx_file(
        tmp_path,
        "est.xlsx",
        {
            "Svar": [
                ["EST Trelleborg"],
                SURVEY_HEADER,
                ["2022-02-15", 7, "Fritid", "Centrum", "Jättemycket", "Liten", "Ingen", "Viss", ""],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "kolumn Hot och våld" in str(result.problems[0]) and "ingen påverkan" in str(
        result.problems[0]
    )


def test_event_log_is_counted_per_week_category_area_and_severity(tmp_path, ingest, context):
    path = text_file(
        tmp_path,
        "handelser.csv",
        [
            "Händelselogg EST – Trelleborgs kommun",
            "Datum;Vecka;Plats;Område;Kategori;Beskrivning;Rapporterad av;Allvarlighet",
            "2022-02-14;7;Torget;Centrum;Skadegörelse;Krossad ruta hos Nils;Kalle K;Låg",
            "2022-02-17;7;Torget;Centrum;Skadegörelse;Klotter;Kalle K;Låg",
            "2022-02-21;8;Skolan;Anderslöv;Hot och våld;Bråk;Lisa L;Hög",
        ],
        encoding="cp1252",
    )
    result = ingest(path)
    assert result.layout == "est_handelselogg", result.lines()
    events = _rows(context, "est.handelser")
    key = json.dumps(
        {"allvarlighet": "Låg", "kategori": "Skadegörelse", "omrade": "Centrum"}, ensure_ascii=False
    )
    assert events[("2022-W07", key)][0] == 2.0
    database = b"".join(p.read_bytes() for p in context.archive_dir.parent.glob("*.sqlite*"))
    assert b"Nils" not in database and b"Kalle" not in database


def test_the_settings_file_is_validated(tmp_path):
    path = tmp_path / "est.yaml"
    path.write_text("version: '1'\nfactors: []\nscale: {ja: 1, nej: 0}\nskala: {}\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        est_settings.__wrapped__(path)
    message = str(caught.value)
    assert "factors: för få element" in message and "skala: okänt fält" in message


def test_the_shipped_settings_have_twelve_factors():
    assert len(est_settings().factors) == 12


def test_free_text_is_stored_per_week_and_area_only_when_opted_in(
    tmp_path, ingest, context, free_texts, monkeypatch
):
    import indicators.sources.est as est

    opted_in = est_settings().model_copy(update={"store_free_text": True})
    monkeypatch.setattr(est, "est_settings", lambda: opted_in)
    path = xlsx_file(
        tmp_path,
        "est.xlsx",
        {
            "Svar": [
                ["EST Trelleborgs kommun"],
                SURVEY_HEADER,
                [
                    "2022-02-15",
                    7,
                    "Fritid",
                    "Centrum",
                    "Liten",
                    "Stor",
                    "Ingen",
                    "Viss",
                    "Oro vid torget",
                ],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    texts = free_texts()
    assert [(t["period"], t["omrade"], t["text"]) for t in texts] == [
        ("2022-W07", "Centrum", "Oro vid torget")
    ]
    database = b"".join(p.read_bytes() for p in context.archive_dir.parent.glob("*.sqlite*"))
    assert b"Fritid" not in database  # the respondent's unit is still never stored


def test_free_text_is_not_stored_by_default(tmp_path, ingest, free_texts):
    path = xlsx_file(
        tmp_path,
        "est.xlsx",
        {
            "Svar": [
                ["EST Trelleborgs kommun"],
                SURVEY_HEADER,
                [
                    "2022-02-15",
                    7,
                    "Fritid",
                    "Centrum",
                    "Liten",
                    "Stor",
                    "Ingen",
                    "Viss",
                    "Oro vid torget",
                ],
            ]
        },
    )
    ingest(path)
    assert free_texts() == []


def test_an_event_log_with_only_its_header_is_refused_as_empty(tmp_path, ingest):
    # Found by fuzzing: the empty date column used to end in a TypeError.
    path = xlsx_file(
        tmp_path,
        "logg.xlsx",
        {
            "Logg": [
                ["EST-händelselogg, Trelleborgs kommun"],
                [
                    "Datum",
                    "Vecka",
                    "Plats",
                    "Område",
                    "Kategori",
                    "Beskrivning",
                    "Rapporterad av",
                    "Allvarlighet",
                ],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    assert "inga värden" in str(result.problems[0])
