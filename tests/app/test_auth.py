"""Authentication and roles, enforced on the server for every page, route and callback."""

import base64

import pytest
from typer.testing import CliRunner

from auth import Refused, Role, add_user, identify, read_users
from cli import cli
from followup import records
from indicators.store import Store
from settings import Settings
from tests.app.annual import BURGLARY, approve, ingest, save
from tests.app.pages import call_callback, content, render, text
from tests.imports.files import SOL_HEADER

PASSWORD = "rätt-lösenord-123"
ROUTES = [
    "/",
    "/mal/bostadsinbrott",
    "/arsuppfoljning/2021",
    "/data",
    "/logg",
    "/ladda-ner/bostadsinbrott.csv",
    "/arsuppfoljning/2021.pdf",
    "/original/1",
    "/_dash-layout",
    "/_dash-dependencies",
    "/assets/10-trygghetsmal.css",
]


@pytest.fixture
def basic(monkeypatch, tmp_path):
    """Basic authentication with one user per role, and example burglary data imported."""
    users = tmp_path / "users.json"
    for name, role in (("lisa", Role.LASARE), ("anna", Role.ANALYTIKER), ("karin", Role.ADMIN)):
        add_user(users, name, role, PASSWORD)
    ingest(tmp_path, "sol.csv", {2020: 104, 2021: 88})
    monkeypatch.setenv("TRYGGHETSMAL_AUTH", "basic")
    monkeypatch.setenv("TRYGGHETSMAL_USERS_FILE", str(users))
    return tmp_path


def as_user(dash_app, name: str, password: str = PASSWORD):
    client = dash_app.server.test_client()
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Basic {token}"
    return client


def upload(client, dash_app) -> str:
    lines = [SOL_HEADER, BURGLARY.format(year=2022, count=97)]
    contents = (
        "data:text/csv;base64," + base64.b64encode("\n".join(lines).encode("latin-1")).decode()
    )
    response = call_callback(
        client,
        dash_app,
        [{"id": "uppladdning", "property": "contents", "value": [contents]}],
        [{"id": "uppladdning", "property": "filename", "value": ["sol-2022.csv"]}],
    )
    return text(response["uppladdning-resultat"]["children"])


def test_without_credentials_every_page_and_data_route_is_refused(basic, dash_app):
    anonymous = dash_app.server.test_client()
    for route in ROUTES:
        response = anonymous.get(route)
        assert response.status_code == 401, route
        assert response.headers["WWW-Authenticate"].startswith('Basic realm="Trygghetsmål"')
        assert "Logga in" in response.get_data(as_text=True)
    assert anonymous.post("/_dash-update-component", json={}).status_code == 401
    assert as_user(dash_app, "anna", "fel-lösenord").get("/").status_code == 401
    assert as_user(dash_app, "okänd").get("/").status_code == 401


def test_a_reader_reads_but_cannot_import_comment_approve_or_fetch_originals(basic, dash_app):
    lisa = as_user(dash_app, "lisa")
    assert lisa.get("/").status_code == 200
    assert lisa.get("/ladda-ner/bostadsinbrott.csv").status_code == 200
    assert lisa.get("/arsuppfoljning/2021.xlsx").status_code == 200
    assert lisa.get("/original/1").status_code == 403
    assert "kräver analytiker" in upload(lisa, dash_app)
    assert "kräver analytiker" in save(lisa, dash_app, "bostadsinbrott", "Text", "Lisa")
    assert "kräver admin" in text(
        approve(lisa, dash_app, "Lisa")["annual-approval-message"]["children"]
    )
    store = Store(f"sqlite:///{(basic / 'data' / 'trygghetsmal.sqlite').resolve()}")
    assert len(store.imports()) == 1 and records.comments(store, "trelleborg-2019-2022", 2021) == []
    assert records.approval(store, "trelleborg-2019-2022", 2021) is None
    page = text(content(render(lisa, "/data")))
    assert "lisa är läsare: att läsa in filer kräver analytiker" in page
    assert "loggen visas bara för admin" in text(content(render(lisa, "/logg")))


