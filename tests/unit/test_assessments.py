"""Assessments (bedömning av säkerhetsenheten): the rule's verdicts, every version kept with
author and time, per agreement, frozen with an approved year and shown as an assessment."""

import datetime as dt

import pytest

from audit import entries
from followup import records
from followup.approval import approve_year, follow_up, withdraw_approval
from followup.assessments import evidence_options, record_assessment
from followup.commentary import InvalidInput
from followup.records import YearApproved
from goals.agreement import load_agreement
from goals.evaluate import evaluate, verdict_json
from goals.evidence import Evidence, collect_evidence
from goals.status import Qualifier, Status
from indicators.store import Store
from report.content import annual_report
from report.document import report_html
from tests.unit.rows import AFTER_THE_PERIOD

MORNING = dt.datetime(2024, 12, 2, 9, 0, tzinfo=dt.UTC)
TARGET = "kriminella-natverk"


@pytest.fixture(scope="module")
def agreement_2023():
    return load_agreement("trelleborg-2023-2026")


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'store.sqlite'}")


def record(store, agreement, status="uppnatt", year=2024, minutes=0, **kwargs):
    fields = dict(
        motivation="Inga tecken på etablering enligt polisens lägesbild.",
        links=[("est_faktor", "grupperingar"), ("delmal", "hamnen")],
        author="Anna Berg",
    )
    fields.update(kwargs)
    return record_assessment(
        store,
        agreement,
        TARGET,
        year,
        status,
        fields["motivation"],
        fields["links"],
        fields["author"],
        MORNING + dt.timedelta(minutes=minutes),
    )


def verdicts(store, agreement, catalogue, year=2024):
    evidence = collect_evidence(store, agreement, catalogue)
    return evaluate(agreement, catalogue, evidence, year, AFTER_THE_PERIOD).verdicts


def test_without_an_assessment_the_target_cannot_be_judged(agreement_2023, catalogue):
    result = evaluate(agreement_2023, catalogue, Evidence(), 2024, AFTER_THE_PERIOD).verdicts[
        TARGET
    ]
    assert result.status is Status.KAN_INTE_BEDOMAS
    assert result.short == "Kan inte bedömas – ingen bedömning gjord"
    assert result.assessment is None


def test_the_recorded_assessment_is_the_verdict_and_says_whose_it_is(
    store, agreement_2023, catalogue
):
    record(store, agreement_2023, "delvis_uppnatt")
    result = verdicts(store, agreement_2023, catalogue)[TARGET]
    assert result.status is Status.DELVIS_UPPNATT
    assert result.short == "Delvis uppnått – bedömning av säkerhetsenheten"
    assert result.qualifier is None and result.value is None and result.ci is None
    assert result.sentence.startswith("Bedömning av säkerhetsenheten för 2024: delvis uppnått.")
    assert "inte en beräkning" in result.explanation and "Anna Berg" in result.explanation
    assert "EST-faktorer: Ungdomsgrupperingar; Andra delmål: hamnen" in result.explanation
    shown = verdict_json(TARGET, result)
    assert shown["assessment"]["by"] == "bedömning av säkerhetsenheten"
    assert shown["assessment"]["evidence"] == [
        {"kind": "est_faktor", "ref": "grupperingar"},
        {"kind": "delmal", "ref": "hamnen"},
    ]
    # Other years and other targets are untouched.
    assert verdicts(store, agreement_2023, catalogue, 2023)[TARGET].status is (
        Status.KAN_INTE_BEDOMAS
    )
    assert verdicts(store, agreement_2023, catalogue)["hamnen"].status is Status.KAN_INTE_BEDOMAS


