"""The status ladder and the roll-up order of design.md."""

import pytest

from goals.status import ROLL_UP_ORDER, Status, Verdict, goal_status, roll_up, unjudged_verdicts


def test_status_ids_and_labels_are_those_of_the_design():
    assert {s.value: s.label for s in Status} == {
        "uppnatt": "Uppnått", "ej_uppnatt": "Ej uppnått", "pa_vag": "På väg",
        "osakert": "Osäkert", "inte_pa_vag": "Inte på väg", "kan_inte_bedomas": "Kan inte bedömas",
    }


def test_every_status_has_its_own_icon():
    assert len({s.icon for s in Status}) == len(Status)


@pytest.mark.parametrize("statuses, expected", [
    ([Status.UPPNATT, Status.EJ_UPPNATT], Status.EJ_UPPNATT),
    ([Status.UPPNATT, Status.PA_VAG], Status.PA_VAG),
    ([Status.UPPNATT, Status.KAN_INTE_BEDOMAS], Status.KAN_INTE_BEDOMAS),
    ([Status.PA_VAG, Status.KAN_INTE_BEDOMAS], Status.KAN_INTE_BEDOMAS),
    ([Status.KAN_INTE_BEDOMAS, Status.OSAKERT], Status.OSAKERT),
    ([Status.OSAKERT, Status.INTE_PA_VAG], Status.INTE_PA_VAG),
    ([Status.INTE_PA_VAG, Status.EJ_UPPNATT], Status.EJ_UPPNATT),
    ([Status.UPPNATT, Status.UPPNATT], Status.UPPNATT),
])
def test_a_goal_takes_the_first_status_in_the_roll_up_order(statuses, expected):
    assert roll_up(statuses) == expected


def test_roll_up_order_is_that_of_the_design():
    assert [s.value for s in ROLL_UP_ORDER] == [
        "ej_uppnatt", "inte_pa_vag", "osakert", "kan_inte_bedomas", "pa_vag", "uppnatt"]


def test_a_goal_without_targets_has_no_status():
    with pytest.raises(ValueError):
        roll_up([])


def test_without_data_every_target_cannot_be_judged_and_says_why(agreement, catalogue):
    verdicts = unjudged_verdicts(agreement, catalogue, {})
    assert set(verdicts) == {t.id for t in agreement.targets}
    burglary = verdicts["bostadsinbrott"]
    assert burglary.status is Status.KAN_INTE_BEDOMAS
    assert burglary.short == "Kan inte bedömas – data saknas"
    assert "Polisanmälda brott" in burglary.explanation
    assert goal_status(agreement.goal("otrygghet"), verdicts) is Status.KAN_INTE_BEDOMAS


def test_short_verdict_without_reason_is_the_label():
    assert Verdict(Status.UPPNATT, "", "Under 100 alla år.").short == "Uppnått"


def test_imported_but_unjudged_targets_say_so_and_never_claim_data_is_missing(agreement, catalogue):
    rows = [{"period": "2019"}, {"period": "2020-03"}]
    verdict = unjudged_verdicts(agreement, catalogue, {"skadegorelse": rows})["skadegorelse"]
    assert verdict.status is Status.KAN_INTE_BEDOMAS
    assert verdict.short == "Kan inte bedömas – inte bedömt ännu"
    assert "2 värden från Polisanmälda brott (2019–2020-03) har lästs in" in verdict.explanation
