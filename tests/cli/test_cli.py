"""The `trygghetsmal` command: JSON shape of design.md, exit codes, --data-dir."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from cli import cli
from tests.contract import DESIGN_IDS

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _goals_json() -> dict:
    result = runner.invoke(cli, ["goals", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_goals_json_has_the_design_shape():
    document = _goals_json()
    assert set(document) >= {"agreement", "goals"}
    agreement = document["agreement"]
    assert set(agreement) >= {"id", "title", "parties", "period", "focus_areas"}
    assert agreement["id"] == "trelleborg-2019-2022"
    assert agreement["period"] == [2019, 2022]
    assert [f["id"] for f in agreement["focus_areas"]] == ["ungdomar", "offentlig-miljo"]
    for goal in document["goals"]:
        assert set(goal) >= {"id", "kind", "focus_area", "wording", "targets"}
        assert goal["kind"] in ("effektmal", "produktionsmal")
        for target in goal["targets"]:
            assert set(target) >= {
                "id",
                "indicator",
                "geography",
                "breakdown",
                "rule",
                "description",
            }
            assert "type" in target["rule"] and target["description"]


def test_goals_json_lists_every_id_of_the_design():
    document = _goals_json()
    assert {g["id"]: [t["id"] for t in g["targets"]] for g in document["goals"]} == DESIGN_IDS


def test_goals_json_keeps_the_wording_and_the_rules():
    goals = {g["id"]: g for g in _goals_json()["goals"]}
    assert (
        goals["skadegorelse"]["wording"]
        == "Antalet skadegörelsebrott ska understiga 200 brott per år"
    )
    assert goals["skadegorelse"]["targets"][0]["rule"] == {
        "type": "threshold_every_year",
        "op": "<",
        "value": 200,
    }
    assert goals["tobak"]["targets"][2]["breakdown"] == {"arskurs": "gy2"}
    assert goals["est"]["targets"][0]["rule"]["parties"] == ["kommun", "polis"]


def test_goals_as_text_shows_wording_and_rules():
    result = runner.invoke(cli, ["goals"])
    assert result.exit_code == 0
    assert "Bostadsinbrotten ska understiga 100 inbrott/år" in result.stdout
    assert "exakt 100 räcker inte" in result.stdout


def test_schema_is_the_agreement_json_schema():
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Agreement" and "goals" in schema["properties"]


def test_unknown_command_is_a_usage_error():
    assert runner.invoke(cli, ["finns-inte"]).exit_code == 2


def test_unknown_option_is_a_usage_error():
    assert runner.invoke(cli, ["goals", "--xml"]).exit_code == 2


def test_an_unreadable_agreement_exits_2_in_swedish(monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_AGREEMENT", "finns-inte-2030")
    result = runner.invoke(cli, ["goals", "--json"])
    assert result.exit_code == 2
    assert "Avtalet kan inte läsas" in result.stderr
    assert "avtalet finns inte" in result.stderr


def test_data_dir_option_is_honoured(tmp_path):
    from settings import get_settings

    result = runner.invoke(cli, ["--data-dir", str(tmp_path / "annan"), "goals", "--json"])
    assert result.exit_code == 0
    assert get_settings().data_dir == tmp_path / "annan"


def test_console_script_runs_from_the_installed_environment(tmp_path):
    script = Path(sys.executable).with_name("trygghetsmal")
    env = {**os.environ, "TRYGGHETSMAL_DATA_DIR": str(tmp_path)}
    completed = subprocess.run(
        [str(script), "goals", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["agreement"]["id"] == "trelleborg-2019-2022"


def test_serve_starts_and_answers_on_the_data_dir_given(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = Path(sys.executable).with_name("trygghetsmal")
    data_dir = tmp_path / "data"
    process = subprocess.Popen(
        [str(script), "--data-dir", str(data_dir), "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = _Output(process)
    try:
        # Both workers (serve's default) have loaded the app: every request is answered now.
        output.wait_for(lambda text: text.count("Trygghetsmål redo i process") == 2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            body = response.read().decode("utf-8")
        assert '<html lang="sv">' in body
        assert (data_dir / "inbox").is_dir() and (data_dir / "archive").is_dir()
    finally:
        process.terminate()
        returncode = process.wait(timeout=120)  # gunicorn lets running requests finish
    output.closed.wait(timeout=10)
    assert returncode == 0, output.text
    assert "Shutting down: Master" in output.text


class _Output:
    """A process's output read as it comes, so its pipe never fills while the test waits."""

    def __init__(self, process: subprocess.Popen):
        self.text = ""
        self.changed = threading.Condition()
        self.closed = threading.Event()
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.changed:
                self.text += line
                self.changed.notify_all()
        self.closed.set()
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, condition, timeout: float = 120) -> None:
        with self.changed:
            if not self.changed.wait_for(
                lambda: condition(self.text) or self.closed.is_set(), timeout
            ):
                raise TimeoutError(f"the server never got ready:\n{self.text}")
            assert condition(self.text), f"the server stopped:\n{self.text}"
