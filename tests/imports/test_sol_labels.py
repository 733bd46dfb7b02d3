"""SOL's labels as SOL writes them (issue 14, point 3), and the 2023–2026 code list.

The labels come from SOL's own catalogue (shared/reference/sol, shipped verbatim as
indicators/sol_brottstyper.csv): every burglary and skadegörelse label is read into a file and
imported, and lands in the series the catalogue gives it, or is refused when SOL has it under
two parents.
"""

from __future__ import annotations

import csv
import json

import pytest

from goals.evidence import target_observations
from indicators.catalogue import load_catalogue
from indicators.code_list import load_code_list
from indicators.crime import SOL_TYPES_FILE, crime_indicator
from tests.imports.files import SOL_HEADER, text_file

# Every label under these SOL nodes, and where it goes: an indicator id, or None for refused.
EXPECTED = {
    "Inbrottsstöld i bostad m.m.": "inbrott.bostad_mm",
    "Inbrottsstöld i bostad": "bostadsinbrott",
    "Villa, radhus o.d.": "inbrott.villa",
    "Lägenhet": "inbrott.lagenhet",
    "Fullbordat inbrott": None,
    "Försök till inbrott": None,
    "I källare och på vind": None,
    "I fritidshus": "inbrott.fritidshus",
    "12 kap. Skadegörelsebrott": "skadegorelse.12kap",
    "Skadegörelse inkl. grov, åverkan (1-3 §)": "skadegorelse",
    "Genom brand": "skadegorelse.brand",
    "Bilbrand eller brand på andra motorfordon": "skadegorelse.brand_motorfordon",
    "Brand på annat än motorfordon": "skadegorelse.brand_annat",
    "På motorfordon (ej genom brand)": "skadegorelse.motorfordon",
    "Klotter": "skadegorelse.klotter",
    "Klotter mot kollektivtrafik": "skadegorelse.klotter_kollektivtrafik",
    "Övrigt klotter": "skadegorelse.klotter_ovrigt",
    "Mot stat, kommun, landsting (ej klotter)": "skadegorelse.stat_kommun",
    "Annan skadegörelse (ej klotter)": "skadegorelse.annan",
    "Tagande av olovlig väg (4 §)": "tagande_olovlig_vag",
    # Older and monthly tables (formats.md §1), not in today's catalogue:
    "Skadegörelsebrott": "skadegorelse",
    "Skadegörelsebrott (inkl. mordbrand)": "skadegorelse.inkl_mordbrand",
}
SUBTREES = ("Inbrottsstöld i bostad m.m.", "12 kap. Skadegörelsebrott")


def _reference_labels() -> set[str]:
    with SOL_TYPES_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    found = set()
    for row in rows:
        path = row["sokvag"]
        if any(f", {tree}" in path or path.endswith(tree) for tree in SUBTREES):
            inside = [tree for tree in SUBTREES if tree in path]
            if inside and path.index(inside[0]) <= len(path) - len(row["namn"]):
                found.add(row["namn"].strip())
    return found


def test_the_expected_labels_are_every_label_of_the_burglary_and_skadegorelse_trees():
    labels = _reference_labels()
    assert len(labels) >= 20 and "Fullbordat inbrott" in labels
    assert labels <= set(EXPECTED), labels - set(EXPECTED)


def _sol(tmp_path, label: str, count: int = 7, name: str = "sol.csv"):
    return text_file(tmp_path, name, [SOL_HEADER, f"Trelleborg;{label};År;2022;{count};..;"])


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_every_real_label_lands_in_its_own_series_or_is_refused(tmp_path, ingest, label):
    result = ingest(_sol(tmp_path, label))
    expected = EXPECTED[label]
    if expected is None:
        assert result.outcome == "avvisad", result.lines()
        message = str(result.problems[0])
        assert "flera brottstyper" in message and "brottskoder" in message
        return
    assert result.outcome == "importerad", result.lines()
    catalogue = load_catalogue()
    codes = load_code_list(catalogue)
    assert crime_indicator({"brottstyp": label}, codes, catalogue) == expected


def test_a_label_under_two_parents_names_both_and_what_to_export(tmp_path, ingest, stored):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;År;2022;95;..;",
            "Trelleborg;Villa, radhus o.d.;År;2022;50;..;",
            "Trelleborg;Fullbordat inbrott;År;2022;30;..;",
        ],
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    problem = result.problems[0]
    assert (problem.row, problem.column, problem.found) == (4, "Brott", "Fullbordat inbrott")
    assert "'Villa, radhus o.d.' och 'Lägenhet'" in problem.message
    assert "utan underrubriker" in problem.expected and "9801" in problem.expected
    assert stored() == []  # nothing of the file is kept


