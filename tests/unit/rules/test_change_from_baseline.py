"""Change from a baseline: each survey year against the baseline year."""

from goals.status import Qualifier, Status
from tests.unit.rows import row
from tests.unit.rules.judging import described, verdict


def test_otrygghet_is_judged_each_survey_year_against_2018(agreement, catalogue):
    share = dict(measure="andel_pct", breakdown={}, origin="kommun")
    rows = [row("2018", 27, n=1213, **share), row("2021", 22, n=1107, **share)]
    result = verdict(agreement, catalogue, "otrygghet.tm", rows, 2021)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.SAKERSTALLT)
    assert result.compared_with == {"year": 2018, "value": 27}
    assert (
        verdict(agreement, catalogue, "otrygghet.tm", rows, 2020).status is Status.KAN_INTE_BEDOMAS
    )


def test_baseline_change(agreement, catalogue):
    assert "lägre än i 2018 års mätning, bedömt varje mätår 2019–2022" in described(
        agreement, catalogue, "otrygghet.tm"
    )
