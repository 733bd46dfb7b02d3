"""Shared fixtures. The Dash app is created once per process and shared by every test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # The app reads its settings when pages render; point it at a throwaway data dir before
    # anything imports it, so no test touches ./data.
    os.environ["TRYGGHETSMAL_DATA_DIR"] = tempfile.mkdtemp(prefix="trygghetsmal-test-")
    os.environ.pop("TRYGGHETSMAL_AGREEMENT", None)


@pytest.fixture(autouse=True)
def _restore_data_dir(monkeypatch):
    # `--data-dir` and `--agreement` set the environment for the whole process, as the app
    # needs; keep each test's change to itself.
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", os.environ["TRYGGHETSMAL_DATA_DIR"])
    # Set, then removed: monkeypatch records only a variable that exists, and must remove one
    # that a test's `--agreement` sets.
    monkeypatch.setenv("TRYGGHETSMAL_AGREEMENT", "trelleborg-2019-2022")
    monkeypatch.delenv("TRYGGHETSMAL_AGREEMENT")


@pytest.fixture(scope="session")
def dash_app():
    from app import app

    return app


@pytest.fixture(scope="session")
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture(scope="session")
def agreement():
    from goals.agreement import load_agreement

    return load_agreement("trelleborg-2019-2022")


@pytest.fixture(scope="session")
def catalogue():
    from indicators.catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture(scope="session")
def postgresql_server():
    """The test run's PostgreSQL server (tests/postgres.py), started on first use."""
    from tests import postgres

    if os.environ.get(postgres.OPT_OUT) == "skip":
        pytest.skip(f"PostgreSQL-testerna hoppas över ({postgres.OPT_OUT}=skip)")
    try:
        server = postgres.Server()
    except postgres.Unavailable as unavailable:
        pytest.fail(str(unavailable), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A new, empty database of each kind the store supports: a test that takes this fixture
    (or overrides `store_url` with it) runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgresql_server").database()


@pytest.fixture
def store_url(tmp_path):
    """The database `context` imports into: SQLite, unless a module overrides this fixture with
    `database_url` to run its tests on both databases (the store's own tests do)."""
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def context(tmp_path, store_url):
    """A store and archive of its own, as the import and fuzz tiers import through."""
    from indicators.ingest import IngestContext
    from indicators.reading import Limits
    from indicators.store import Store

    data = tmp_path / "data"
    data.mkdir()
    store = Store(store_url)
    return IngestContext(store, data / "archive", Limits(50_000_000, 300_000_000), "analytiker")
