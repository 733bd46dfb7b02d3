"""Each command imports only what it uses: the heavy libraries stay out of `--help` and `goals`.

Timing is for bench/cli.py; this guards the cause. A fresh interpreter runs the command and
reports which of the heavy packages it imported.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from tests.imports.files import SOL_HEADER, text_file

# Seconds to import, each: what `trygghetsmal --help` spent 3.4 s on before it printed a line.
STATISTICS = {"statsmodels", "scipy"}
DOCUMENTS = {"weasyprint", "matplotlib", "docx", "xlsxwriter"}
WEB = {"dash", "plotly", "flask", "gunicorn"}
DATA = {"pandas", "numpy", "sqlalchemy", "openpyxl", "python_calamine"}
EVERYTHING_HEAVY = STATISTICS | DOCUMENTS | WEB | DATA

# A fresh interpreter runs the command (its arguments as JSON in argv[1]) as `trygghetsmal`
# would, then the script after it prints what it found, as JSON on its last line.
RUN_COMMAND = """
import contextlib, gc, io, json, os, sys
sys.argv = ["trygghetsmal", *json.loads(sys.argv[1])]
import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main()
"""
IMPORTED_BY = RUN_COMMAND + "print(json.dumps(sorted(sys.modules)))\n"


def imported_by(arguments: list[str]) -> set[str]:
    """The top-level packages the command imported."""
    return {name.split(".")[0] for name in modules_imported_by(arguments)}


def modules_imported_by(arguments: list[str]) -> set[str]:
    return set(run_command(IMPORTED_BY, arguments))


def run_command(script: str, arguments: list[str], environment: dict[str, str] | None = None):
    """What `script` (RUN_COMMAND and what follows it) printed last, read as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(arguments)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["goals"], ["goals", "--json"], ["schema"], ["status", "--help"]],
    ids=" ".join,
)
def test_help_goals_and_schema_import_none_of_the_heavy_packages(arguments, tmp_path):
    found = imported_by(["--data-dir", str(tmp_path / "data"), *arguments])
    assert not found & EVERYTHING_HEAVY


def test_help_prints_plain_without_rich_markdown_settings_or_alembic(tmp_path):
    """typer's rich help imports rich.markdown and markdown_it; plain click help does not. The
    store's migrations are for commands that run, and so are the settings (pydantic_settings),
    which a command's own help reads only because the global options are applied first."""
    for arguments in (["--help"], ["status", "--help"]):
        found = modules_imported_by(["--data-dir", str(tmp_path / "data"), *arguments])
        top = {name.split(".")[0] for name in found}
        assert not top & {"rich", "markdown_it", "alembic"}, arguments
        assert "typer.rich_utils" not in found
        if arguments == ["--help"]:
            assert "pydantic_settings" not in top


def test_the_command_lines_prefix_is_the_settings_prefix():
    import cli
    import settings

    assert cli.ENV_PREFIX == settings.ENV_PREFIX


def test_status_on_a_current_store_leaves_alembic_alone(tmp_path):
    """Opening a store whose revision is this release's head is one query; Alembic is imported
    only to migrate (indicators/schema.py)."""
    data_dir = str(tmp_path / "data")
    export = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Inbrottsstöld i bostad;År;2020;96;..;"]
    )
    assert "alembic" in imported_by(["--data-dir", data_dir, "ingest", str(export)])  # new store
    assert "alembic" not in imported_by(["--data-dir", data_dir, "status"])


def test_check_and_ingest_leave_statistics_documents_and_the_dashboard_alone(tmp_path):
    """`check`, and an `ingest` that stores nothing new, never judge a verdict; an `ingest` that
    stores values judges the targets they touch (design.md "What changed": the statuses it
    changes are printed under its line), so it may load the statistics, never the documents
    or the dashboard."""
    export = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;År;2020;1180;..;"]
    )
    data_dir = str(tmp_path / "data")
    found = imported_by(["--data-dir", data_dir, "check", str(export)])
    assert not found & (STATISTICS | DOCUMENTS | {"dash", "plotly"}), "check"
    found = imported_by(["--data-dir", data_dir, "ingest", str(export)])
    # flask comes with auth, which names the command line's user.
    assert not found & (DOCUMENTS | {"dash", "plotly"}), "ingest"
    assert "scipy" in found  # the count's verdicts before and after, for the changes
    again = imported_by(["--data-dir", data_dir, "ingest", str(export)])
    assert not again & (STATISTICS | DOCUMENTS | {"dash", "plotly"}), "the same file again"
    survey_free = imported_by(["--data-dir", data_dir, "ingest", "--inbox"])
    assert not survey_free & (STATISTICS | DOCUMENTS | {"dash", "plotly"}), "an empty inbox"


def test_status_leaves_documents_and_the_web_app_alone(tmp_path):
    data_dir = tmp_path / "data"
    assert not imported_by(["--data-dir", str(data_dir), "status"]) & (STATISTICS | DOCUMENTS)
    export = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Inbrottsstöld i bostad;År;2020;96;..;"]
    )
    imported_by(["--data-dir", str(data_dir), "ingest", str(export)])
    found = modules_imported_by(["--data-dir", str(data_dir), "status"])
    assert "scipy.special._ufuncs" in found  # a count's verdict needs its interval
    # …from scipy.special's compiled ufuncs alone, without the package's __init__ and the array
    # API layer it loads with numpy's lazy submodules (goals/distributions.py); the store's rows
    # without pandas.
    assert not found & {"scipy.stats", "scipy.optimize", "statsmodels", "pandas", "pandera"}
    assert not found & {"scipy.special", "scipy._lib._array_api", "numpy.f2py", "numpy.testing"}
    assert not {name.split(".")[0] for name in found} & (DOCUMENTS | WEB)


PROCESS_AFTER = (
    RUN_COMMAND
    + """
threads = len(os.listdir("/proc/self/task"))  # OpenBLAS's threads are not Python's
print(json.dumps({"collector": gc.isenabled(), "numpy": "numpy" in sys.modules, "threads": threads}))
"""
)


def test_status_in_its_own_process_starts_nothing_for_a_long_life(tmp_path):
    """`status` as its own process runs without cyclic garbage collection and freezes every object
    at exit, and numpy's OpenBLAS keeps to one thread (cli._as_a_short_process). It closes the
    store's connections itself, so SQLite still removes its -wal and -shm files at exit, as when
    the collector closed them."""
    data_dir = tmp_path / "data"
    export = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Inbrottsstöld i bostad;År;2020;96;..;"]
    )
    imported_by(["--data-dir", str(data_dir), "ingest", str(export)])
    assert _store_files(data_dir) == ["trygghetsmal.sqlite"]
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    found = run_command(PROCESS_AFTER, ["--data-dir", str(data_dir), "status"], environment)
    assert found == {
        "collector": False,
        "numpy": True,
        "threads": 1,
    }
    assert _store_files(data_dir) == ["trygghetsmal.sqlite"]


def test_status_inside_a_longer_process_leaves_the_collector_alone(tmp_path):
    """A test's CliRunner (or any caller of the commands other than main()) keeps its collector."""
    from cli import cli

    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "status"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()


def _store_files(data_dir: Path) -> list[str]:
    return sorted(path.name for path in data_dir.glob("trygghetsmal.sqlite*"))
