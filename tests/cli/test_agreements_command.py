"""`--agreement ID` and `agreements [--json]` (design.md, "Several agreements"): one data dir,
several agreements; evidence belongs to a kommun, so one import serves every agreement."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli import cli
from tests.agreements import FICTITIOUS_ID, LATER_ID, copy_for_kommun, later_agreement
from tests.imports.files import SOL_HEADER, text_file

runner = CliRunner()
SVEDALA_ID = "fiktivt-svedala-2019-2022"


def _run(data_dir, *args, env=None):
    return runner.invoke(cli, ["--data-dir", str(data_dir), *args], env=env)


def _target(document, target_id):
    return next(t for g in document["goals"] for t in g["targets"] if t["id"] == target_id)


def test_agreements_json_lists_shipped_and_data_dir_agreements(tmp_path):
    data = tmp_path / "data"
    copy_for_kommun(data)
    later_agreement(data)
    result = _run(data, "agreements", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    by_id = {row["id"]: row for row in listed}
    assert listed[0] == {
        "id": "trelleborg-2019-2022",
        "title": "Samverkansöverenskommelse 2019–2022 mellan Trelleborgs kommun och Polisen",
        "kommun": {"code": "1287", "name": "Trelleborgs kommun"},
        "period": [2019, 2022],
        "goals": 11,
    }
    assert by_id[FICTITIOUS_ID]["kommun"] == {"code": "9999", "name": "Fiktiva kommunen"}
    assert by_id[LATER_ID]["period"] == [2023, 2026] and by_id[LATER_ID]["goals"] == 2
    assert all(set(row) == {"id", "title", "kommun", "period", "goals"} for row in listed)


def test_agreements_in_text_marks_the_default(tmp_path):
    data = tmp_path / "data"
    later_agreement(data)
    result = _run(data, "--agreement", LATER_ID, "agreements")
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith(LATER_ID))
    assert "Trelleborgs kommun (1287) 2023–2026, 2 mål  (standard)" in line


def test_goals_and_status_carry_the_chosen_agreements_id(tmp_path):
    data = tmp_path / "data"
    later_agreement(data)
    goals = _run(data, "--agreement", LATER_ID, "goals", "--json")
    assert goals.exit_code == 0, goals.output
    document = json.loads(goals.stdout)
    assert document["agreement"]["id"] == LATER_ID
    assert document["agreement"]["kommun"] == {"code": "1287", "name": "Trelleborgs kommun"}
    assert [g["id"] for g in document["goals"]] == ["bostadsinbrott", "otrygghet"]
    status = _run(data, "--agreement", LATER_ID, "status", "--year", "2024", "--json")
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)["agreement"] == LATER_ID


def test_without_agreement_the_default_is_used(tmp_path):
    data = tmp_path / "data"
    later_agreement(data)
    default = json.loads(_run(data, "status", "--year", "2021", "--json").stdout)
    assert default["agreement"] == "trelleborg-2019-2022"


def test_the_environment_names_the_agreement_too(tmp_path):
    data = tmp_path / "data"
    later_agreement(data)
    result = _run(data, "goals", "--json", env={"TRYGGHETSMAL_AGREEMENT": LATER_ID})
    assert json.loads(result.stdout)["agreement"]["id"] == LATER_ID


def test_a_year_outside_the_chosen_agreements_period_exits_2(tmp_path):
    data = tmp_path / "data"
    later_agreement(data)
    result = _run(data, "--agreement", LATER_ID, "status", "--year", "2021")
    assert result.exit_code == 2
    assert "2023–2026" in result.stderr


def test_an_unknown_agreement_exits_2_in_swedish_without_paths(tmp_path):
    data = tmp_path / "data"
    copy_for_kommun(data)
    for command in (["goals"], ["status"], ["observations", "--target", "bostadsinbrott"]):
        result = _run(data, "--agreement", "stockholm-2030", *command)
        assert result.exit_code == 2, command
        assert "avtalet finns inte (”stockholm-2030”)" in result.stderr
        assert FICTITIOUS_ID in result.stderr
        assert "/" not in result.stderr and str(tmp_path) not in result.stderr


def test_a_bad_agreement_file_in_the_data_dir_exits_2_naming_it(tmp_path):
    data = tmp_path / "data"
    path = copy_for_kommun(data)
    path.write_text(path.read_text("utf-8").replace("period: [2019, 2022]", "period: [2022]"))
    result = _run(data, "agreements")
    assert result.exit_code == 2
    assert "Avtalet kan inte läsas" in result.stderr
    assert str(path) in result.stderr and "period" in result.stderr


def test_a_duplicate_id_in_the_data_dir_exits_2_naming_the_file(tmp_path):
    data = tmp_path / "data"
    path = copy_for_kommun(data, agreement_id="trelleborg-2019-2022")
    result = _run(data, "status")
    assert result.exit_code == 2
    assert str(path) in result.stderr and "avtalets id finns redan" in result.stderr


def test_one_import_serves_every_agreement_each_reading_its_own_kommun(tmp_path):
    data = tmp_path / "data"
    copy_for_kommun(data, agreement_id=SVEDALA_ID, code="1263", name="Svedala kommun")
    rows = [
        "Trelleborg;Inbrottsstöld i bostad;År;2021;120;..;",
        "Svedala;Inbrottsstöld i bostad;År;2021;40;..;",
    ]
    path = text_file(tmp_path, "sol.csv", [SOL_HEADER, *rows])
    assert _run(data, "ingest", str(path)).exit_code == 0
    trelleborg = json.loads(_run(data, "status", "--year", "2021", "--json").stdout)
    svedala = json.loads(
        _run(data, "--agreement", SVEDALA_ID, "status", "--year", "2021", "--json").stdout
    )
    assert _target(trelleborg, "bostadsinbrott")["value"] == 120
    assert _target(trelleborg, "bostadsinbrott")["status"] == "ej_uppnatt"
    assert _target(svedala, "bostadsinbrott")["value"] == 40
    assert _target(svedala, "bostadsinbrott")["status"] == "uppnatt"
    observed = _run(
        data, "--agreement", SVEDALA_ID, "observations", "--target", "bostadsinbrott", "--json"
    )
    assert {row["geo"] for row in json.loads(observed.stdout)} == {"1263"}


def test_report_writes_the_chosen_agreements_follow_up(tmp_path):
    data = tmp_path / "data"
    copy_for_kommun(data)
    output = tmp_path / "arsuppfoljning.html"
    result = _run(
        data,
        "--agreement",
        FICTITIOUS_ID,
        "report",
        "--year",
        "2021",
        "--format",
        "html",
        "-o",
        str(output),
    )
    assert result.exit_code == 0, result.output
    written = output.read_text(encoding="utf-8")
    assert "Fiktivt avtal 2019–2022 för Fiktiva kommunen" in written
    assert "Samverkansöverenskommelse 2019–2022" not in written


def test_the_shipped_2023_2026_agreement_is_listed_and_judged(tmp_path):
    data = tmp_path / "data"
    listed = {row["id"]: row for row in json.loads(_run(data, "agreements", "--json").stdout)}
    assert listed["trelleborg-2023-2026"]["kommun"] == {
        "code": "1287",
        "name": "Trelleborgs kommun",
    }
    assert listed["trelleborg-2023-2026"]["period"] == [2023, 2026]
    rows = [
        f"Trelleborg;Inbrottsstöld i bostad;År;{year};{count};..;"
        for year, count in ((2021, 88), (2022, 93))
    ]
    assert (
        _run(data, "ingest", str(text_file(tmp_path, "sol.csv", [SOL_HEADER, *rows]))).exit_code
        == 0
    )
    result = _run(data, "--agreement", "trelleborg-2023-2026", "status", "--year", "2024", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["agreement"] == "trelleborg-2023-2026" and document["year"] == 2024
    assert "brottsstatistik" in [g["id"] for g in document["goals"]]
    earlier = json.loads(
        _run(
            data, "--agreement", "trelleborg-2019-2022", "status", "--year", "2022", "--json"
        ).stdout
    )
    assert _target(earlier, "bostadsinbrott")["value"] == 93  # one import serves both
