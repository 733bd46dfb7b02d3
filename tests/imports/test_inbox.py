"""data/inbox/: imported and refused files leave it; a refusal leaves its reasons in avvisade/."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli import cli
from tests.imports.files import SOL_HEADER, sol_yearly, text_file

runner = CliRunner()


def _inbox(tmp_path):
    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)
    return inbox


def test_ingest_inbox_imports_archives_and_sets_refused_files_aside(tmp_path):
    inbox = _inbox(tmp_path)
    sol_yearly(inbox, {2019: 123}, name="inbrott.csv")
    text_file(inbox, "fel.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;År;2019;tolv;..;"])
    text_file(
        inbox,
        "uttag.csv",
        [
            "Diarienummer;Inskrivningsdatum;Brottskod;Kommun;Gata",
            "5000-K1-22;2022-05-03;0857;Trelleborg;Storgatan 1",
        ],
    )
    result = runner.invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", "--inbox"])
    assert result.exit_code == 1
    heads = sorted(
        " ".join(line.split()[:2]).rstrip(":")
        for line in result.stdout.splitlines()
        if not line.startswith(" ")
    )
    assert heads == ["avvisad fel.csv", "importerad inbrott.csv", "importerad uttag.csv"]
    assert sorted(p.name for p in inbox.iterdir()) == ["avvisade"]
    refused = inbox / "avvisade"
    assert sorted(p.name for p in refused.iterdir()) == ["fel.csv.txt"]  # reasons, not the file
    assert "rad 2, kolumn Antal" in (refused / "fel.csv.txt").read_text("utf-8")
    archive = sorted(p.name for p in (tmp_path / "data" / "archive").iterdir())
    imports = json.loads(
        runner.invoke(cli, ["--data-dir", str(tmp_path / "data"), "imports", "--json"]).stdout
    )
    assert archive == [i["sha256"] for i in imports if i["archived"]]  # the extract is not kept
    assert not any(i["archived"] for i in imports if i["file"] == "uttag.csv")


def test_an_unchanged_file_also_leaves_the_inbox(tmp_path):
    inbox = _inbox(tmp_path)
    path = sol_yearly(tmp_path, {2019: 123})
    runner.invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(path)])
    (inbox / "igen.csv").write_bytes(path.read_bytes())
    result = runner.invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", "--inbox"])
    assert result.stdout.startswith("oförändrad igen.csv")
    assert list(inbox.iterdir()) == []


def test_a_second_refusal_of_the_same_name_does_not_overwrite_the_first(tmp_path):
    inbox = _inbox(tmp_path)
    for _ in range(2):
        text_file(inbox, "fel.csv", ["a;b", "1;2"])
        runner.invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", "--inbox"])
    assert len([p for p in (inbox / "avvisade").iterdir() if p.suffix == ".txt"]) == 2


def test_files_and_inbox_together_is_a_usage_error(tmp_path):
    path = sol_yearly(tmp_path, {2019: 1})
    assert runner.invoke(cli, ["ingest", str(path), "--inbox"]).exit_code == 2
    assert runner.invoke(cli, ["ingest"]).exit_code == 2
