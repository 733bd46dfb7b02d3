"""No uncaught error ends an import or the inbox (issue 14, point 7)."""

from __future__ import annotations

import dataclasses
import logging

from typer.testing import CliRunner

import audit
from cli import cli
from indicators import ingest as ingest_module
from indicators.sources import all_loaders
from indicators.store import Store
from tests.imports.files import SOL_HEADER, sol_yearly, text_file, xlsx_file

runner = CliRunner()


def _broken_sol_loader(monkeypatch, message: str) -> None:
    def boom(*_args):
        raise RuntimeError(message)

    loaders = [
        dataclasses.replace(loader, load=boom) if loader.layout == "bra_sol_databasfil" else loader
        for loader in all_loaders()
    ]
    monkeypatch.setattr(ingest_module, "all_loaders", lambda: loaders)


def test_an_error_in_one_file_refuses_it_and_the_inbox_goes_on(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.INFO)
    _broken_sol_loader(monkeypatch, "Hemliga vägen 7 gick inte att läsa")
    data_dir = tmp_path / "data"
    inbox = data_dir / "inbox"
    inbox.mkdir(parents=True)
    sol_yearly(inbox, {2019: 123}, name="a-sol.csv")
    text_file(
        inbox,
        "b-tm.csv",
        [
            "År;Kommun;Område;Tema;Fråga;Index;Andel (%);Antal svar;Svarsfrekvens",
            "2022;Trelleborg;;Utemiljö;Bilar som kör för fort;1,6;..;900;41",
        ],
    )
    result = runner.invoke(cli, ["--data-dir", str(data_dir), "ingest", "--inbox"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "avvisad a-sol.csv"
    assert "oväntat fel" in lines[1] and "Traceback" not in result.output
    assert any(line.startswith("importerad b-tm.csv") for line in lines)
    assert "Hemliga" not in result.output and "Hemliga" not in caplog.text
    assert "avbröts: RuntimeError" in caplog.text  # the log says what and where, not the text
    store = Store(f"sqlite:///{data_dir / 'trygghetsmal.sqlite'}")
    logged = [entry["detail"] for entry in audit.entries(store.engine)]
    assert "importerad: b-tm.csv" in logged and "avvisad: a-sol.csv" in logged
    assert [p.name for p in inbox.rglob("*") if p.is_file()] == ["a-sol.csv.txt"]


def test_an_error_in_one_of_several_files_on_the_command_line(tmp_path, monkeypatch):
    _broken_sol_loader(monkeypatch, "trasig")
    first = sol_yearly(tmp_path, {2019: 123}, name="sol.csv")
    second = text_file(
        tmp_path,
        "tm.csv",
        [
            "År;Kommun;Område;Tema;Fråga;Index;Andel (%);Antal svar;Svarsfrekvens",
            "2022;Trelleborg;;Utemiljö;Bilar som kör för fort;1,6;..;900;41",
        ],
    )
    result = runner.invoke(
        cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(first), str(second)]
    )
    heads = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert heads == ["avvisad", "importerad"] and result.exit_code == 1


def test_a_workbook_of_different_kinds_is_read_sheet_by_sheet(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "samlat.xlsx",
        {
            "SOL": [
                ["Anmälda brott, Trelleborg"],
                ["Region", "Brott", "2021", "2022"],
                ["Trelleborg", "Inbrottsstöld i bostad", 101, 96],
            ],
            "Trygghetsmätning": [
                ["Trygghetsmätning 2022 – Trelleborgs kommun"],
                ["Tema", "Fråga", "Kommun totalt"],
                ["Utemiljö", "Bilar som kör för fort", "1,7"],
            ],
            "BoU": [
                ["Barn och Unga i Skåne 2021 – Trelleborg"],
                ["Indikator", "Årskurs", "Totalt %", "n"],
                ["Druckit alkohol senaste 12 månaderna", "Åk 9", 40, 410],
            ],
        },
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == "bra_sol_tabell+trygghetsmatning_matris+bou_tabell"
    assert "olika slag" in result.lines()[0]
    assert len(context.store.observations("anmalda_brott")) == 2
    assert context.store.observations("tm.fortkorning")["value"].tolist() == [1.7]
    assert context.store.observations("bou.alkohol")["value"].tolist() == [40.0]
    assert context.store.imports()[0]["archived"]  # every sheet understood


def test_the_check_command_answers_an_error_the_same_way(tmp_path, monkeypatch):
    _broken_sol_loader(monkeypatch, "trasig")
    path = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Inbrottsstöld i bostad;År;2022;96;..;"]
    )
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 1 and result.stdout.startswith("avvisad sol.csv")
