"""ingest, check, imports and observations as design.md's command-line contract says."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli import cli
from tests.imports.files import SOL_HEADER, sol_yearly, text_file

runner = CliRunner()


def _run(data_dir, *args):
    return runner.invoke(cli, ["--data-dir", str(data_dir), *args])


def test_ingest_prints_one_line_per_file_and_exits_1_when_one_is_refused(tmp_path):
    good = sol_yearly(tmp_path, {2019: 123})
    bad = text_file(
        tmp_path, "fel.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;År;2019;tolv;..;"]
    )
    result = _run(tmp_path / "data", "ingest", str(good), str(bad))
    assert result.exit_code == 1
    heads = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert heads[0].startswith("importerad sol.csv")
    assert heads[1] == "avvisad fel.csv"
    assert "  rad 2, kolumn Antal: värdet kan inte läsas; hittade 'tolv'" in result.stdout
    again = _run(tmp_path / "data", "ingest", str(good))
    assert again.exit_code == 0 and again.stdout.startswith("oförändrad sol.csv")


def test_check_stores_nothing(tmp_path):
    result = _run(tmp_path / "data", "check", str(sol_yearly(tmp_path, {2019: 123})))
    assert result.exit_code == 0 and result.stdout.startswith("godkänd sol.csv")
    assert json.loads(_run(tmp_path / "data", "imports", "--json").stdout) == []


def test_check_exits_1_on_a_refused_file(tmp_path):
    path = text_file(tmp_path, "annat.csv", ["a;b", "1;2"])
    assert _run(tmp_path / "data", "check", str(path)).exit_code == 1


def test_imports_json_shape(tmp_path):
    _run(tmp_path / "data", "ingest", str(sol_yearly(tmp_path, {2019: 123})))
    rows = json.loads(_run(tmp_path / "data", "imports", "--json").stdout)
    assert len(rows) == 1
    assert set(rows[0]) >= {
        "id",
        "sha256",
        "file",
        "source",
        "layout",
        "imported_at",
        "observations",
        "archived",
    }
    assert rows[0]["archived"] is True and rows[0]["observations"] == 1


def test_observations_json_for_bostadsinbrott_and_skadegorelse(tmp_path):
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;År;2019;123;270;",
            "Trelleborg;1209 - Övrigt klotter;2020;Mar;6;..;",
        ],
    )
    _run(tmp_path / "data", "ingest", str(path))
    burglary = json.loads(
        _run(tmp_path / "data", "observations", "--target", "bostadsinbrott", "--json").stdout
    )
    assert [(r["period"], r["measure"], r["value"]) for r in burglary] == [
        ("2019", "antal", 123.0),
        ("2019", "per_100k", 270.0),
    ]
    damage = json.loads(
        _run(tmp_path / "data", "observations", "--target", "skadegorelse", "--json").stdout
    )
    assert damage[0]["period"] == "2020-03" and damage[0]["breakdown"] == {"brottskod": "1209"}
    assert damage[0]["row"] == 3 and damage[0]["file"] == "sol.csv" and damage[0]["cell"] is None


def test_observations_of_an_unknown_target_exits_2(tmp_path):
    result = _run(tmp_path / "data", "observations", "--target", "inbrott")
    assert result.exit_code == 2 and "Okänt delmål" in result.stderr


def test_ingest_of_a_missing_file_is_a_usage_error(tmp_path):
    assert _run(tmp_path / "data", "ingest", str(tmp_path / "finns-inte.csv")).exit_code == 2
