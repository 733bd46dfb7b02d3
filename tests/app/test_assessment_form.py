"""Recording an assessment (bedömning av säkerhetsenheten) through the goal page's callback, with
the role checked on the server, for the 2023–2026 agreement served via TRYGGHETSMAL_AGREEMENT."""

import json

import pytest
from typer.testing import CliRunner

from auth import Role, add_user
from cli import cli
from followup import records
from indicators.store import Store
from tests.app.pages import content, id_text, of_type, render, text
from tests.app.test_auth import PASSWORD, as_user

GOAL = "kriminella-natverk"
PAGE = f"/mal/{GOAL}?ar=2024"


@pytest.fixture
def served_2023(monkeypatch, tmp_path):
    users = tmp_path / "users.json"
    for name, role in (("lisa", Role.LASARE), ("anna", Role.ANALYTIKER)):
        add_user(users, name, role, PASSWORD)
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRYGGHETSMAL_AGREEMENT", "trelleborg-2023-2026")
    monkeypatch.setenv("TRYGGHETSMAL_AUTH", "basic")
    monkeypatch.setenv("TRYGGHETSMAL_USERS_FILE", str(users))
    return tmp_path


def record(client, dash_app, status: str, motivation: str, factors: list[str]) -> str:
    def part(kind: str) -> dict:
        return {"type": f"bedomning-{kind}", "target": GOAL}

    links = [
        {"id": part(f"links-{kind}"), "property": "value", "value": value}
        for kind, value in (
            ("atgard", []),
            ("aktivitet", []),
            ("est_faktor", factors),
            ("delmal", ["hamnen"]),
        )
    ]
    wildcard = id_text({"type": "bedomning-save", "target": ["MATCH"]})
    output = next(
        key for key, spec in dash_app.callback_map.items() if spec["inputs"][0]["id"] == wildcard
    )
    response = client.post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": [
                {"id": part("message"), "property": "children"},
                {"id": part("versions"), "property": "children"},
            ],
            "inputs": [{"id": part("save"), "property": "n_clicks", "value": 1}],
            "state": [
                {"id": part("status"), "property": "value", "value": status},
                {"id": part("motivation"), "property": "value", "value": motivation},
                *links,
                {"id": "bedomning-author", "property": "value", "value": "Någon annan"},
                {"id": "bedomning-year", "property": "data", "value": 2024},
                {"id": "bedomning-agreement", "property": "data", "value": "trelleborg-2023-2026"},
            ],
            "changedPropIds": [f"{id_text(part('save'))}.n_clicks"],
        },
    )
    assert response.status_code == 200, response.data[:500]
    answer = response.get_json()["response"]
    return text(next(v["children"] for k, v in answer.items() if "bedomning-message" in k))


def stored(tmp_path) -> list[dict]:
    store = Store(f"sqlite:///{tmp_path / 'data' / 'trygghetsmal.sqlite'}")
    return records.assessments(store, "trelleborg-2023-2026")


def test_a_reader_sees_no_form_and_cannot_record(served_2023, dash_app):
    reader = as_user(dash_app, "lisa")
    page = content(render(reader, PAGE))
    assert "Kan inte bedömas – ingen bedömning gjord" in text(page)
    assert not of_type(page, "RadioItems") and not of_type(page, "Textarea")
    message = record(reader, dash_app, "uppnatt", "Inga nätverk.", [])
    assert message.startswith("Inte sparad: lisa är läsare och kan inte registrera en bedömning")
    assert not (served_2023 / "data" / "trygghetsmal.sqlite").exists() or not stored(served_2023)


def test_an_analyst_records_an_assessment_shown_everywhere(served_2023, dash_app):
    analyst = as_user(dash_app, "anna")
    page = content(render(analyst, PAGE))
    assert of_type(page, "RadioItems") and of_type(page, "Textarea")
    refused = record(analyst, dash_app, "uppnatt", "   ", [])
    assert refused.startswith("Inte sparad: ") and "saknas" in refused
    message = record(
        analyst, dash_app, "delvis_uppnatt", "Ett nätverk försöker etablera sig.", ["grupperingar"]
    )
    assert message.startswith("Sparad ") and "av anna: delvis uppnått för 2024" in message
    [saved] = stored(served_2023)
    assert (saved["author"], saved["status"], saved["year"]) == ("anna", "delvis_uppnatt", 2024)
    assert json.loads(saved["evidence"]) == [
        {"kind": "est_faktor", "ref": "grupperingar"},
        {"kind": "delmal", "ref": "hamnen"},
    ]
    body = " ".join(text(content(render(analyst, PAGE))).split())
    assert "Delvis uppnått – bedömning av säkerhetsenheten" in body
    assert "Ett nätverk försöker etablera sig." in body

    result = CliRunner().invoke(cli, ["status", "--year", "2024", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    target = next(t for g in shown["goals"] for t in g["targets"] if t["id"] == GOAL)
    assert target["status"] == "delvis_uppnatt" and target["qualifier"] is None
    assert target["label"] == "Delvis uppnått – bedömning av säkerhetsenheten"
    assert target["assessment"]["author"] == "anna"
    assert target["target"] == {"assessed_by": "sakerhetsenheten"}


def test_an_assessment_on_the_agreements_own_address_belongs_to_it(
    served_2023, dash_app, monkeypatch
):
    # The default stays 2019–2022: the 2023–2026 goal page is reached under /avtal/<id>/.
    monkeypatch.delenv("TRYGGHETSMAL_AGREEMENT")
    analyst = as_user(dash_app, "anna")
    address = f"/avtal/trelleborg-2023-2026/mal/{GOAL}?ar=2024"
    page = content(render(analyst, address))
    stores = {c["props"]["id"]: c["props"]["data"] for c in of_type(page, "Store")}
    assert stores["bedomning-agreement"] == "trelleborg-2023-2026"
    message = record(analyst, dash_app, "uppnatt", "Inga nätverk har etablerat sig.", [])
    assert message.startswith("Sparad ")
    [saved] = stored(served_2023)
    assert saved["status"] == "uppnatt"
    body = " ".join(text(content(render(analyst, address))).split())
    assert "Uppnått – bedömning av säkerhetsenheten" in body
    result = CliRunner().invoke(
        cli, ["--agreement", "trelleborg-2023-2026", "status", "--year", "2024", "--json"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    target = next(t for g in shown["goals"] for t in g["targets"] if t["id"] == GOAL)
    assert shown["agreement"] == "trelleborg-2023-2026" and target["status"] == "uppnatt"
