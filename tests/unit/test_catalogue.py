"""The indicator catalogue and the brottskod list behind the crime goals."""

from __future__ import annotations

import pytest

from indicators.code_list import load_code_list, normalise_code, parse_code_list
from indicators.config_files import ConfigError

HEADER = "brottskod;benämning;indikator;kommentar\n"


def test_every_indicator_a_target_names_is_in_the_catalogue(agreement, catalogue):
    ids = {indicator.id for indicator in catalogue.indicators}
    assert {target.indicator for target in agreement.targets} <= ids


def test_every_indicator_has_label_source_measure_direction_and_definition(catalogue):
    for indicator in catalogue.indicators:
        assert indicator.label and indicator.definition and indicator.unit
        assert indicator.source in catalogue.sources
        assert indicator.better in ("lower", "higher")


def test_measures_fit_the_sources(catalogue):
    measures = {i.id: i.measure for i in catalogue.indicators}
    assert measures["bostadsinbrott"] == measures["skadegorelse"] == "antal"
    assert measures["tm.fortkorning"] == "index_0_6"
    assert measures["tm.otrygg_ute_kvall"] == measures["bou.tobak"] == "andel_pct"


def test_tobacco_is_the_published_share_never_smoking_plus_snus(catalogue):
    assert "aldrig" in catalogue.indicator("bou.tobak").definition.lower()


def test_breakdown_labels(catalogue):
    assert catalogue.breakdown_label({"arskurs": "gy2"}) == "gymnasiets åk 2"
    assert catalogue.breakdown_label({}) == "totalt"


def test_default_code_list_matches_the_design(catalogue):
    codes = load_code_list(catalogue)
    assert set(codes.codes_for("bostadsinbrott")) == {"9801", "9802", "0857", "0874"}
    assert set(codes.codes_for("skadegorelse", 2022)) == {
        "1201",
        "1203",
        "1205",
        "1208",
        "1209",
        "1210",
        "1211",
        "1212",
    }
    assert codes.indicator_of("1204") is None and codes.indicator_of("1206") is None
    # The codes before 2016 and 2006 belong to the series for the years they were used.
    assert {"1202", "1207"} <= set(codes.codes_for("skadegorelse", 2005))
    assert "1202" not in codes.codes_for("skadegorelse", 2017)
    assert codes.version == catalogue.code_list.version and len(codes.sha256) == 64


def test_a_code_that_lost_its_leading_zero_still_maps(catalogue):
    assert normalise_code(" 857 ") == "0857"
    assert load_code_list(catalogue).indicator_of("874") == "bostadsinbrott"


def test_an_excel_saved_code_list_is_read_with_zeros_restored(catalogue):
    codes = parse_code_list(
        HEADER + "857;Försök till inbrottsstöld i villa/radhus;bostadsinbrott;\n",
        "brottskoder.csv",
        catalogue,
    )
    assert codes[0].code == "0857"


def test_code_list_problems_name_line_column_and_value(catalogue):
    text = HEADER + "9801;Inbrott;bostadsinbrott;\n98X1;Fel;bostadsinbrot;\n9801;Igen;;\n"
    with pytest.raises(ConfigError) as caught:
        parse_code_list(text, "brottskoder.csv", catalogue)
    messages = [str(p) for p in caught.value.problems]
    assert (
        "brottskoder.csv, rad 3, fält brottskod: förväntade fyra siffror; hittade '98X1'."
        in messages
    )
    assert any(
        "rad 3, fält indikator: okänd indikator" in m and "bostadsinbrot" in m for m in messages
    )
    assert any("rad 4" in m and "redan i listan" in m for m in messages)


def test_a_code_list_without_its_columns_is_refused(catalogue):
    with pytest.raises(ConfigError) as caught:
        parse_code_list("kod,namn\n9801,x\n", "brottskoder.csv", catalogue)
    assert "kolumnerna brottskod, benämning, indikator, kommentar saknas" in str(caught.value)
