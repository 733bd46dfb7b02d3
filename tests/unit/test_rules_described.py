"""Each rule in plain Swedish, as the overview, goal page and `goals --json` show it."""

from goals.describe import describe_target, target_label
from indicators.numbers import format_number


def _describe(agreement, catalogue, target_id):
    target = next(t for t in agreement.targets if t.id == target_id)
    return describe_target(target, agreement, catalogue)


def test_understiga_is_explained_as_strict(agreement, catalogue):
    text = _describe(agreement, catalogue, "bostadsinbrott")
    assert text.startswith(
        "Antalet polisanmälda bostadsinbrott i Trelleborgs kommun ska vara "
        "under 100 varje kalenderår 2019–2022."
    )
    assert "exakt 100 räcker inte" in text


def test_index_threshold_uses_swedish_decimals(agreement, catalogue):
    text = _describe(agreement, catalogue, "trafik.buskorning")
    assert "högst 2,00 varje mätår 2019–2022" in text
    assert "0–6" in text


def test_bou_comparison_names_years_grade_and_fallback(agreement, catalogue):
    text = _describe(agreement, catalogue, "narkotika.gy2")
    assert "gymnasiets åk 2" in text
    assert "lägre i 2020 års mätning än i 2016 års mätning" in text
    assert "närmast följande mätning till och med 2023" in text


def test_baseline_change(agreement, catalogue):
    assert "lägre än i 2018 års mätning, bedömt varje mätår 2019–2022" in _describe(
        agreement, catalogue, "otrygghet.tm"
    )


def test_weekly_meetings_name_both_parties(agreement, catalogue):
    text = _describe(agreement, catalogue, "est")
    assert "Varje ISO-vecka 2019–2022 (52 eller 53 veckor per år)" in text
    assert "Kommun och Polis deltog" in text


def test_yearly_activity_counts_a_silent_year_as_zero(agreement, catalogue):
    text = _describe(agreement, catalogue, "arsrapport")
    assert text.startswith("Minst en årsrapport per kalenderår 2019–2022")
    assert "räknas som noll" in text


def test_every_target_has_a_description(agreement, catalogue):
    for target in agreement.targets:
        assert describe_target(target, agreement, catalogue).endswith(".")


def test_target_label(agreement, catalogue):
    tobak_ak6 = agreement.goal("tobak").targets[0]
    assert target_label(tobak_ak6, catalogue) == "Använder tobak, åk 6"


def test_swedish_number_format():
    assert format_number(1234.5, 1) == "1\u00a0234,5"
    assert format_number(2, 2) == "2,00"
    assert format_number(95) == "95"
