"""The åtgärdsplan's links (issue 20, point 4): the measures template's "Problem i lägesbilden"
and "Delmål" columns name the lägesbild's crime categories and the agreements' targets; they
round-trip through the store, and an unknown name refuses the file with its cell."""

from __future__ import annotations

import dataclasses

import pytest

from goals.agreement import load_agreement
from goals.atgarder import atgard_list
from indicators.ingest import ingest_file
from kommunlagesbild.atgardsplan import link_names
from tests.imports.files import xlsx_file
from tests.imports.test_atgarder import AREA, HEADER

LINKS = ["Orsak", "Uppföljning 2023 (grön/gul/röd)", "Problem i lägesbilden", "Delmål"]
MEASURE = [AREA, "Kommun", "", "2023-01-01", None, "Pågående", None, None, None]


@pytest.fixture(scope="module")
def names(catalogue):
    agreements = [load_agreement("trelleborg-2019-2022"), load_agreement("trelleborg-2023-2026")]
    return link_names(catalogue, agreements)


@pytest.fixture
def linking(context, names):
    linked = dataclasses.replace(context, links=names)
    return lambda path: ingest_file(path, linked)


def _file(tmp_path, *rows):
    return xlsx_file(
        tmp_path,
        "atgardsplan.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                [*HEADER, *LINKS],
                *[[name, *MEASURE, *cells] for name, *cells in rows],
            ]
        },
    )


def test_links_round_trip_by_label_id_and_goal_title(tmp_path, linking, context):
    path = _file(
        tmp_path,
        # Åtgärd; Orsak, Uppföljning, Problem i lägesbilden, Delmål
        ["Belysning", "Otrygga tunnlar", "Grön", "Bilbrott; misshandel", "Bostadsinbrott"],
        [
            "Klotter",
            None,
            None,
            "skadegörelsebrott",
            "brottsstatistik.misshandel;Trafiken i trygghetsmätningen",
        ],
        ["Väktare", None, None, None, None],
    )
    result = linking(path)
    assert result.outcome == "importerad", result.lines()
    first, second, third = atgard_list(context.store).records
    assert first.plan.problems == ("lagesbild.bilbrott", "misshandel")
    # the 2019–2022 goal 'Bostadsinbrott' has one target, 'bostadsinbrott'
    assert first.plan.targets == ("bostadsinbrott",)
    # a label wins over another category's alias: the code list's, not Brå's
    assert second.plan.problems == ("skadegorelse",)
    assert second.plan.targets == (
        "brottsstatistik.misshandel",
        "trafik.fortkorning",
        "trafik.buskorning",
        "trafik.trafikregler",
    )
    assert second.plan.cause is None  # linked, so in the plan, without the other columns
    assert third.plan is None


def test_an_unknown_problem_or_target_refuses_the_file_with_its_cell(tmp_path, linking, context):
    path = _file(
        tmp_path,
        ["Belysning", None, None, "Bilbrott; Cykelstölder", "bostadsinbrott"],
        ["Väktare", None, None, None, "okant-delmal"],
    )
    result = linking(path)
    assert result.outcome == "avvisad"
    text = "\n".join(result.lines())
    assert (
        "blad Åtgärder, rad 3, kolumn Problem i lägesbilden: okänt problem i lägesbilden; "
        "hittade 'Cykelstölder', förväntade en brottskategori i lägesbilden" in text
    )
    assert "rad 4, kolumn Delmål: okänt delmål; hittade 'okant-delmal'" in text
    assert atgard_list(context.store) is None  # nothing stored


def test_links_without_a_readable_agreement_are_refused(tmp_path, ingest, context):
    result = ingest(_file(tmp_path, ["Belysning", None, None, "Bilbrott", None]))
    assert result.outcome == "avvisad"
    assert "kopplingen kan inte prövas eftersom avtalet inte kan läsas" in "\n".join(result.lines())


def test_an_old_template_still_imports_without_links(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "gammal.xlsx",
        {"Åtgärder": [["Åtgärder – Trelleborgs kommun"], HEADER, ["Belysning", *MEASURE]]},
    )
    assert ingest(path).outcome == "importerad"
    [record] = atgard_list(context.store).records
    assert record.plan is None
