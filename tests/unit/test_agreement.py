"""The Trelleborg agreement file: every id of design.md, verbatim wording, readable failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from goals.agreement import _load_agreement, agreement_path, collapse_whitespace, load_agreement
from goals.models import Agreement
from goals.rules import (
    ActivityPerYear,
    ChangeFromBaseline,
    Comparison,
    EveryIsoWeek,
    ThresholdEveryYear,
)
from indicators.config_files import ConfigError
from tests.contract import DESIGN_IDS

AGREEMENT_FILE = agreement_path("trelleborg-2019-2022")
AGREEMENT_TEXT = AGREEMENT_FILE.parent / "sources" / "trelleborg-2019-2022.txt"


def test_every_goal_and_target_id_of_the_design_is_present(agreement):
    assert {g.id: [t.id for t in g.targets] for g in agreement.goals} == DESIGN_IDS


def test_goal_kinds_follow_the_agreement(agreement):
    production = {g.id for g in agreement.goals if g.kind == "produktionsmal"}
    assert production == {"est", "problembild", "medborgarloften", "arsrapport"}
    assert all(g.focus_area is None for g in agreement.goals)


@pytest.mark.parametrize("goal_id", DESIGN_IDS)
def test_wording_is_verbatim_from_the_agreement_text(agreement, goal_id):
    text = collapse_whitespace(AGREEMENT_TEXT.read_text(encoding="utf-8"))
    assert collapse_whitespace(agreement.goal(goal_id).wording) in text


def test_the_burglary_goal_reads_exactly_as_signed(agreement):
    assert (
        agreement.goal("bostadsinbrott").wording == "Bostadsinbrotten ska understiga 100 inbrott/år"
    )


def test_parties_period_and_focus_areas(agreement):
    assert [p.id for p in agreement.parties] == ["kommun", "polis"]
    assert agreement.period == (2019, 2022)
    assert [(f.id, f.title) for f in agreement.focus_areas] == [
        ("ungdomar", "Ungdomars alkohol- och drogkonsumtion samt relaterad brottslighet"),
        ("offentlig-miljo", "Trygghet i offentlig miljö inklusive trafikmiljön"),
    ]


def test_understiga_is_strictly_below(agreement):
    burglary = agreement.goal("bostadsinbrott").targets[0].rule
    damage = agreement.goal("skadegorelse").targets[0].rule
    assert burglary == ThresholdEveryYear(type="threshold_every_year", op="<", value=100)
    assert damage == ThresholdEveryYear(type="threshold_every_year", op="<", value=200)


def test_traffic_index_is_at_most_two(agreement):
    for target in agreement.goal("trafik").targets:
        assert target.rule == ThresholdEveryYear(type="threshold_every_year", op="<=", value=2.0)


def test_bou_goals_compare_2020_with_2016_with_the_later_wave_fallback(agreement):
    for goal_id in ("tobak", "alkohol", "narkotika"):
        for target in agreement.goal(goal_id).targets:
            assert isinstance(target.rule, Comparison)
            assert (target.rule.intended_year, target.rule.baseline_year) == (2020, 2016)
            assert target.rule.direction == "lower"
            assert target.rule.fallback == "nearest_later_wave"


def test_otrygghet_tm_is_judged_against_2018(agreement):
    rule = agreement.goal("otrygghet").targets[0].rule
    assert rule == ChangeFromBaseline(
        type="change_from_baseline", baseline_year=2018, direction="lower"
    )


def test_production_goals_have_activity_rules(agreement):
    assert agreement.goal("est").targets[0].rule == EveryIsoWeek(
        type="every_iso_week", parties=("kommun", "polis")
    )
    for goal_id in ("problembild", "medborgarloften", "arsrapport"):
        assert agreement.goal(goal_id).targets[0].rule == ActivityPerYear(
            type="activity_per_year", min=1
        )


def test_every_target_is_measured_in_trelleborg(agreement):
    assert {(t.geography.level, t.geography.code) for t in agreement.targets} == {
        ("kommun", "1287")
    }


def test_models_are_frozen(agreement):
    with pytest.raises(ValidationError, match="frozen"):
        agreement.goals[0].wording = "något annat"


def _write_variant(tmp_path: Path, old: str, new: str, *more: tuple[str, str]) -> Path:
    text = AGREEMENT_FILE.read_text(encoding="utf-8")
    for before, after in ((old, new), *more):
        assert before in text, before
        text = text.replace(before, after, 1)
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / AGREEMENT_TEXT.name).write_text(
        AGREEMENT_TEXT.read_text("utf-8"), "utf-8"
    )
    path = tmp_path / "trelleborg-2019-2022.yaml"
    path.write_text(text, encoding="utf-8")
    _load_agreement.cache_clear()
    return path


def _line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if fragment in line)


def test_a_misspelled_key_names_file_line_and_field_in_swedish(tmp_path):
    path = _write_variant(
        tmp_path, "    measured_with: Polisanmälda brott", "    measured_wiht: Polisanmälda brott"
    )
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    message = str(caught.value)
    assert f"rad {_line_of(path, 'measured_wiht')}" in message
    assert "goals[4].measured_wiht" in message
    assert "okänt fält (stavfel?)" in message


def test_an_unknown_rule_type_is_refused_readably(tmp_path):
    path = _write_variant(
        tmp_path,
        '{type: threshold_every_year, op: "<", value: 100}',
        '{type: threshold_each_year, op: "<", value: 100}',
    )
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    message = str(caught.value)
    assert f"rad {_line_of(path, 'threshold_each_year')}" in message
    assert "goals[4].targets[0].rule.type" in message
    assert "okänd typ, förväntade 'threshold_every_year'" in message
    assert "hittade 'threshold_each_year'" in message
    assert len(caught.value.problems) == 1


def test_a_bad_operator_shows_the_value_found(tmp_path):
    path = _write_variant(tmp_path, 'op: "<", value: 200', 'op: "≤", value: 200')
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    problem = caught.value.problems[0]
    assert problem.field == "goals[5].targets[0].rule.op"
    assert problem.found == "≤"
    assert problem.line == _line_of(path, "≤")


def test_a_missing_field_is_named(tmp_path):
    path = _write_variant(tmp_path, "    short_name: Polis\n", "")
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    assert "parties[1].short_name: fältet saknas" in str(caught.value)


def test_yaml_syntax_errors_name_the_line(tmp_path):
    path = _write_variant(tmp_path, "period: [2019, 2022]", "period: [2019, 2022")
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    assert "YAML-syntaxfel" in str(caught.value)
    assert caught.value.problems[0].line is not None


def test_altered_wording_is_refused(tmp_path):
    path = _write_variant(
        tmp_path,
        "wording: Bostadsinbrotten ska understiga 100 inbrott/år",
        "wording: Bostadsinbrotten ska understiga 90 inbrott/år",
    )
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    assert "står inte ordagrant i avtalstexten" in str(caught.value)
    assert caught.value.problems[0].field == "goals[4].wording"


def test_an_unknown_indicator_is_refused(tmp_path):
    path = _write_variant(tmp_path, "indicator: bostadsinbrott", "indicator: bostadsinbrot")
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    assert "goals[4].targets[0].indicator: okänd indikator" in str(caught.value)


def test_a_target_id_outside_its_goal_is_refused(tmp_path):
    path = _write_variant(tmp_path, "- id: tobak.ak6", "- id: alkohol.ak6x")
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    assert "måste vara 'tobak' eller börja med 'tobak.'" in str(caught.value)


def test_duplicate_goal_ids_are_refused(tmp_path):
    path = _write_variant(
        tmp_path,
        "  - id: skadegorelse\n    kind",
        "  - id: bostadsinbrott\n    kind",
        ("      - id: skadegorelse\n", "      - id: bostadsinbrott.skadegorelse\n"),
    )
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    assert "mål-id förekommer flera gånger: bostadsinbrott" in str(caught.value)


def test_a_comparison_baseline_after_the_intended_year_is_refused(tmp_path):
    path = _write_variant(
        tmp_path,
        "intended_year: 2020, baseline_year: 2016",
        "intended_year: 2020, baseline_year: 2021",
    )
    with pytest.raises(ConfigError) as caught:
        load_agreement(str(path))
    assert "jämförelseåret 2021 måste ligga före året 2020" in str(caught.value)


def test_an_unknown_agreement_lists_the_shipped_ones():
    with pytest.raises(ConfigError) as caught:
        load_agreement("trelleborg-2099-2102")
    assert "trelleborg-2019-2022, trelleborg-2023-2026" in str(caught.value)


def test_the_json_schema_describes_the_rules():
    schema = Agreement.model_json_schema()
    rule_types = {
        d["properties"]["type"]["const"]
        for name, d in schema["$defs"].items()
        if name
        in {
            "ThresholdEveryYear",
            "Comparison",
            "ChangeFromBaseline",
            "ActivityPerYear",
            "EveryIsoWeek",
        }
    }
    assert rule_types == {
        "threshold_every_year",
        "comparison",
        "change_from_baseline",
        "activity_per_year",
        "every_iso_week",
    }
    assert schema["additionalProperties"] is False


def _models_in(model, seen=None):
    """The model and every model its fields hold, the rule types included."""
    seen = seen if seen is not None else {}
    if model in seen:
        return seen
    seen[model] = None
    for field in model.model_fields.values():
        for inner in _model_types(field.annotation):
            _models_in(inner, seen)
    return seen


def _model_types(annotation):
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _model_types(arg)]


def test_every_field_of_the_agreement_file_is_described():
    from goals.rules import RULE_TYPES

    models = {**_models_in(Agreement), **dict.fromkeys(RULE_TYPES.values())}
    undescribed = [
        f"{model.__name__}.{name}"
        for model in models
        for name, field in model.model_fields.items()
        if not field.description
    ]
    assert undescribed == []
    schema = Agreement.model_json_schema()
    described = [schema, *schema["$defs"].values()]
    assert all("description" in prop for part in described for prop in part["properties"].values())