def test_a_label_with_a_trailing_space_is_the_same_series(tmp_path, ingest, catalogue):
    ingest(_sol(tmp_path, "Inbrottsstöld i bostad "))
    codes = load_code_list(catalogue)
    assert crime_indicator({"brottstyp": "Inbrottsstöld i bostad "}, codes, catalogue) == (
        "bostadsinbrott"
    )


def test_12_kap_is_kept_apart_and_never_used_as_the_goals_series(
    tmp_path, ingest, context, agreement, catalogue
):
    # "12 kap. Skadegörelsebrott" includes tagande av olovlig väg (1204), which the code list
    # behind the goal does not: it is stored, but as its own measure.
    result = ingest(_sol(tmp_path, "12 kap. Skadegörelsebrott", 150))
    assert result.outcome == "importerad"
    target = next(t for t in agreement.targets if t.id == "skadegorelse")
    assert target_observations(context.store, target, catalogue) == []
    stored = context.store.observations("anmalda_brott")
    assert json.loads(stored.iloc[0]["breakdown"]) == {"brottstyp": "12 kap. Skadegörelsebrott"}
    related = catalogue.indicator("skadegorelse.12kap").compared_to
    assert (related.indicator, related.relation) == ("skadegorelse", "vidare")


def test_the_matching_label_is_the_goals_series(tmp_path, ingest, context, agreement, catalogue):
    ingest(_sol(tmp_path, "Skadegörelse inkl. grov, åverkan (1-3 §)", 150))
    target = next(t for t in agreement.targets if t.id == "skadegorelse")
    assert [row.value for row in target_observations(context.store, target, catalogue)] == [150]


def test_parts_of_a_series_are_never_summed_into_it(
    tmp_path, ingest, context, agreement, catalogue
):
    # The whole and its parts in one file: the goal counts the whole once, never whole + parts.
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;År;2022;95;..;",
            "Trelleborg;Villa, radhus o.d.;År;2022;50;..;",
            "Trelleborg;Lägenhet;År;2022;45;..;",
        ],
    )
    assert ingest(path).outcome == "importerad"
    target = next(t for t in agreement.targets if t.id == "bostadsinbrott")
    assert [row.value for row in target_observations(context.store, target, catalogue)] == [95]


# --- the code list for 2023–2026 ---------------------------------------------------------------


@pytest.fixture(scope="module")
def codes():
    return load_code_list(load_catalogue())


@pytest.mark.parametrize(
    "indicator, current, older",
    [
        (
            "misshandel",
            ["0355", "0387", "9301", "9348", "9357", "9371", "9373", "9388"],
            ["0356", "9349"],
        ),
        (
            "olaga_hot_ofredande",
            ["0450", "0459", "9432", "9447", "0414", "9463"],
            ["0405", "0457", "0407"],
        ),
        ("ovrig_stold", ["0841", "0846", "0854", "0858", "0888", "9804", "9814", "9828"], []),
        ("bedrageri", ["0942", "0995", "0997", "0998"], ["0901", "0935"]),
        ("narkotikabrott", ["5004", "5005", "5010", "5011"], ["5006", "5012"]),
        ("allman_ordning", ["1602", "1605", "1609", "1617", "5084", "5087"], []),
    ],
)
def test_the_2023_2026_codes_map_to_their_indicators(codes, catalogue, indicator, current, older):
    mapped = set(codes.codes_for(indicator))
    assert set(current) | set(older) <= mapped
    assert catalogue.indicator(indicator).definition
    assert set(current) <= set(codes.codes_for(indicator, 2025))


def test_codes_carry_the_years_they_can_occur(codes):
    def years(code):
        found = next(c for c in codes.codes if c.code == code)
        return found.valid_from, found.valid_to

    assert years("0942") == (2019, None)  # bedrägeri's codes from 2019
    assert years("0997") == (2024, None)
    assert years("9358") == (2018, 2018)  # misshandel's even codes, 2018 only
    assert years("9349") == (None, 2018)
    assert years("0405") == (None, 2016)  # olaga hot, ended 2016 (SOL: upphörde år 2016)
    assert "0942" not in codes.codes_for("bedrageri", 2018)
    assert "0901" in codes.codes_for("bedrageri", 2018)
    assert "9358" in codes.codes_for("misshandel", 2018)
    assert "9358" not in codes.codes_for("misshandel", 2023)


def test_every_code_is_listed_once_with_sols_own_wording(codes):
    listed = [c.code for c in codes.codes]
    assert len(listed) == len(set(listed))
    villa = next(c for c in codes.codes if c.code == "0857")
    assert villa.label == "Inbrottsstöld, försök, i villa/radhus"
