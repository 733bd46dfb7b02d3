"""Several agreements in one instance: found in goals/agreements/ and <data dir>/avtal/, each by
its unique id; bad and duplicate files named; the LPO view's rows and year."""

from __future__ import annotations

import pytest

from goals.agreement import UnknownAgreement, earlier_agreements, find_agreements
from goals.evaluate import evaluate
from goals.evidence import Evidence
from goals.lpo import chosen_year, lpo_rows
from goals.status import Status
from indicators.config_files import ConfigError
from tests.agreements import (
    FICTITIOUS_ID,
    LATER_ID,
    SHIPPED,
    avtal_dir,
    copy_for_kommun,
    later_agreement,
)

DEFAULT = "trelleborg-2019-2022"


def test_shipped_agreements_and_the_data_dirs_are_found_the_default_first(tmp_path):
    copy_for_kommun(tmp_path)
    later_agreement(tmp_path)
    found = find_agreements(tmp_path, DEFAULT)
    assert found.ids[0] == DEFAULT
    assert {FICTITIOUS_ID, LATER_ID} <= set(found.ids)
    assert found.default == DEFAULT
    fictitious = found.load(FICTITIOUS_ID)
    assert (fictitious.kommun.code, fictitious.kommun.name) == ("9999", "Fiktiva kommunen")
    assert {t.geography.code for t in fictitious.targets} == {"9999"}
    assert found.load().id == DEFAULT


def test_without_a_data_dir_folder_only_the_shipped_agreements_exist(tmp_path):
    assert DEFAULT in find_agreements(tmp_path / "saknas", DEFAULT).ids


def test_an_id_that_is_already_taken_is_refused_naming_both_files(tmp_path):
    copy = copy_for_kommun(tmp_path, agreement_id=DEFAULT)
    found = find_agreements(tmp_path, DEFAULT)
    assert found.files[DEFAULT] == SHIPPED  # the data dir's copy never takes over
    with pytest.raises(ConfigError) as caught:
        found.check()
    message = str(caught.value)
    assert str(copy) in message
    assert "goals/agreements/trelleborg-2019-2022.yaml" in message
    assert "avtalets id finns redan" in message


def test_a_bad_file_in_the_data_dir_is_named_with_line_and_field(tmp_path):
    path = avtal_dir(tmp_path) / "trasigt-avtal.yaml"
    path.write_text(copy_for_kommun(tmp_path).read_text("utf-8").replace("title:", "titel:", 1))
    (tmp_path / "avtal" / f"{FICTITIOUS_ID}.yaml").unlink()
    found = find_agreements(tmp_path, DEFAULT)
    with pytest.raises(ConfigError) as caught:
        found.load_all()
    message = str(caught.value)
    assert str(path) in message
    assert "titel" in message
    assert found.load(DEFAULT).id == DEFAULT  # the others still load one by one


def test_a_file_whose_targets_measure_another_kommun_is_refused(tmp_path):
    path = copy_for_kommun(tmp_path)
    path.write_text(path.read_text("utf-8").replace('code: "9999"\n', 'code: "1263"\n', 1))
    with pytest.raises(ConfigError) as caught:
        find_agreements(tmp_path, DEFAULT).load(FICTITIOUS_ID)
    assert "delmål mäts i en annan kommun än avtalets (1263)" in str(caught.value)


def test_an_unknown_id_is_said_in_swedish_without_file_paths(tmp_path):
    copy_for_kommun(tmp_path)
    with pytest.raises(UnknownAgreement) as caught:
        find_agreements(tmp_path, DEFAULT).load("stockholm-2030")
    message = str(caught.value)
    assert "avtalet finns inte (”stockholm-2030”)" in message
    assert FICTITIOUS_ID in message and "/" not in message


def test_an_unknown_default_is_refused_when_loaded(tmp_path):
    with pytest.raises(UnknownAgreement):
        find_agreements(tmp_path, "finns-inte").load()


def test_a_later_agreement_of_the_same_kommun_follows_the_earlier_one(tmp_path):
    copy_for_kommun(tmp_path)
    later_agreement(tmp_path)
    every = find_agreements(tmp_path, DEFAULT).load_all()
    by_id = {a.id: a for a in every}
    assert [a.id for a in earlier_agreements(by_id[LATER_ID], every)] == [DEFAULT]
    assert earlier_agreements(by_id[DEFAULT], every) == []
    assert earlier_agreements(by_id[FICTITIOUS_ID], every) == []  # another kommun


def test_the_lpo_year_is_the_one_asked_for_when_some_agreement_covers_it(tmp_path):
    later_agreement(tmp_path)
    every = find_agreements(tmp_path, DEFAULT).load_all()
    assert chosen_year("2024", every, [2022, 2023]) == (2024, None)
    assert chosen_year(None, every, [2022, 2023]) == (2023, None)
    year, problem = chosen_year("1990", every, [2022, 2023])
    assert year == 2023 and "”1990” är inget år i något avtals period" in problem


def test_lpo_rows_give_each_goals_status_and_leave_years_outside_the_period_empty(
    tmp_path, catalogue
):
    copy_for_kommun(tmp_path)
    later_agreement(tmp_path)
    found = find_agreements(tmp_path, DEFAULT)
    judged = [
        (a, evaluate(a, catalogue, Evidence(), 2021) if 2021 in a.years else None)
        for a in found.load_all()
    ]
    rows = lpo_rows(judged)
    assert [r.agreement.id for r in rows] == [
        FICTITIOUS_ID,
        DEFAULT,
        "trelleborg-2023-2026",
        LATER_ID,
    ]
    assert [r.in_period for r in rows] == [True, True, False, False]
    assert [g.id for g in rows[0].goals][:2] == ["trafik", "tobak"]
    assert {g.status for r in rows for g in r.goals} == {Status.KAN_INTE_BEDOMAS}


def test_a_default_named_by_path_stands_in_for_the_shipped_agreement_of_its_id(tmp_path):
    variant = copy_for_kommun(tmp_path / "annan", agreement_id=DEFAULT)
    found = find_agreements(tmp_path, str(variant))
    found.check()
    assert found.default == DEFAULT and found.files[DEFAULT] == variant
    assert found.load().kommun.name == "Fiktiva kommunen"
