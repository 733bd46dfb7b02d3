"""The Trelleborg 2023–2026 agreement file: design.md's ids, verbatim wording, its rules."""

from __future__ import annotations

import pytest

from goals.agreement import agreement_path, collapse_whitespace, load_agreement
from goals.rules import Bedomning, ChangeFromBaseline, Comparison, CountChangeFromBaseline

AGREEMENT_FILE = agreement_path("trelleborg-2023-2026")
AGREEMENT_TEXT = AGREEMENT_FILE.parent / "sources" / "trelleborg-2023-2026.txt"

DESIGN_IDS_2023 = {
    "brottsstatistik": [
        "brottsstatistik.misshandel",
        "brottsstatistik.olaga-hot-ofredande",
        "brottsstatistik.ovrig-stold",
        "brottsstatistik.bedragerier",
        "brottsstatistik.skadegorelse",
    ],
    "narkotika": ["narkotika.bou.ak9", "narkotika.bou.gy2", "narkotika.drogscener"],
    "unga-riskzon": ["unga-riskzon"],
    "trafik": ["trafik.fortkorning", "trafik.buskorning", "trafik.trafikregler"],
    "ordningsstorningar": ["ordningsstorningar.upplevd", "ordningsstorningar.inrapporterad"],
    "kriminella-natverk": ["kriminella-natverk"],
    "hamnen": ["hamnen"],
    "est": ["est"],
}
FOCUS_AREAS = [
    ("misshandel", "Misshandel"),
    ("olaga-hot-ofredande", "Olaga hot och ofredande"),
    ("ovrig-stold", "Övrig stöld"),
    ("bedragerier", "Bedrägerier"),
    ("skadegorelse", "Skadegörelse"),
    ("narkotika", "Narkotika"),
    ("trafik", "Trafik"),
    ("ordningsstorningar", "Ordningsstörningar"),
    ("kriminella-natverk", "Kriminella nätverk"),
    ("hamnen", "Hamnen"),
]


@pytest.fixture(scope="module")
def agreement():
    return load_agreement("trelleborg-2023-2026")


def test_the_file_validates_with_the_agreement_loader_by_id_and_by_path(agreement):
    assert load_agreement(str(AGREEMENT_FILE)) == agreement
    assert agreement.id == "trelleborg-2023-2026"
    assert agreement.period == (2023, 2026)


def test_every_goal_and_target_id_of_the_design_is_present(agreement):
    assert {g.id: [t.id for t in g.targets] for g in agreement.goals} == DESIGN_IDS_2023


def test_the_ten_focus_areas_as_listed(agreement):
    assert [(f.id, f.title) for f in agreement.focus_areas] == FOCUS_AREAS
    text = AGREEMENT_TEXT.read_text(encoding="utf-8")
    assert all(f"- {title}\n" in text for _, title in FOCUS_AREAS)


@pytest.mark.parametrize("goal_id", DESIGN_IDS_2023)
def test_wording_is_verbatim_from_the_agreement_text(agreement, goal_id):
    text = collapse_whitespace(AGREEMENT_TEXT.read_text(encoding="utf-8"))
    assert collapse_whitespace(agreement.goal(goal_id).wording) in text


def test_the_source_text_is_the_shared_one_unchanged():
    assert "Ingen etablering av kriminella nätverk." in AGREEMENT_TEXT.read_text(encoding="utf-8")


def test_ska_minska_for_crime_counts_is_against_2022(agreement):
    for target_id in DESIGN_IDS_2023["brottsstatistik"] + ["ordningsstorningar.inrapporterad"]:
        target = next(t for t in agreement.targets if t.id == target_id)
        assert target.rule == CountChangeFromBaseline(
            type="count_change_from_baseline", baseline_year=2022, direction="lower"
        )


def test_surveys_are_lower_than_2022_and_bou_2024_against_2021(agreement):
    for target_id in DESIGN_IDS_2023["trafik"] + ["ordningsstorningar.upplevd"]:
        rule = next(t for t in agreement.targets if t.id == target_id).rule
        assert rule == ChangeFromBaseline(
            type="change_from_baseline", baseline_year=2022, direction="lower"
        )
    for target_id in ("narkotika.bou.ak9", "narkotika.bou.gy2"):
        rule = next(t for t in agreement.targets if t.id == target_id).rule
        assert isinstance(rule, Comparison)
        assert (rule.intended_year, rule.baseline_year, rule.direction) == (2024, 2021, "lower")


def test_goals_no_statistic_measures_are_assessed(agreement):
    assessed = {t.id for t in agreement.targets if isinstance(t.rule, Bedomning)}
    assert assessed == {"narkotika.drogscener", "unga-riskzon", "kriminella-natverk", "hamnen"}


def test_the_crime_indicators_and_the_order_question_are_in_the_catalogue(catalogue, agreement):
    used = {t.indicator for t in agreement.targets}
    for indicator in used:
        assert catalogue.indicator(indicator).definition
    assert catalogue.indicator("tm.brak_slass").measure == "index_0_6"
    assert "Brås egen serie" in catalogue.indicator("ovrig_stold").definition
