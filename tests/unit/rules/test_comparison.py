"""Comparison between two waves: BoU 2020 against 2016, with the later-wave fallback."""

from goals.status import Qualifier, Status
from tests.unit.rows import bou, months, row
from tests.unit.rules.judging import described, verdict


def test_a_bou_goal_is_judged_on_the_2021_wave_against_2016(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2021", 15, 300)]
    result = verdict(agreement, catalogue, "tobak.ak9", rows, 2020)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.INOM_FELMARGINAL)
    assert result.judged_year == 2021
    assert result.compared_with == {"year": 2016, "value": 20}
    assert result.period is None
    assert "p = 0,11" in result.sentence
    assert (
        "Någon mätning 2020 finns inte; närmast följande mätning, 2021, används." in result.sentence
    )


def test_a_bou_goal_before_its_year_waits_for_the_2020_wave(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2021", 15, 300)]
    result = verdict(agreement, catalogue, "tobak.ak9", rows, 2019)
    assert (result.status, result.reason) == (
        Status.KAN_INTE_BEDOMAS,
        "bedöms med 2020 års mätning",
    )


def test_a_bou_wave_after_the_period_plus_one_is_not_used(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2024", 15, 300)]
    assert verdict(agreement, catalogue, "tobak.ak9", rows, 2022).status is Status.KAN_INTE_BEDOMAS


def test_an_equal_share_is_not_lower(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2020", 20, 300)]
    assert verdict(agreement, catalogue, "tobak.ak9", rows, 2020).status is Status.EJ_UPPNATT


def test_a_share_without_n_has_no_qualifier(agreement, catalogue):
    result = verdict(agreement, catalogue, "tobak.ak9", [bou("2016", 20), bou("2020", 15)], 2020)
    assert (result.status, result.qualifier, result.ci) == (Status.UPPNATT, None, None)
    assert "Antalet svarande saknas" in result.explanation


def test_a_count_read_as_a_comparison_keeps_only_complete_years():
    from goals.series import count_measurements

    found = count_measurements([row("2020", 96), *months(2021, [8] * 6)])
    assert list(found) == [2020] and found[2020].value == 96 and found[2020].n is None


def test_bou_comparison_names_years_grade_and_fallback(agreement, catalogue):
    text = described(agreement, catalogue, "narkotika.gy2")
    assert "gymnasiets åk 2" in text
    assert "lägre i 2020 års mätning än i 2016 års mätning" in text
    assert "närmast följande mätning till och med 2023" in text
