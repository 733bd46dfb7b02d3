"""The åtgärdsplan's links in the lägesbild and the follow-up: each problem of the year's
lägesbild with the measures linked to it, a problem without one named as such, and the measures
a target's links collect."""

from __future__ import annotations

import datetime as dt

from goals.agreement import load_agreement
from goals.atgarder import AtgardList, AtgardPlan, AtgardRecord, FollowUp, atgarder_for_year
from indicators.code_list import load_code_list
from indicators.values import normalise_label
from kommunlagesbild.atgardsplan import (
    goal_measures,
    link_names,
    problem_labels,
    problem_measures,
    target_measures,
)
from kommunlagesbild.brott import Category
from kommunlagesbild.content import build_lagesbild
from kommunlagesbild.document import NO_MEASURE, lagesbild_document
from report.model import Table, walk
from tests.unit.test_kommunlagesbild import bra, reader

TODAY = dt.date(2023, 3, 1)


def record(name, problems=(), targets=(), follow_up=None):
    plan = AtgardPlan(
        follow_ups={2022: follow_up} if follow_up else {}, problems=problems, targets=targets
    )
    return AtgardRecord(name=name, status="pagaende", start=dt.date(2021, 1, 1), plan=plan)


MEASURES = AtgardList(
    (
        record(
            "Belysning i viadukter",
            ("lagesbild.bilbrott",),
            ("bostadsinbrott",),
            FollowUp("gron", "Klar"),
        ),
        record("Klotterjour", ("lagesbild.bilbrott", "skadegorelse"), (), FollowUp("rod", None)),
        record("Väktare", (), ("skadegorelse",)),
        AtgardRecord(name="Utan plan", status="pagaende"),
    ),
    "atgarder.xlsx",
    "2022-02-01T08:00:00+00:00",
)


def lagesbild(catalogue, agreement):
    rows = [
        *bra("lagesbild.bilbrott", 2022, 300, 600.0),
        *bra("lagesbild.bilbrott", 2022, 41_000, 400.0, geo="00", name="Riket"),
        *bra("lagesbild.narkotika", 2022, 90, 180.0),
    ]
    return build_lagesbild(
        agreement,
        catalogue,
        reader(*rows),
        2022,
        TODAY,
        load_code_list(catalogue),
        MEASURES,
    )


def test_each_problem_lists_its_measures_and_one_without_is_named(catalogue, agreement):
    content = lagesbild(catalogue, agreement)
    pairs = problem_measures(content.categories, content.atgarder)
    assert [(p.problem, [m.name for m in p.measures]) for p in pairs] == [
        ("Bilbrott", ["Belysning i viadukter", "Klotterjour"]),
        ("Narkotikabrott (Brås lägesbildsindikator)", []),
    ]
    [table] = [
        b
        for b in walk(lagesbild_document(content).blocks)
        if isinstance(b, Table) and b.header[0] == "Problem i lägesbilden"
    ]
    assert [[c.plain for c in row.cells] for row in table.rows] == [
        ["Bilbrott", "Belysning i viadukter (✓ Grön); Klotterjour (✗ Röd)"],
        ["Narkotikabrott (Brås lägesbildsindikator)", NO_MEASURE],
    ]


def test_a_link_to_an_indicator_answers_each_of_its_splits(catalogue, agreement):
    content = lagesbild(catalogue, agreement)
    split = Category("lagesbild.bilbrott.flickor", "Bilbrott (flickor)", "bra", 2022, ())
    [pair] = problem_measures([split], content.atgarder)
    assert [m.name for m in pair.measures] == ["Belysning i viadukter", "Klotterjour"]


def test_a_targets_measures_are_those_linked_to_it(agreement):
    overview = atgarder_for_year(agreement, MEASURES, 2022)
    assert [m.name for m in target_measures(overview, ["skadegorelse"])] == ["Väktare"]
    assert target_measures(overview, ["tobak.ak9"]) == []


def test_link_names_know_ids_labels_aliases_and_goal_titles(catalogue):
    names = link_names(catalogue, [load_agreement("trelleborg-2023-2026")])
    assert names.problems[normalise_label("Bilbrott")] == ("lagesbild.bilbrott",)
    assert names.problems["misshandel"] == ("misshandel",)
    # Brå's alias 'Bostadsinbrott' is the code list's label: the label wins
    assert names.problems["bostadsinbrott"] == ("bostadsinbrott",)
    assert names.problems[normalise_label("lagesbild.bostadsinbrott")] == (
        "lagesbild.bostadsinbrott",
    )
    assert "lagesbild.ovrig" not in problem_labels(catalogue)
    assert names.targets["brottsstatistik.misshandel"] == ("brottsstatistik.misshandel",)
    assert len(names.targets[normalise_label("Brottsstatistiken ska minska")]) > 1


def test_a_goals_measures_come_by_its_targets_or_by_the_goal(agreement):
    overview = atgarder_for_year(agreement, MEASURES, 2022)
    burglary = agreement.goal("bostadsinbrott")
    assert [m.name for m in goal_measures(overview, burglary)] == ["Belysning i viadukter"]
    by_goal = AtgardList(
        (AtgardRecord("Grannsamverkan", "pagaende", linked_goals=("bostadsinbrott",)),),
        "atgarder.xlsx",
        "2022-02-01T08:00:00+00:00",
    )
    found = goal_measures(atgarder_for_year(agreement, by_goal, 2022), burglary)
    assert [m.name for m in found] == ["Grannsamverkan"]
    assert goal_measures(overview, agreement.goal("tobak")) == []
