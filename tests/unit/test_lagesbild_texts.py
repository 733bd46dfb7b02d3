"""The lägesbild's own texts and its approval, on SQLite and PostgreSQL: every save kept with
author and time, the analysts' analysis replacing the draft in the document, and the approved
version frozen against later texts and imports until it is withdrawn for a new version."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import audit
from followup import records
from followup.commentary import InvalidInput
from followup.records import YearApproved, YearNotApproved
from indicators.store import NewImport, Store
from kommunlagesbild.approval import (
    approve_lagesbild,
    from_snapshot,
    shown_lagesbild,
    snapshot_json,
    withdraw_lagesbild_approval,
)
from kommunlagesbild.content import SectionText
from kommunlagesbild.document import lagesbild_document, lagesbild_html
from kommunlagesbild.texts import save_text, text_history, with_texts
from report.model import BulletList, Markdown, walk
from tests.unit.test_kommunlagesbild import bra, example, ntu

MORNING = dt.datetime(2023, 3, 14, 8, 30, tzinfo=dt.UTC)  # 09:30 in Sweden


@pytest.fixture
def store(database_url):
    return Store(database_url)


def drafted(catalogue, agreement, cars: int = 300):
    return example(
        catalogue,
        agreement,
        rows=[
            *bra("lagesbild.bilbrott", 2022, cars, cars * 2.0),
            *bra("lagesbild.bilbrott", 2022, 41_000, 400.0, geo="00", name="Riket"),
            *ntu(2022, 21, 17, 25),
        ],
    )


def later(minutes: int) -> dt.datetime:
    return MORNING + dt.timedelta(minutes=minutes)


def a_later_import(store: Store) -> None:
    new = NewImport("e" * 64, "ny.xlsx", 1, later(90).isoformat(), "omar", "bra", "x", "bra", False)
    store.add_import(new, pd.DataFrame(), lambda _id: None)


def test_every_save_is_kept_newest_first_per_section(store, catalogue, agreement):
    content = drafted(catalogue, agreement)
    save_text(store, content, "medborgardialog", "Första.", "Anna Berg", MORNING)
    save_text(store, content, "medborgardialog", "Andra.", "Omar Ali", later(5))
    save_text(store, content, "skolans_kartlaggning", "Skolan.", "Anna Berg", later(6))
    history = text_history(store, agreement.id, 2022)
    assert [(v.text, v.author) for v in history["medborgardialog"]] == [
        ("Andra.", "Omar Ali"),
        ("Första.", "Anna Berg"),
    ]
    assert history["medborgardialog"][1].saved_at == "2023-03-14T08:30:00+00:00"
    shown = with_texts(content, history)
    assert [t.section for t in shown.texts] == ["medborgardialog", "skolans_kartlaggning"]
    assert shown.text("medborgardialog").text == "Andra." and shown.text("analys") is None
    # another year and another agreement keep theirs apart
    assert text_history(store, agreement.id, 2021) == {}
    assert text_history(store, "trelleborg-2023-2026", 2022) == {}


@pytest.mark.parametrize(
    ("section", "words", "author", "message"),
    [
        ("medborgardialog", "  ", "Anna Berg", "Texten saknas."),
        ("medborgardialog", "Text", "", "Namnet saknas."),
        ("medborgardialog", "x" * 10_001, "Anna Berg", "Texten är längre än 10000 tecken."),
        ("orsaker", "Text", "Anna Berg", "Avsnittet 'orsaker' finns inte i lägesbilden."),
    ],
)
def test_a_bad_text_is_refused_in_swedish_and_nothing_is_stored(
    store, catalogue, agreement, section, words, author, message
):
    with pytest.raises(InvalidInput, match=message):
        save_text(store, drafted(catalogue, agreement), section, words, author, MORNING)
    assert records.lagesbild_texts(store, agreement.id, 2022) == []


def test_the_analysts_analysis_replaces_the_draft_and_their_sections_are_in_the_document(
    catalogue, agreement
):
    content = drafted(catalogue, agreement)
    draft = lagesbild_document(content)
    assert any(isinstance(b, BulletList) for b in walk(draft.blocks))
    assert "Ingen text om medborgardialogen är skriven." in lagesbild_html(content)
    save = [
        ("analys", "Bilbrotten **sticker ut**."),
        ("medborgardialog", "Trygghetsvandring i Anderslöv."),
        ("skolans_kartlaggning", "Otrygghet vid stationen."),
    ]
    written = with_texts(
        content,
        {s: [SectionText(s, t, "Anna Berg", "2023-03-14T08:30:00+00:00")] for s, t in save},
    )
    document = lagesbild_document(written)
    assert [b.text for b in walk(document.blocks) if isinstance(b, Markdown)] == [
        "Trygghetsvandring i Anderslöv.",
        "Otrygghet vid stationen.",
        "Bilbrotten **sticker ut**.",
    ]
    html = lagesbild_html(written)
    assert "<strong>sticker ut</strong>" in html and "Anna Berg, 14 mars 2023 kl. 09:30" in html
    assert not any(s in html for s in content.analysis)  # the draft is replaced
    assert "Utkast till lägesbild" in html and "Fastställd" not in html


def test_the_snapshot_round_trips_the_whole_lagesbild(store, catalogue, agreement):
    content = drafted(catalogue, agreement)
    save_text(store, content, "analys", "Egen analys.", "Anna Berg", MORNING)
    approved = approve_lagesbild(store, content, "Karin Ek", later(60))
    assert from_snapshot(snapshot_json(approved)) == approved
    assert approved.text("analys").text == "Egen analys."


def test_an_approved_lagesbild_is_frozen_against_texts_and_later_imports(
    store, catalogue, agreement
):
    before = drafted(catalogue, agreement, cars=300)
    save_text(store, before, "medborgardialog", "Dialog.", "Anna Berg", MORNING)
    approve_lagesbild(store, before, "Karin Ek", later(60))

    with pytest.raises(YearApproved, match="Lägesbilden 2022 är fastställd; texterna"):
        save_text(store, before, "medborgardialog", "I efterhand.", "Omar Ali", later(61))
    with pytest.raises(YearApproved, match="redan fastställd"):
        approve_lagesbild(store, before, "Karin Ek", later(62))
    assert len(records.lagesbild_texts(store, agreement.id, 2022)) == 1
    a_later_import(store)

    today = drafted(catalogue, agreement, cars=500)
    shown = shown_lagesbild(store, agreement, 2022, lambda: today)
    assert shown.content.categories == before.categories != today.categories
    assert shown.content.approval.by == "Karin Ek"
    assert shown.content.made_on == dt.date(2023, 3, 14)
    assert shown.content.text("medborgardialog").text == "Dialog."
    assert shown.imports_since_approval == 1
    assert "Fastställd 2023-03-14 av Karin Ek." in lagesbild_html(shown.content)
    # the annual follow-up of the same year is not approved by the lägesbild's approval
    assert records.approval(store, agreement.id, 2022) is None


def test_a_withdrawn_approval_gives_a_new_version_with_todays_figures(store, catalogue, agreement):
    with pytest.raises(YearNotApproved, match="Lägesbilden 2022 är inte fastställd."):
        withdraw_lagesbild_approval(store, agreement.id, 2022, "Karin Ek", MORNING)
    approve_lagesbild(store, drafted(catalogue, agreement, 300), "Karin Ek", MORNING)
    withdraw_lagesbild_approval(store, agreement.id, 2022, "Karin Ek", later(10))
    today = drafted(catalogue, agreement, cars=500)
    save_text(store, today, "analys", "Ny version.", "Omar Ali", later(20))
    shown = shown_lagesbild(store, agreement, 2022, lambda: today)
    assert shown.content.approval is None and shown.content.categories == today.categories
    assert shown.content.text("analys").text == "Ny version."
    approve_lagesbild(store, shown.content, "Karin Ek", later(30))
    assert [(e["user"], e["action"]) for e in reversed(audit.entries(store.engine))] == [
        ("Karin Ek", "fastställande av lägesbild"),
        ("Karin Ek", "hävt fastställande av lägesbild"),
        ("Omar Ali", "lägesbildstext"),
        ("Karin Ek", "fastställande av lägesbild"),
    ]
