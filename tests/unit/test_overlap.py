"""design.md "When sources overlap": final > preliminary, Brå > police, latest import."""

from dataclasses import replace

from indicators.kinds import Measure, PeriodType, Revision
from indicators.overlap import choose, combined_revision, indicator_totals
from indicators.stored import Observation


def _revisions(*statuses):
    return [None if s is None else Revision(s) for s in statuses]


def _candidate(value, status, origin, imported_at, period="2022"):
    return Observation(
        indicator="bostadsinbrott",
        period=period,
        period_type=PeriodType.AR if len(period) == 4 else PeriodType.MANAD,
        geo_code="1287",
        geo_name="Trelleborgs kommun",
        measure=Measure.ANTAL,
        value=value,
        revision=_revisions(status)[0],
        origin=origin,
        imported_at=imported_at,
    )


def _chosen_value(rows):
    chosen = choose(rows, lambda r: (r.geo_code, r.period))
    assert len(chosen) == 1
    return chosen[0].value


def test_final_beats_preliminary_even_when_older():
    assert (
        _chosen_value(
            [
                _candidate(98, "slutlig", "bra", "2023-04-01"),
                _candidate(101, "preliminär", "bra", "2023-05-01"),
            ]
        )
        == 98
    )


def test_bra_beats_a_police_extract():
    assert (
        _chosen_value(
            [
                _candidate(97, None, "polisen", "2023-06-01"),
                _candidate(99, "preliminär", "bra", "2023-01-01"),
            ]
        )
        == 99
    )


def test_final_from_a_police_extract_is_not_a_thing_so_bra_final_wins():
    assert (
        _chosen_value(
            [
                _candidate(97, None, "polisen", "2024-01-01"),
                _candidate(99, "slutlig", "bra", "2023-01-01"),
            ]
        )
        == 99
    )


def test_then_the_latest_import_wins():
    assert (
        _chosen_value(
            [
                _candidate(96, "slutlig", "bra", "2023-04-01"),
                _candidate(95, "slutlig", "bra", "2023-09-01"),
            ]
        )
        == 95
    )


def test_one_choice_per_period():
    rows = [
        _candidate(8, "slutlig", "bra", "t", "2022-01"),
        _candidate(9, "slutlig", "bra", "t", "2022-02"),
    ]
    assert [r.value for r in choose(rows, lambda r: r.period)] == [8, 9]


def test_a_label_total_is_not_added_to_the_codes_under_it():
    base = replace(_candidate(0.0, "slutlig", "bra", "t"), import_id=1)
    rows = [
        replace(base, breakdown={"brottstyp": "Inbrottsstöld i bostad"}, value=99.0),
        replace(base, breakdown={"brottskod": "9801"}, value=60.0),
        replace(base, breakdown={"brottskod": "0857"}, value=39.0),
        replace(base, import_id=2, breakdown={"brottskod": "9801"}, value=61.0),
    ]
    totals = indicator_totals(rows)
    assert {t.import_id: t.value for t in totals} == {1: 99.0, 2: 61.0}


def test_a_sum_is_preliminary_when_any_part_is_and_final_only_when_all_are():
    assert combined_revision(_revisions("slutlig", "preliminär")) == "preliminär"
    assert combined_revision(_revisions("slutlig", "slutlig")) == "slutlig"
    assert combined_revision(_revisions("slutlig", None)) is None