def test_every_version_is_kept_with_author_and_time(store, agreement_2023, catalogue):
    record(store, agreement_2023, "ej_uppnatt", author="Anna Berg")
    second = record(store, agreement_2023, "uppnatt", minutes=30, author="Omar Ali")
    assert second.version == 2
    rows = records.assessments(store, agreement_2023.id)
    assert [(r["status"], r["author"], r["saved_at"]) for r in rows] == [
        ("ej_uppnatt", "Anna Berg", "2024-12-02T09:00:00+00:00"),
        ("uppnatt", "Omar Ali", "2024-12-02T09:30:00+00:00"),
    ]
    evidence = collect_evidence(store, agreement_2023, catalogue)
    assert [a.author for a in evidence.assessments[TARGET][2024]] == ["Omar Ali", "Anna Berg"]
    result = verdicts(store, agreement_2023, catalogue)[TARGET]
    assert result.status is Status.UPPNATT
    assert "version 2 av 2" in result.explanation
    assert [e["action"] for e in entries(store.engine)][:2] == ["bedömning", "bedömning"]


def test_assessments_of_one_agreement_do_not_leak_into_another(store, agreement_2023, catalogue):
    record(store, agreement_2023)
    assert records.assessments(store, "trelleborg-2019-2022") == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"status": "pa_vag"}, "Välj en status"),
        ({"motivation": "  "}, "saknas"),
        ({"author": ""}, "Namnet saknas"),
        ({"links": [("est_faktor", "finns_inte")]}, "finns inte i indicators/est.yaml"),
        ({"links": [("delmal", TARGET)]}, "finns inte i avtalet"),
        ({"links": [("gissning", "x")]}, "Okänt slags underlag"),
        ({"year": 2019}, "utanför avtalets period"),
    ],
)
def test_incomplete_or_unknown_input_is_refused_and_nothing_stored(
    store, agreement_2023, change, words
):
    with pytest.raises(InvalidInput, match=words):
        record(store, agreement_2023, **change)
    assert records.assessments(store, agreement_2023.id) == []


def test_a_computed_target_cannot_be_assessed(store, agreement_2023):
    with pytest.raises(InvalidInput, match="bedöms inte av säkerhetsenheten"):
        record_assessment(
            store, agreement_2023, "trafik.fortkorning", 2024, "uppnatt", "x", [], "A", MORNING
        )


def test_an_approved_year_freezes_the_assessment(store, agreement_2023, catalogue):
    record(store, agreement_2023, "uppnatt")
    evidence = collect_evidence(store, agreement_2023, catalogue)
    live = annual_report(agreement_2023, catalogue, evidence, 2024, AFTER_THE_PERIOD)
    approve_year(store, live, "Kim Admin", MORNING + dt.timedelta(hours=1))
    with pytest.raises(YearApproved, match="bedömningen kan inte ändras"):
        record(store, agreement_2023, "ej_uppnatt", minutes=90)
    assert len(records.assessments(store, agreement_2023.id)) == 1
    # Another year stays open.
    record(store, agreement_2023, "ej_uppnatt", year=2025)
    # The approved snapshot carries the assessment as it was.
    frozen = follow_up(store, live).report
    entry = next(t for g in frozen.goals for t in g.targets if t.target.id == TARGET)
    assert entry.verdict.status is Status.UPPNATT
    assert entry.verdict.assessment["author"] == "Anna Berg"
    assert "bedömning av säkerhetsenheten" in report_html(frozen)
    withdraw_approval(store, live, "Kim Admin", MORNING + dt.timedelta(hours=2))
    assert record(store, agreement_2023, "ej_uppnatt", minutes=200).version == 2


def test_the_annual_report_names_the_assessment(store, agreement_2023, catalogue):
    record(store, agreement_2023, "delvis_uppnatt")
    evidence = collect_evidence(store, agreement_2023, catalogue)
    report = annual_report(agreement_2023, catalogue, evidence, 2024, AFTER_THE_PERIOD)
    entry = next(t for g in report.goals for t in g.targets if t.target.id == TARGET)
    assert entry.verdict.short == "Delvis uppnått – bedömning av säkerhetsenheten"
    assert entry.verdict.qualifier is not Qualifier.SAKERSTALLT


def test_evidence_options_offer_factors_and_other_targets(store, agreement_2023, catalogue):
    options = evidence_options(store, Evidence(), agreement_2023, catalogue, TARGET, 2024)
    assert ("grupperingar", "Ungdomsgrupperingar") in options["est_faktor"]
    assert all(ref != TARGET for ref, _ in options["delmal"])
    assert options["atgard"] == [] and options["aktivitet"] == []
