"""The activity log behind the production goals."""

from __future__ import annotations

import datetime as dt
import json

from indicators.ingest import ingest_file
from indicators.sources.aktivitetslogg import parties
from tests.imports.files import xlsx_file

HEADER = ["Datum", "Aktivitet", "Parter", "Kommentar"]


def _log(tmp_path, *rows, title="Aktivitetslogg – Trelleborgs kommun"):
    return xlsx_file(tmp_path, "logg.xlsx", {"Logg": [[title], HEADER, *rows]})


def test_log_is_counted_per_day_activity_and_parties(tmp_path, ingest, context):
    path = _log(
        tmp_path,
        [dt.datetime(2022, 1, 13), "EST-möte", "Kommun, Polis", "Lägesbild: lugnt i centrum"],
        ["2022-01-20", "est-möte", "Polis, kommun", ""],
        ["2022-03-01", "Gemensam problembild", "Kommun, Polis, invånare", ""],
        ["2022-11-30", "Årsrapport", "Kommun, Polis", ""],
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    meetings = context.store.observations("aktivitet.est_mote")
    assert list(meetings["period"]) == ["2022-01-13", "2022-01-20"]
    assert {json.loads(b)["parter"] for b in meetings["breakdown"]} == {"kommun,polis"}
    assert list(context.store.observations("aktivitet.arsrapport")["period"]) == ["2022-11-30"]


def test_free_text_comments_are_never_stored(tmp_path, ingest, context):
    ingest(
        _log(tmp_path, ["2022-01-13", "EST-möte", "Kommun, Polis", "Namn Namnsson hotade personal"])
    )
    database = b"".join(p.read_bytes() for p in context.archive_dir.parent.glob("*.sqlite*"))
    assert b"Namnsson" not in database


def test_an_unknown_activity_type_refuses_and_lists_the_known_ones(tmp_path, ingest, context):
    result = ingest(_log(tmp_path, ["2022-01-13", "Fika", "Kommun", ""]))
    assert result.outcome == "avvisad"
    message = str(result.problems[0])
    assert "rad 3, kolumn Aktivitet" in message and "'Fika'" in message and "EST-möte" in message


def test_a_bad_date_is_refused(tmp_path, ingest):
    result = ingest(_log(tmp_path, ["13 januari", "EST-möte", "Kommun, Polis", ""]))
    assert "kolumn Datum" in str(result.problems[0])


def test_without_an_agreement_the_kommun_must_be_named_in_the_title(tmp_path, ingest):
    result = ingest(
        _log(tmp_path, ["2022-01-13", "EST-möte", "Kommun, Polis", ""], title="Aktivitetslogg")
    )
    assert "kommunen framgår inte" in str(result.problems[0])


def test_a_log_that_names_no_kommun_is_about_the_agreements(tmp_path, trelleborg_context):
    path = xlsx_file(
        tmp_path, "logg.xlsx", {"Logg": [HEADER, ["2022-01-13", "EST-möte", "Kommun, Polis", ""]]}
    )
    result = ingest_file(path, trelleborg_context)
    assert result.outcome == "importerad", result.lines()
    meetings = trelleborg_context.store.observations("aktivitet.est_mote")
    assert list(meetings["geo_code"]) == ["1287"]


def test_parties_compare_as_sets():
    assert parties("Polis, Kommun") == parties("kommun och polis") == "kommun,polis"


def test_a_log_with_only_its_header_is_the_normal_empty_template(tmp_path, trelleborg_context):
    # Found by fuzzing: the empty date column used to end in a TypeError. The shipped template
    # is just this, and a new säkerhetsenhet starts from it: imported, with nothing to count.
    path = xlsx_file(tmp_path, "logg.xlsx", {"Logg": [HEADER]})
    result = ingest_file(path, trelleborg_context)
    assert result.outcome == "importerad", result.lines()
    assert result.observations == 0
    assert any("bara rubrikraden" in warning for warning in result.warnings)
