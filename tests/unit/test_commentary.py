"""Commentary on the annual follow-up: the Markdown subset, every save kept, the approved freeze."""

import datetime as dt
import io
import json
import subprocess

import openpyxl
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

import audit
from followup import records
from followup.approval import (
    approve_year,
    follow_up,
    from_snapshot,
    snapshot_json,
    withdraw_approval,
)
from followup.commentary import InvalidInput, save_comment
from followup.records import YearApproved
from goals.evidence import Evidence
from goals.status import Status
from indicators.store import NewImport, Store
from pages.components import markdown
from report.content import annual_report
from report.document import report_html, report_pdf
from report.markdown import markdown_html
from report.workbook import report_xlsx
from tests.app.pages import text
from tests.unit.rows import AFTER_THE_PERIOD, row

HOSTILE = '=HYPERLINK("http://evil.example","Klicka") <script>alert(1)</script>'
MORNING = dt.datetime(2022, 3, 14, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def store(database_url):
    """Commentary, approvals and their audit entries, on SQLite and on PostgreSQL."""
    return Store(database_url)


def report_with(agreement, catalogue, burglaries: int):
    evidence = Evidence({"bostadsinbrott": [row("2020", 104), row("2021", burglaries)]})
    return annual_report(agreement, catalogue, evidence, 2021, AFTER_THE_PERIOD)


def later(minutes: int) -> dt.datetime:
    return MORNING + dt.timedelta(minutes=minutes)


def test_the_markdown_subset_renders_and_everything_else_stays_text():
    source = (
        "**Fet** och *kursiv*\nny rad\n\n- ett\n- två\n\n# inte en rubrik\n[länk](javascript:x)"
    )
    rendered = markdown_html(source)
    assert "<strong>Fet</strong>" in rendered and "<em>kursiv</em><br>" in rendered
    assert "<ul>\n<li>ett</li>" in rendered
    assert "<h1>" not in rendered and "<a" not in rendered
    assert "# inte en rubrik" in rendered and "[länk](javascript:x)" in rendered
    assert "&lt;script&gt;" in markdown_html(HOSTILE) and "<script>" not in markdown_html(HOSTILE)


def test_the_page_renders_hostile_commentary_as_plain_text():
    elements = json.loads(to_json_plotly(markdown(HOSTILE)))
    assert text(elements) == HOSTILE
    assert [e["type"] for e in elements] == ["P"]


def test_every_save_is_kept_with_author_and_time(store, agreement, catalogue):
    report = report_with(agreement, catalogue, 88)
    save_comment(store, report, "bostadsinbrott", "Första utkastet.", "Anna Berg", MORNING)
    save_comment(store, report, "bostadsinbrott", "Andra versionen.", "Omar Ali", later(5))
    follow = follow_up(store, report)
    versions = follow.history["bostadsinbrott"]
    assert [(v.text, v.author) for v in versions] == [
        ("Andra versionen.", "Omar Ali"),
        ("Första utkastet.", "Anna Berg"),
    ]
    assert versions[1].saved_at == "2022-03-14T08:30:00+00:00"
    assert follow.report.comment("bostadsinbrott").text == "Andra versionen."
    assert follow.report.comment("skadegorelse") is None


@pytest.mark.parametrize(
    ("goal", "text_", "author", "message"),
    [
        ("bostadsinbrott", "   ", "Anna Berg", "Kommentaren saknas."),
        ("bostadsinbrott", "Text", "", "Namnet saknas."),
        ("bostadsinbrott", "x" * 10_001, "Anna Berg", "Kommentaren är längre än 10000 tecken."),
        ("finns-inte", "Text", "Anna Berg", "Målet 'finns-inte' finns inte i avtalet."),
    ],
)
def test_a_bad_comment_is_refused_in_swedish_and_nothing_is_stored(
    store, agreement, catalogue, goal, text_, author, message
):
    report = report_with(agreement, catalogue, 88)
    with pytest.raises(InvalidInput, match=message):
        save_comment(store, report, goal, text_, author, MORNING)
    assert records.comments(store, agreement.id, 2021) == []


def test_the_snapshot_round_trips_the_whole_report(agreement, catalogue):
    report = report_with(agreement, catalogue, 88)
    assert from_snapshot(snapshot_json(report)) == report


def test_a_year_approved_before_the_atgard_naming_still_reads(agreement, catalogue):
    report = report_with(agreement, catalogue, 88)
    current = json.loads(snapshot_json(report))["report"]
    renamed = {("measures" if k == "atgarder" else k): v for k, v in current.items()}
    renamed["agreement"] = {**current["agreement"], "measures": []}
    assert from_snapshot(json.dumps({"version": 1, "report": renamed})) == report


def test_an_approved_year_is_frozen_against_comments_and_later_imports(store, agreement, catalogue):
    before = report_with(agreement, catalogue, 88)
    save_comment(store, before, "bostadsinbrott", "Under målet.", "Anna Berg", MORNING)
    approve_year(store, before, "Karin Ek", later(60))

    with pytest.raises(YearApproved):
        save_comment(store, before, "bostadsinbrott", "Ändrad i efterhand.", "Omar Ali", later(61))
    assert len(records.comments(store, agreement.id, 2021)) == 1

    store.add_import(
        NewImport(
            "f" * 64,
            "ny-export.xlsx",
            10,
            later(120).isoformat(),
            "omar",
            "bra",
            "sol",
            "bra",
            False,
        ),
        pd.DataFrame(),
        lambda _id: None,
    )
    follow = follow_up(store, report_with(agreement, catalogue, 103))
    shown = next(
        t for e in follow.report.goals for t in e.targets if t.target.id == "bostadsinbrott"
    )
    assert shown.verdict.status is Status.UPPNATT and shown.verdict.value == 88
    assert follow.report.approval.by == "Karin Ek"
    assert follow.report.made_on == dt.date(2022, 3, 14)
    assert follow.report.comment("bostadsinbrott").text == "Under målet."
    assert follow.imports_since_approval == 1
    assert follow.changed_since_approval == ["Bostadsinbrott: Uppnått (88) → Ej uppnått (103)"]


def test_an_approval_without_a_name_is_refused(store, agreement, catalogue):
    with pytest.raises(InvalidInput, match="Namnet saknas."):
        approve_year(store, report_with(agreement, catalogue, 88), " ", MORNING)
    assert records.approval(store, agreement.id, 2021) is None


def test_a_withdrawn_approval_unlocks_the_year_and_shows_todays_figures(
    store, agreement, catalogue
):
    approve_year(store, report_with(agreement, catalogue, 88), "Karin Ek", MORNING)
    withdraw_approval(store, report_with(agreement, catalogue, 88), "Karin Ek", later(10))
    today = report_with(agreement, catalogue, 103)
    save_comment(store, today, "bostadsinbrott", "Nya siffror.", "Omar Ali", later(20))
    follow = follow_up(store, today)
    assert follow.report.approval is None and follow.changed_since_approval == []
    assert follow.report.goals == today.goals
    # Each change wrote its entry in the audit log, in its own transaction.
    assert [(e["user"], e["action"]) for e in reversed(audit.entries(store.engine))] == [
        ("Karin Ek", "fastställande"),
        ("Karin Ek", "hävt fastställande"),
        ("Omar Ali", "kommentar"),
    ]


def test_hostile_commentary_is_harmless_in_html_pdf_and_excel(
    store, agreement, catalogue, tmp_path
):
    report = report_with(agreement, catalogue, 88)
    save_comment(store, report, "bostadsinbrott", HOSTILE, "<b>Anna</b>", MORNING)
    shown = follow_up(store, report).report

    document = report_html(shown)
    assert "<script>" not in document and "<b>Anna</b>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report_pdf(shown))
    words = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert " ".join(HOSTILE.split()) in words

    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(shown)))["Bostadsinbrott"]
    cell = next(c for r in sheet.iter_rows() for c in r if c.value == HOSTILE)
    assert cell.data_type == "s"
