"""What an import changed (design.md "What changed"): ingest's lines and `imports --json`'s
"changes", for every agreement of the instance."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli import cli
from tests.agreements import copy_for_kommun
from tests.imports.files import sol_yearly

runner = CliRunner()
FLIP = "  ändrad bedömning: bostadsinbrott 2022: Uppnått → Ej uppnått"


def _run(data_dir, *args):
    result = runner.invoke(cli, ["--data-dir", str(data_dir), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _changes(data_dir) -> list[dict]:
    return [row["changes"] for row in json.loads(_run(data_dir, "imports", "--json"))]


def test_a_revision_that_flips_a_status_is_printed_and_recorded(tmp_path):
    data = tmp_path / "data"
    _run(data, "ingest", str(sol_yearly(tmp_path, {2021: 90, 2022: 97}, "sol-jan.csv")))
    printed = _run(data, "ingest", str(sol_yearly(tmp_path, {2021: 90, 2022: 104}, "sol-feb.csv")))
    lines = printed.splitlines()
    assert lines[0].startswith("importerad sol-feb.csv")
    assert FLIP in lines
    assert "  ändrat: Inbrottsstöld i bostad Trelleborgs kommun 2022: 97 → 104" in lines
    assert not any("2021" in line and "bedömning" in line for line in lines)  # 90 stayed 90
    revision = _changes(data)[1]
    assert revision["values"] == 1 and revision["new_periods"] == []
    assert revision["statuses"] == [
        {
            "agreement": "trelleborg-2019-2022",
            "target": "bostadsinbrott",
            "year": 2022,
            "from": "uppnatt",
            "to": "ej_uppnatt",
        }
    ]


def test_a_new_period_is_named_and_judged(tmp_path):
    data = tmp_path / "data"
    _run(data, "ingest", str(sol_yearly(tmp_path, {2021: 90}, "sol-2021.csv")))
    printed = _run(data, "ingest", str(sol_yearly(tmp_path, {2021: 90, 2022: 120}, "sol.csv")))
    assert "  nya perioder: Anmälda brott per brottskod eller brottstyp 2022" in printed
    assert "  ändrad bedömning: bostadsinbrott 2022: Kan inte bedömas → Ej uppnått" in printed
    second = _changes(data)[1]
    assert second["values"] == 0
    assert second["new_periods"] == [{"indicator": "anmalda_brott", "period": "2022"}]
    assert [(s["year"], s["to"]) for s in second["statuses"]] == [(2022, "ej_uppnatt")]


def test_an_export_that_changes_nothing_records_no_changes(tmp_path):
    data = tmp_path / "data"
    _run(data, "ingest", str(sol_yearly(tmp_path, {2022: 97}, "sol-jan.csv")))
    # Another file (another sha256) with the same value: a revision that revises nothing.
    same = sol_yearly(tmp_path, {2022: 97}, "sol-feb.csv")
    same.write_bytes(same.read_bytes() + b"\r\n")
    printed = _run(data, "ingest", str(same))
    assert printed.startswith("importerad sol-feb.csv")
    assert "bedömning" not in printed and "ändrat" not in printed and "nya perioder" not in printed
    assert _changes(data)[1] == {"values": 0, "new_periods": [], "statuses": []}


def test_status_changes_are_judged_for_every_agreement_of_the_instance(tmp_path):
    data = tmp_path / "data"
    copy_for_kommun(data, "kopia-trelleborg-2019-2022", "1287", "Trelleborgs kommun")
    _run(data, "ingest", str(sol_yearly(tmp_path, {2022: 97}, "sol-jan.csv")))
    printed = _run(data, "ingest", str(sol_yearly(tmp_path, {2022: 104}, "sol-feb.csv")))
    assert FLIP in printed.splitlines()
    other = "  ändrad bedömning [kopia-trelleborg-2019-2022]: bostadsinbrott 2022: Uppnått → "
    assert other + "Ej uppnått" in printed.splitlines()
    agreements = {s["agreement"] for s in _changes(data)[1]["statuses"]}
    assert agreements == {"trelleborg-2019-2022", "kopia-trelleborg-2019-2022"}


def test_the_same_file_twice_records_nothing_new(tmp_path):
    data = tmp_path / "data"
    path = sol_yearly(tmp_path, {2022: 97})
    _run(data, "ingest", str(path))
    assert _run(data, "ingest", str(path)).startswith("oförändrad")
    assert len(_changes(data)) == 1