def test_an_analyst_imports_comments_and_fetches_originals_under_their_own_name(basic, dash_app):
    anna = as_user(dash_app, "anna")
    assert "Importerad" in upload(anna, dash_app)
    assert "av anna." in save(anna, dash_app, "bostadsinbrott", "Under målet.", "Någon annan")
    original = anna.get("/original/1")
    assert original.status_code == 200 and b"Inbrottsst" in original.data
    assert "attachment" in original.headers["Content-Disposition"]
    assert "kräver admin" in text(
        approve(anna, dash_app, "anna")["annual-approval-message"]["children"]
    )

    karin = as_user(dash_app, "karin")
    approve(karin, dash_app, "vem som helst")
    log = text(content(render(karin, "/logg")))
    for entry in ("karin fastställande", "anna hämtade original", "anna kommentar", "anna import"):
        who, what = entry.split(" ", 1)
        assert who in log and what in log
    assert "Fastställd" in text(content(render(karin, "/arsuppfoljning/2021")))
    assert "av karin." in text(content(render(karin, "/arsuppfoljning/2021")))


def test_a_state_changing_request_from_another_site_is_refused(dash_app):
    client = dash_app.server.test_client()
    response = client.post(
        "/_dash-update-component", json={}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403 and "annan webbplats" in response.get_data(as_text=True)
    cross = client.post(
        "/_dash-update-component", json={}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert cross.status_code == 403


def test_security_headers_are_on_every_response(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'sha256-" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_without_authentication_only_the_machine_itself_is_served(client):
    assert client.get("/").status_code == 200
    refused = client.get("/", environ_overrides={"REMOTE_ADDR": "192.168.1.20"})
    assert refused.status_code == 403 and "egna datorn" in refused.get_data(as_text=True)


def test_the_proxy_header_is_believed_only_from_the_proxy(tmp_path):
    settings = Settings(data_dir=tmp_path, auth="header", trusted_proxies=["10.0.0.2"])
    headers = {"X-Forwarded-User": "omar", "X-Forwarded-Groups": "alla; trygghetsmal-analytiker"}
    assert identify(settings, "10.0.0.2", headers).role is Role.ANALYTIKER
    with pytest.raises(Refused, match="betrodda"):
        identify(settings, "10.0.0.9", headers)
    with pytest.raises(Refused, match="inte med i någon grupp"):
        identify(settings, "10.0.0.2", {"X-Forwarded-User": "omar", "X-Forwarded-Groups": "alla"})
    both = {**headers, "X-Forwarded-Groups": "trygghetsmal-lasare,trygghetsmal-admin"}
    assert identify(settings, "10.0.0.2", both).role is Role.ADMIN


def test_user_add_stores_a_salted_hash_never_the_password(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["--data-dir", str(tmp_path), "user", "add", "anna", "--role", "analytiker"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    stored = (tmp_path / "users.json").read_text(encoding="utf-8")
    assert PASSWORD not in stored and "scrypt:" in stored
    assert read_users(tmp_path / "users.json").users["anna"].role == "analytiker"
    again = runner.invoke(
        cli,
        [
            "--data-dir",
            str(tmp_path),
            "user",
            "add",
            "bo",
            "--role",
            "chef",
            "--password",
            PASSWORD,
        ],
    )
    assert again.exit_code == 2 and "Okänd roll" in again.output
    short = runner.invoke(
        cli,
        [
            "--data-dir",
            str(tmp_path),
            "user",
            "add",
            "bo",
            "--role",
            "lasare",
            "--password",
            "kort",
        ],
    )
    assert short.exit_code == 2 and "minst 10 tecken" in short.output
    listed = runner.invoke(cli, ["--data-dir", str(tmp_path), "user", "list"])
    assert listed.output == "anna\tanalytiker\n"
    assert (
        runner.invoke(cli, ["--data-dir", str(tmp_path), "user", "remove", "anna"]).exit_code == 0
    )
    assert read_users(tmp_path / "users.json").users == {}
    assert (
        runner.invoke(cli, ["--data-dir", str(tmp_path), "user", "remove", "anna"]).exit_code == 2
    )


def test_serve_refuses_to_listen_beyond_loopback_without_authentication(tmp_path):
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "bara på den egna datorn" in result.output


def test_a_request_beyond_the_upload_limit_is_refused_unread(client, monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_MAX_UPLOAD_MB", "0.001")  # 4 000 bytes of request body
    response = client.post(
        "/_dash-update-component", data=b"x" * 5_000, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
