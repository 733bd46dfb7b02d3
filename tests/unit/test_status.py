"""The status ladder and the roll-up order of design.md."""

import pytest

from goals.status import ROLL_UP_ORDER, Qualifier, Status, Verdict, roll_up


def test_status_ids_and_labels_are_those_of_the_design():
    assert {s.value: s.label for s in Status} == {
        "uppnatt": "Uppnått",
        "delvis_uppnatt": "Delvis uppnått",
        "ej_uppnatt": "Ej uppnått",
        "pa_vag": "På väg",
        "osakert": "Osäkert",
        "inte_pa_vag": "Inte på väg",
        "kan_inte_bedomas": "Kan inte bedömas",
    }


def test_every_status_has_its_own_icon():
    assert len({s.icon for s in Status}) == len(Status)


@pytest.mark.parametrize(
    "statuses, expected",
    [
        ([Status.UPPNATT, Status.EJ_UPPNATT], Status.EJ_UPPNATT),
        ([Status.UPPNATT, Status.PA_VAG], Status.PA_VAG),
        ([Status.UPPNATT, Status.KAN_INTE_BEDOMAS], Status.KAN_INTE_BEDOMAS),
        ([Status.PA_VAG, Status.KAN_INTE_BEDOMAS], Status.KAN_INTE_BEDOMAS),
        ([Status.KAN_INTE_BEDOMAS, Status.OSAKERT], Status.OSAKERT),
        ([Status.OSAKERT, Status.INTE_PA_VAG], Status.INTE_PA_VAG),
        ([Status.INTE_PA_VAG, Status.EJ_UPPNATT], Status.EJ_UPPNATT),
        ([Status.UPPNATT, Status.UPPNATT], Status.UPPNATT),
        # An assessment's "delvis uppnått" outranks the unknown and the good, not the bad.
        ([Status.DELVIS_UPPNATT, Status.KAN_INTE_BEDOMAS], Status.DELVIS_UPPNATT),
        ([Status.DELVIS_UPPNATT, Status.OSAKERT], Status.OSAKERT),
    ],
)
def test_a_goal_takes_the_first_status_in_the_roll_up_order(statuses, expected):
    assert roll_up(statuses) == expected


def test_roll_up_order_is_that_of_the_design():
    assert [s.value for s in ROLL_UP_ORDER] == [
        "ej_uppnatt",
        "inte_pa_vag",
        "osakert",
        "delvis_uppnatt",
        "kan_inte_bedomas",
        "pa_vag",
        "uppnatt",
    ]


def test_a_goal_without_targets_has_no_status():
    with pytest.raises(ValueError):
        roll_up([])


def test_short_verdict_without_reason_is_the_label():
    assert Verdict(Status.UPPNATT, "", "Under 100 alla år.").short == "Uppnått"


def test_qualifier_ids_are_those_of_the_design():
    assert [q.value for q in Qualifier] == ["sakerstallt", "inom_felmarginal", "avgjort"]


def test_within_chance_reads_as_chance_for_counts_and_margin_for_surveys():
    assert Qualifier.INOM_FELMARGINAL.words(counted=True) == "inom slumpvariationen"
    assert Qualifier.INOM_FELMARGINAL.words(counted=False) == "inom felmarginalen"
    assert Qualifier.AVGJORT.words(counted=True) == "avgjort"
