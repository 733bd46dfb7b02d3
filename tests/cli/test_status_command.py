"""`status [--year Y] [--json]` as design.md's command-line contract says."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli import cli
from tests.imports.files import sol_yearly, text_file

runner = CliRunner()


def _run(data_dir, *args):
    return runner.invoke(cli, ["--data-dir", str(data_dir), *args])


def _target(document, target_id):
    return next(t for g in document["goals"] for t in g["targets"] if t["id"] == target_id)


def test_status_json_for_a_chosen_year(tmp_path):
    data = tmp_path / "data"
    _run(data, "ingest", str(sol_yearly(tmp_path, {2019: 96, 2020: 104, 2021: 64})))
    result = _run(data, "status", "--year", "2020", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["year"] == 2020
    assert [g["id"] for g in document["goals"]][:2] == ["trafik", "tobak"]
    burglary = _target(document, "bostadsinbrott")
    assert (burglary["status"], burglary["qualifier"], burglary["value"]) == (
        "ej_uppnatt",
        "inom_felmarginal",
        104,
    )
    assert burglary["target"] == {"op": "<", "value": 100}
    assert burglary["period"] == {"met": 1, "judged": 2, "years": 4}
    assert burglary["judged_year"] == 2020 and burglary["preliminary"] is False
    assert len(burglary["ci"]) == 2 and burglary["probability"] is None
    # Honest verdicts, version 2: φ (yearly figures only: the default), coverage, no change test.
    assert burglary["dispersion"] == 1.5
    assert burglary["coverage"] == {
        "complete": True,
        "missing": [],
        "note": "Alla tolv månader 2020 finns.",
    }
    assert burglary["change_ci"] is None
    survey = _target(document, "trafik.fortkorning")
    assert (survey["coverage"], survey["dispersion"]) == (None, None)
    goal = next(g for g in document["goals"] if g["id"] == "bostadsinbrott")
    assert goal["status"] == "ej_uppnatt"


def test_status_without_year_judges_the_latest_year_with_data(tmp_path):
    data = tmp_path / "data"
    _run(data, "ingest", str(sol_yearly(tmp_path, {2019: 96, 2021: 64})))
    document = json.loads(_run(data, "status", "--json").stdout)
    assert document["year"] == 2021
    assert _target(document, "bostadsinbrott")["qualifier"] == "sakerstallt"


def test_status_for_a_year_outside_the_period_exits_2_naming_the_period(tmp_path):
    result = _run(tmp_path / "data", "status", "--year", "2023")
    assert result.exit_code == 2
    assert "2019–2022" in result.stderr


def test_status_text_has_a_line_per_target_with_the_sentence(tmp_path):
    data = tmp_path / "data"
    _run(data, "ingest", str(sol_yearly(tmp_path, {2020: 96})))
    result = _run(data, "status", "--year", "2020")
    assert result.exit_code == 0
    assert "- bostadsinbrott: ✓ Uppnått – inom slumpvariationen" in result.stdout
    assert "Bostadsinbrotten var 96 år 2020, under målet 100" in result.stdout


def test_status_on_an_empty_data_dir_creates_no_database(tmp_path):
    data = tmp_path / "data"
    document = json.loads(_run(data, "status", "--json").stdout)
    assert _target(document, "bostadsinbrott")["status"] == "kan_inte_bedomas"
    assert not (data / "trygghetsmal.sqlite").exists()


def _damage_extract(directory, per_code, codes=("1201", "1203", "1208", "1209")):
    """A police extract of 2021, one row per day and code with a count, for some codes only."""
    lines = ["Inskrivningsdatum;Brottskod;Kommun;Anmälda brott"]
    for code in codes:
        for month in range(1, 13):
            share = per_code // 12 + (1 if month <= per_code % 12 else 0)
            lines.append(f"2021-{month:02d}-15;{code};Trelleborg;{share}")
    return text_file(directory, "uttag.csv", lines, encoding="utf-8")


def test_an_extract_without_every_code_is_named_and_never_met(tmp_path):
    data = tmp_path / "data"
    assert _run(data, "ingest", str(_damage_extract(tmp_path, 150 // 4))).exit_code == 0
    damage = _target(
        json.loads(_run(data, "status", "--year", "2021", "--json").stdout), "skadegorelse"
    )
    assert (damage["status"], damage["value"]) == ("kan_inte_bedomas", 148)
    assert damage["coverage"]["complete"] is False
    assert {m.split()[1] for m in damage["coverage"]["missing"]} == {"1205", "1210", "1211", "1212"}
    assert "nedre gräns" in damage["coverage"]["note"]


def test_an_extract_without_every_code_can_still_decide_a_ceiling_is_passed(tmp_path):
    data = tmp_path / "data"
    assert _run(data, "ingest", str(_damage_extract(tmp_path, 230 // 4 + 1))).exit_code == 0
    damage = _target(
        json.loads(_run(data, "status", "--year", "2021", "--json").stdout), "skadegorelse"
    )
    assert (damage["status"], damage["qualifier"], damage["value"]) == (
        "ej_uppnatt",
        "avgjort",
        232,
    )


def test_a_sol_label_of_another_definition_is_named_and_not_used(tmp_path):
    data = tmp_path / "data"
    sol = text_file(
        tmp_path,
        "sol-12kap.csv",
        [
            "Region;Brott;År;Period;Antal;/100 000 inv",
            "Trelleborg;12 kap. Skadegörelsebrott;År;2021;150;330;",
        ],
    )
    assert _run(data, "ingest", str(sol)).exit_code == 0
    document = json.loads(_run(data, "status", "--year", "2021", "--json").stdout)
    damage = _target(document, "skadegorelse")
    assert (damage["status"], damage["value"]) == ("kan_inte_bedomas", None)
    assert damage["coverage"]["complete"] is False
    assert "enligt 12 kap. (med tagande av olovlig väg)" in damage["coverage"]["note"]
