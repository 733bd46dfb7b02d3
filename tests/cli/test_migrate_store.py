"""`migrate-store --to URL`: a data dir's SQLite store moves to another database (PostgreSQL on a
shared server) with nothing lost, checked by counts and sha256s."""

from __future__ import annotations

import json

from sqlalchemy import MetaData
from typer.testing import CliRunner

from cli import cli
from followup import records
from indicators.store import Store
from indicators.transfer import table_digest
from tests.imports.files import sol_yearly

runner = CliRunner()
EXAMPLES = ["anmalda-brott-i-kommunerna-2023-fiktiva.csv", "trygghetsmatning-trelleborg-resultat.xlsx",
            "polisuttag-lpo-trelleborg-2022-fiktiva.xlsx", "atgarder-trelleborg-fiktiva.xlsx",
            "est-handelselogg-trelleborg-fiktiva.csv"]  # fmt: skip


def _run(data_dir, *args):
    return runner.invoke(cli, ["--data-dir", str(data_dir), *args])


def _digests(url: str) -> dict[str, tuple[int, str]]:
    store = Store(url)
    tables = MetaData()
    tables.reflect(store.engine)
    with store.engine.connect() as conn:
        return {
            name: table_digest(conn, table)
            for name, table in tables.tables.items()
            if name != "alembic_version"
        }


def test_a_data_dir_moves_to_another_database_with_nothing_lost(
    tmp_path, database_url, monkeypatch
):
    from cli import EXAMPLES_DIR

    data = tmp_path / "data"
    assert _run(data, "ingest", *(str(EXAMPLES_DIR / name) for name in EXAMPLES)).exit_code == 0
    source_url = f"sqlite:///{(data / 'trygghetsmal.sqlite').resolve()}"
    source = Store(source_url)
    records.save_comment(
        source, "trelleborg-2019-2022", 2022, "bostadsinbrott", "Bra.", "Anna", "t"
    )
    records.approve(source, "trelleborg-2019-2022", 2022, "Anna", "t", '{"version": 2}')
    status_before = _run(data, "status", "--year", "2022", "--json").stdout

    moved = _run(data, "migrate-store", "--to", database_url)

    assert moved.exit_code == 0, moved.stdout
    before, after = _digests(source_url), _digests(database_url)
    assert before == after
    assert before["imports"][0] == 5
    assert before["observations"][0] > 100 and before["comments"][0] == before["approvals"][0] == 1
    for name, (rows, digest) in before.items():
        assert f"{rows} rader  sha256 {digest[:12]}…  lika" in moved.stdout, name
    assert "(3 av 3 arkiverade original finns där)" in moved.stdout  # extracts are never kept

    # The moved store is the one in use from now on: the same verdicts, and new rows get new ids.
    monkeypatch.setenv("TRYGGHETSMAL_DATABASE_URL", database_url)
    assert json.loads(_run(data, "status", "--year", "2022", "--json").stdout) == json.loads(
        status_before
    )
    assert _run(data, "ingest", str(sol_yearly(tmp_path, {2019: 123}))).exit_code == 0
    assert [row["id"] for row in Store(database_url).imports()] == [1, 2, 3, 4, 5, 6]


def test_a_database_that_already_holds_data_is_refused(tmp_path, database_url):
    data = tmp_path / "data"
    _run(data, "ingest", str(sol_yearly(tmp_path, {2019: 123})))
    target = Store(database_url)
    records.save_comment(
        target, "trelleborg-2019-2022", 2022, "bostadsinbrott", "Bra.", "Anna", "t"
    )

    refused = _run(data, "migrate-store", "--to", database_url)

    assert refused.exit_code == 2
    assert "Inget flyttades: måldatabasen innehåller redan data (audit, comments)" in refused.stderr
    assert [row["id"] for row in Store(database_url).imports()] == []
