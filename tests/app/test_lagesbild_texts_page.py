"""The lägesbild page's own texts and approval through Flask's test client: an analyst writes,
a läsare is refused with nothing stored, an admin approves and the page shows the frozen version
(roles checked on the server, as the annual follow-up's)."""

from __future__ import annotations

import base64
import json

import pytest

import app  # noqa: F401  (the pages register only once the app exists)
from auth import Role, add_user
from followup import records
from indicators.store import Store
from pages import lagesbild_kommun as page
from tests.app.annual import DEFAULT_AGREEMENT, ingest
from tests.app.pages import content, render, text

PASSWORD = "rätt-lösenord-123"
SAVE_ID = {"section": ["ALL"], "type": page.SAVE}


@pytest.fixture
def users(monkeypatch, tmp_path):
    """Basic authentication with one user per role, and burglaries 2017–2021 imported."""
    path = tmp_path / "users.json"
    for name, role in (("lisa", Role.LASARE), ("anna", Role.ANALYTIKER), ("karin", Role.ADMIN)):
        add_user(path, name, role, PASSWORD)
    ingest(tmp_path, "sol.csv", {2017: 131, 2018: 120, 2019: 104, 2020: 93, 2021: 88})
    monkeypatch.setenv("TRYGGHETSMAL_AUTH", "basic")
    monkeypatch.setenv("TRYGGHETSMAL_USERS_FILE", str(path))
    return tmp_path


def as_user(dash_app, name: str):
    client = dash_app.server.test_client()
    token = base64.b64encode(f"{name}:{PASSWORD}".encode()).decode()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Basic {token}"
    return client


def _post(
    client, dash_app, first_input: str, inputs: list, state: list, changed: str, target: str
) -> str:
    output = next(
        key for key, spec in dash_app.callback_map.items() if spec["inputs"][0]["id"] == first_input
    )
    response = client.post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": {"id": target, "property": "children"},
            "inputs": inputs,
            "state": state,
            "changedPropIds": [changed],
        },
    )
    assert response.status_code == 200, response.data[:500]
    return text(response.get_json()["response"][target]["children"])


def _stores(author: str) -> list:
    return [
        {"id": page.AUTHOR, "property": "value", "value": author},
        {"id": page.YEAR_STORE, "property": "data", "value": 2021},
        {"id": page.AGREEMENT_STORE, "property": "data", "value": DEFAULT_AGREEMENT},
    ]


def write(client, dash_app, section: str, words: str, author: str = "") -> str:
    sections = list(page.SECTIONS)
    ids = [{"section": s, "type": page.SAVE} for s in sections]
    clicks = [
        {"id": i, "property": "n_clicks", "value": 1 if i["section"] == section else None}
        for i in ids
    ]
    texts = [{"id": {**i, "type": page.TEXT}, "property": "value", "value": words} for i in ids]
    trigger = json.dumps({"section": section, "type": page.SAVE}, separators=(",", ":"))
    return _post(
        client,
        dash_app,
        json.dumps(SAVE_ID, separators=(",", ":"), sort_keys=True),
        [clicks],
        [texts, *_stores(author)],
        f"{trigger}.n_clicks",
        page.DOCUMENT,
    )


def approve(client, dash_app, action: str = page.APPROVE) -> str:
    return _post(
        client,
        dash_app,
        page.APPROVAL,
        [{"id": page.APPROVAL, "property": "submit_n_clicks", "value": 1}],
        [{"id": page.APPROVAL_ACTION, "property": "data", "value": action}, *_stores("")],
        f"{page.APPROVAL}.submit_n_clicks",
        page.BODY,
    )


def store_of(folder) -> Store:
    return Store(f"sqlite:///{(folder / 'data' / 'trygghetsmal.sqlite').resolve()}")


def test_a_reader_reads_but_cannot_write_or_approve_and_nothing_is_stored(users, dash_app):
    lisa = as_user(dash_app, "lisa")
    shown = text(content(render(lisa, "/lagesbild-kommun/2021")))
    assert "Analytikernas texter" in shown and "Spara" not in shown
    assert "Fastställ lägesbilden" not in shown
    assert "kräver analytiker" in write(lisa, dash_app, "medborgardialog", "Dialog i Anderslöv.")
    assert "kräver admin" in approve(lisa, dash_app)
    store = store_of(users)
    assert records.lagesbild_texts(store, DEFAULT_AGREEMENT, 2021) == []
    assert records.approval(store, DEFAULT_AGREEMENT, 2021, records.LAGESBILD) is None


def test_an_analyst_writes_and_an_admin_approves_the_frozen_version(users, dash_app):
    anna, karin = as_user(dash_app, "anna"), as_user(dash_app, "karin")
    editor = text(content(render(anna, "/lagesbild-kommun/2021")))
    assert "Spara medborgardialog" in editor and "Fastställ lägesbilden" not in editor
    said = write(anna, dash_app, "medborgardialog", "Trygghetsvandring i **Anderslöv**.", "x")
    assert "av anna." in said and "Anderslöv" in said
    said = write(anna, dash_app, "analys", "Inbrotten minskar; vi fortsätter grannsamverkan.")
    assert "Inbrotten minskar" in said and "Utkastet ur siffrorna" in said
    assert "kräver admin" in approve(anna, dash_app)

    approved = approve(karin, dash_app)
    assert "Fastställd" in approved and "av karin." in approved
    assert "Häv fastställandet av 2021 för en ny version" in approved
    assert "kan inte ändras" in write(anna, dash_app, "analys", "Ändrad i efterhand.")
    page_text = text(content(render(anna, "/lagesbild-kommun/2021")))
    assert "Fastställd" in page_text and "Spara analytikernas analys" not in page_text
    assert "Inbrotten minskar" in page_text and "Ändrad i efterhand" not in page_text
    html = anna.get("/lagesbild-kommun/2021.html").get_data(as_text=True)
    assert "Fastställd" in html and "av karin." in html and "Anderslöv" in html
    texts = records.lagesbild_texts(store_of(users), DEFAULT_AGREEMENT, 2021)
    assert [(t["section"], t["author"]) for t in texts] == [
        ("medborgardialog", "anna"),
        ("analys", "anna"),
    ]

    withdrawn = approve(karin, dash_app, page.WITHDRAW)
    assert (
        "en ny version kan fastställas" in withdrawn and "Fastställ lägesbilden 2021" in withdrawn
    )
