"""The attacks of the security review on loopback, each as a regression test through the app:
DNS rebinding, a password hash per request, user enumeration, guessing, repeated proxy headers,
out-of-period years and odd names in callbacks, live links in chart labels, cached downloads."""

import base64
import json

import pytest

import auth
import login
from auth import REPEATED_HEADER, Refused, Role, add_user, identify, remove_user
from followup import records
from indicators.store import Store
from settings import Settings
from tests.app.annual import BURGLARY, ingest, save
from tests.app.pages import content, expanded, render, text
from tests.app.test_auth import PASSWORD, as_user, upload
from tests.imports.files import SOL_HEADER

EVIL = "evil.example:8050"


def store_of(tmp_path) -> Store:
    return Store(f"sqlite:///{(tmp_path / 'data' / 'trygghetsmal.sqlite').resolve()}")


@pytest.fixture
def data(tmp_path):
    ingest(tmp_path, "sol.csv", {2020: 104, 2021: 88})
    return tmp_path


@pytest.fixture(autouse=True)
def fresh_failure_windows(monkeypatch):
    monkeypatch.setattr(auth, "FAILURES_PER_USER", login.FailureWindow(10, 900))
    monkeypatch.setattr(auth, "FAILURES_PER_ADDRESS", login.FailureWindow(30, 900))


@pytest.fixture
def basic(monkeypatch, data):
    users = data / "users.json"
    for name, role in (("lisa", Role.LASARE), ("anna", Role.ANALYTIKER), ("karin", Role.ADMIN)):
        add_user(users, name, role, PASSWORD)
    monkeypatch.setenv("TRYGGHETSMAL_AUTH", "basic")
    monkeypatch.setenv("TRYGGHETSMAL_USERS_FILE", str(users))
    return data


@pytest.fixture
def hashes_checked(monkeypatch):
    """Every password hash the server checks, as (stored hash, password) pairs."""
    checked = []
    real = auth.check_password_hash

    def counting(stored: str, password: str) -> bool:
        checked.append((stored, password))
        return real(stored, password)

    monkeypatch.setattr(auth, "check_password_hash", counting)
    return checked


def basic_header(name: str, password: str = PASSWORD) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


# --- 1. Host names: DNS rebinding ----------------------------------------------------------


def test_a_rebound_host_name_is_refused_before_it_can_act_as_the_local_admin(client, data):
    """The review's attack: evil.example resolved to 127.0.0.1, the user's own browser sends
    the evil Host and a matching Origin."""
    rebound = {"Host": EVIL, "Origin": f"http://{EVIL}"}
    for path in ("/", "/logg", "/data", "/original/1", "/ladda-ner/bostadsinbrott.csv"):
        response = client.get(path, headers=rebound)
        assert response.status_code == 400, path
        assert "evil.example" in response.get_data(as_text=True)
    approval = client.post(
        "/_dash-update-component", json={"output": "x"}, headers=rebound
    ).status_code
    assert approval == 400
    assert records.approval(store_of(data), "trelleborg-2019-2022", 2021) is None


@pytest.mark.parametrize(
    "host, served", [("localhost", True), ("127.0.0.1", True), ("[::1]", True), ("LOCALHOST", True)]
)
def test_without_login_the_loopback_names_on_the_served_port_are_served(client, host, served):
    # The test client serves on port 80, so a name without a port is on the served port.
    assert client.get("/", headers={"Host": host}).status_code == 200
    assert client.get("/", headers={"Host": f"{host}:8050"}).status_code == 400


@pytest.mark.parametrize(
    "host",
    ["evil.example", "127.0.0.1.evil.example", "anna@127.0.0.1", "127.0.0.1:99999", "", "a b"],
)
def test_other_host_names_are_refused_without_login(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 400


def test_host_names_with_login_come_from_the_allow_list():
    basic = Settings(auth="basic", allowed_hosts=["trygghet.kommun.se", "intern:8443"])
    assert auth.host_refusal(basic, "trygghet.kommun.se", 8050) is None
    assert auth.host_refusal(basic, "TRYGGHET.kommun.se:443", 8050, secure=True) is None
    assert auth.host_refusal(basic, "intern:8443", 8050) is None
    assert "TRYGGHETSMAL_ALLOWED_HOSTS" in auth.host_refusal(basic, "intern:8444", 8050)
    assert auth.host_refusal(basic, "evil.example", 8050) is not None
    assert auth.host_refusal(basic, "127.0.0.1:8050", 9000) is None  # a proxy on the machine
    assert auth.host_refusal(Settings(auth="header", allowed_hosts=["*"]), "any.se", None) is None
    local = Settings(auth="none", allowed_hosts=["trygghet.kommun.se"])
    assert auth.host_refusal(local, "trygghet.kommun.se", 80) is not None  # never without login
    assert auth.host_refusal(local, "127.0.0.1:8050", 8050) is None


def test_the_allow_list_is_checked_before_the_login(basic, dash_app, monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_ALLOWED_HOSTS", '["trygghet.kommun.se"]')
    anna = as_user(dash_app, "anna")
    assert anna.get("/", headers={"Host": "trygghet.kommun.se"}).status_code == 200
    refused = anna.get("/", headers={"Host": "evil.example"})
    assert refused.status_code == 400 and "WWW-Authenticate" not in refused.headers


# --- 2. Basic: one hash per login, a session after it ---------------------------------------


def test_a_login_gives_a_session_cookie_that_is_reused_without_checking_the_hash(
    basic, dash_app, hashes_checked
):
    client = dash_app.server.test_client()
    first = client.get("/", headers=basic_header("anna"))
    assert first.status_code == 200 and len(hashes_checked) == 1
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith(f"{login.COOKIE_NAME}=")
    for attribute in ("HttpOnly", "SameSite=Strict", "Path=/", "Expires="):
        assert attribute in cookie
    assert "Secure" not in cookie  # plain http on loopback

    # The browser keeps sending its Basic credentials; with the session they are not checked.
    for path in ("/", "/data", "/arsuppfoljning/2021.xlsx"):
        assert client.get(path, headers=basic_header("anna")).status_code == 200
    assert client.get("/original/1").status_code == 200  # the cookie alone: analytiker
    assert "Importerad" in upload(client, dash_app)
    assert len(hashes_checked) == 1
    assert "Set-Cookie" not in client.get("/").headers  # the lifetime counts from the login


def test_the_session_cookie_is_secure_under_tls(basic, dash_app):
    client = dash_app.server.test_client()
    response = client.get("/", headers=basic_header("anna"), base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]


def test_a_session_ends_with_its_lifetime_a_removed_user_or_a_new_password(
    basic, dash_app, monkeypatch
):
    client = dash_app.server.test_client()
    assert client.get("/", headers=basic_header("anna")).status_code == 200
    assert client.get("/").status_code == 200

    with monkeypatch.context() as later:
        later.setenv("TRYGGHETSMAL_SESSION_HOURS", "0.0001")  # 0,36 s
        now = auth.time.time()
        later.setattr(auth.time, "time", lambda: now + 1)
        assert client.get("/").status_code == 401

    basic_login = as_user(dash_app, "karin")
    assert basic_login.get("/").status_code == 200
    add_user(basic / "users.json", "karin", Role.ADMIN, "ett-nytt-lösenord")
    assert basic_login.get("/", headers={"Authorization": ""}).status_code == 401
    lisa = as_user(dash_app, "lisa")
    assert lisa.get("/").status_code == 200
    remove_user(basic / "users.json", "lisa")
    assert lisa.get("/", headers={"Authorization": ""}).status_code == 401


def test_a_forged_or_foreign_session_cookie_is_not_a_login(basic, dash_app):
    client = dash_app.server.test_client()
    client.set_cookie(login.COOKIE_NAME, '{"user":"karin"}')
    assert client.get("/").status_code == 401


def test_an_unknown_user_costs_one_hash_check_like_a_wrong_password(
    basic, dash_app, hashes_checked
):
    client = dash_app.server.test_client()
    assert client.get("/", headers=basic_header("okänd", "gissning-123")).status_code == 401
    assert client.get("/", headers=basic_header("anna", "gissning-123")).status_code == 401
    [(unknown, _), (known, _)] = hashes_checked
    assert unknown == login.dummy_hash() and known != unknown
    # The same algorithm and cost, so the same time (measured in bench/login.py).
    assert unknown.split("$")[0] == known.split("$")[0]


def test_logging_out_ends_the_session_even_though_the_browser_remembers_the_password(
    basic, dash_app, hashes_checked
):
    client = dash_app.server.test_client()
    remembered = basic_header("anna")
    assert client.get("/", headers=remembered).status_code == 200
    assert "Logga ut (anna)" in text(expanded(client.get("/_dash-layout").get_json()))

    out = client.get("/logga-ut", headers=remembered)
    assert out.status_code == 200 and "Du har loggat ut" in out.get_data(as_text=True)
    again = client.get("/", headers=remembered)
    assert again.status_code == 401 and "WWW-Authenticate" not in again.headers
    assert "/logga-in" in again.get_data(as_text=True)

    # /logga-in asks for the password (the browser forgets the one it remembered) ...
    prompt = client.get("/logga-in", headers=remembered)
    assert prompt.status_code == 401 and prompt.headers["WWW-Authenticate"].startswith("Basic")
    # ... and the password typed then logs in again.
    back = client.get("/logga-in", headers=remembered)
    assert back.status_code == 302 and back.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    assert len(hashes_checked) == 2


def test_without_basic_login_the_login_and_logout_addresses_explain_themselves(client, monkeypatch):
    assert client.get("/logga-in").status_code == 302
    assert "inget att logga ut från" in client.get("/logga-ut").get_data(as_text=True)
    monkeypatch.setenv("TRYGGHETSMAL_AUTH", "header")
    proxy = {"X-Forwarded-User": "omar", "X-Forwarded-Groups": "trygghetsmal-lasare"}
    out = client.get("/logga-ut", headers=proxy)
    assert out.status_code == 200 and "kommunens inloggningstjänst" in out.get_data(as_text=True)
    assert "Set-Cookie" not in out.headers


def test_failed_logins_are_limited_per_user_and_per_address(basic, dash_app, hashes_checked):
    client = dash_app.server.test_client()
    for _ in range(10):
        assert client.get("/", headers=basic_header("anna", "fel-lösenord")).status_code == 401
    blocked = client.get("/", headers=basic_header("anna"))  # even the right password, now
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 800
    assert "För många misslyckade inloggningar" in blocked.get_data(as_text=True)
    assert len(hashes_checked) == 10  # a blocked attempt costs no hash
    elsewhere = dash_app.server.test_client()
    assert (
        elsewhere.get(
            "/", headers=basic_header("karin"), environ_overrides={"REMOTE_ADDR": "127.0.0.2"}
        ).status_code
        == 200
    )

    guesser = {"REMOTE_ADDR": "127.0.0.3"}
    for number in range(30):
        name = f"namn{number}"
        client.get("/", headers=basic_header(name, "x"), environ_overrides=guesser)
    assert (
        client.get("/", headers=basic_header("karin"), environ_overrides=guesser).status_code == 429
    )


def test_the_failure_window_forgets_old_failures_and_stays_bounded():
    window = login.FailureWindow(limit=2, seconds=60, keys=3)
    window.fail("anna", now=0)
    window.fail("anna", now=10)
    assert window.wait("anna", now=20) == 40
    assert window.wait("anna", now=60.5) == 0
    for name in ("a", "b", "c", "d"):
        window.fail(name, now=100)
    assert len(window._failures) == 3


def test_the_session_key_is_made_once_private_and_shared(tmp_path):
    path = tmp_path / "session-key"
    key = login.session_key(path)
    assert path.read_bytes() == key and path.stat().st_mode & 0o777 == 0o600
    login.session_key.cache_clear()
    assert login.session_key(path) == key


# --- 3. Header: a header given twice ------------------------------------------------------


def test_a_proxy_header_given_twice_is_refused(tmp_path):
    settings = Settings(data_dir=tmp_path, auth="header", trusted_proxies=["10.0.0.2"])
    joined = {"X-Forwarded-User": "omar", "X-Forwarded-Groups": "trygghetsmal-lasare"}
    assert identify(settings, "10.0.0.2", joined).role is Role.LASARE
    marked = {**joined, REPEATED_HEADER: "X-Forwarded-Groups"}
    with pytest.raises(Refused, match="kom mer än en gång") as refused:
        identify(settings, "10.0.0.2", marked)
    assert refused.value.status == 400
    # The WSGI server joins repeated lines with a comma; no user name has one.
    with pytest.raises(Refused, match="X-Forwarded-User kom mer än en gång"):
        identify(settings, "10.0.0.2", {**joined, "X-Forwarded-User": "mallory,omar"})


class _ParsedRequest:
    def __init__(self, headers):
        self.headers = headers


def test_serve_marks_a_user_or_group_header_that_came_twice(monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_AUTH", "header")
    twice = _ParsedRequest(
        [
            ("HOST", "127.0.0.1"),
            ("X-FORWARDED-GROUPS", "trygghetsmal-admin"),
            ("X-FORWARDED-USER", "omar"),
            ("X-FORWARDED-GROUPS", "trygghetsmal-lasare"),
        ]
    )
    auth.mark_repeated_headers(None, twice)
    assert twice.headers[-1] == (REPEATED_HEADER.upper(), "X-Forwarded-Groups")
    once = _ParsedRequest([("X-FORWARDED-USER", "omar"), ("X-FORWARDED-GROUPS", "a,b")])
    auth.mark_repeated_headers(None, once)
    assert len(once.headers) == 2


# --- 4. Callback inputs -------------------------------------------------------------------


def test_an_approval_for_a_year_outside_the_period_is_refused_and_approves_nothing(client, data):
    client.get("/")
    for year in (1900, "2021; DROP", None, [2021], True, "", 2023):
        response = _approve(client, year)
        assert response.status_code == 400, year
        assert "Felaktigt anrop" in response.get_data(as_text=True)
    assert records.approval(store_of(data), "trelleborg-2019-2022", 2022) is None
    assert "utanför överenskommelsens period 2019–2022" in _approve(client, 1900).get_data(
        as_text=True
    )
    assert _approve(client, 2021, action="radera").status_code == 400
    assert _approve(client, 2021).status_code == 200
    assert records.approval(store_of(data), "trelleborg-2019-2022", 2021) is not None


def _approve(client, year, action="faststall"):
    return client.post(
        "/_dash-update-component",
        json={
            "output": "..annual-body.children...annual-approval-message.children..",
            "outputs": [
                {"id": "annual-body", "property": "children"},
                {"id": "annual-approval-message", "property": "children"},
            ],
            "inputs": [{"id": "annual-approval", "property": "submit_n_clicks", "value": 1}],
            "state": [
                {"id": "annual-approval-action", "property": "data", "value": action},
                {"id": "annual-author", "property": "value", "value": "Karin"},
                {"id": "annual-year", "property": "data", "value": year},
                {"id": "annual-agreement", "property": "data", "value": "trelleborg-2019-2022"},
            ],
            "changedPropIds": ["annual-approval.submit_n_clicks"],
        },
    )


def test_a_comment_for_a_year_outside_the_period_or_not_text_is_refused(client, dash_app, data):
    client.get("/")
    goal = {"goal": "bostadsinbrott", "type": "comment-save"}

    def comment(text_value, year):
        return client.post(
            "/_dash-update-component",
            json={
                "output": next(k for k in dash_app.callback_map if "comment-view" in k),
                "outputs": [
                    {"id": {**goal, "type": "comment-view"}, "property": "children"},
                    {"id": {**goal, "type": "comment-message"}, "property": "children"},
                ],
                "inputs": [{"id": goal, "property": "n_clicks", "value": 1}],
                "state": [
                    {
                        "id": {**goal, "type": "comment-text"},
                        "property": "value",
                        "value": text_value,
                    },
                    {"id": "annual-author", "property": "value", "value": "Anna"},
                    {"id": "annual-year", "property": "data", "value": year},
                    {
                        "id": "annual-agreement",
                        "property": "data",
                        "value": "trelleborg-2019-2022",
                    },
                ],
                "changedPropIds": [json.dumps(goal, separators=(",", ":")) + ".n_clicks"],
            },
        )

    assert comment("Text", 1900).status_code == 400
    assert comment(["Text"], 2021).status_code == 400
    assert comment({"a": 1}, 2021).status_code == 400
    assert records.comments(store_of(data), "trelleborg-2019-2022", 2021) == []
    assert comment("Text", 2021).status_code == 200
    unknown = save(client, dash_app, "bostadsinbrott", "Text", "Anna")
    assert unknown.startswith("Sparad")


@pytest.mark.parametrize(
    "name, reason",
    [
        ("..", "inget filnamn"),
        ("", "inget namn"),
        ("sol\x00.csv", "styrtecken"),
        ("a" * 252 + ".csv", "längre än 255 byte"),
        ("å" * 127 + ".csv", "längre än 255 byte"),  # 258 bytes in UTF-8
        ("/", "inget filnamn"),
        (None, "inget namn"),
        (["sol.csv"], "inget namn"),
    ],
)
def test_an_upload_with_a_name_no_file_can_have_is_refused_in_swedish(
    client, dash_app, data, name, reason
):
    client.get("/")
    result = _upload(client, dash_app, [_sol_content()], [name])
    assert "Avvisad" in result and reason in result
    assert len(store_of(data).imports()) == 1  # only the fixture's


def test_an_upload_keeps_only_the_base_name_and_refuses_a_broken_file(client, dash_app, data):
    client.get("/")
    result = " ".join(_upload(client, dash_app, [_sol_content()], ["../../sol-2022.csv"]).split())
    assert "Importerad sol-2022.csv" in result
    assert [i["file"] for i in store_of(data).imports()][-1] == "sol-2022.csv"
    broken = " ".join(
        _upload(client, dash_app, ["data:text/csv;base64,@@@"], ["trasig.csv"]).split()
    )
    assert "Avvisad trasig.csv" in broken and "ogiltig base64" in broken
    assert "kom inte fram" in _upload(client, dash_app, ["inte en data-url"], ["x.csv"])


def test_an_upload_whose_names_do_not_match_its_files_is_a_bad_request(client, dash_app):
    client.get("/")
    for contents, names in (([_sol_content()], []), ([_sol_content()], None), ("x", ["a.csv"])):
        response = _post_upload(client, dash_app, contents, names)
        assert response.status_code == 400, (contents, names)


def _sol_content() -> str:
    lines = [SOL_HEADER, BURGLARY.format(year=2022, count=97)]
    return "data:text/csv;base64," + base64.b64encode("\n".join(lines).encode("latin-1")).decode()


def _post_upload(client, dash_app, contents, names):
    return client.post(
        "/_dash-update-component",
        json={
            "output": next(k for k in dash_app.callback_map if "uppladdning-resultat" in k),
            "outputs": [
                {"id": "uppladdning-resultat", "property": "children"},
                {"id": "importhistorik", "property": "children"},
                {"id": "uppladdning", "property": "contents"},
            ],
            "inputs": [{"id": "uppladdning", "property": "contents", "value": contents}],
            "state": [{"id": "uppladdning", "property": "filename", "value": names}],
            "changedPropIds": ["uppladdning.contents"],
        },
    )


def _upload(client, dash_app, contents, names) -> str:
    response = _post_upload(client, dash_app, contents, names)
    assert response.status_code == 200, response.data
    return text(response.get_json()["response"]["uppladdning-resultat"]["children"])


MALFORMED_VALUES = [None, 0, -1, 10**30, "", "x" * 10_000, [], [None], {}, {"a": [1]}, True]


def test_no_callback_answers_a_malformed_body_or_value_with_a_500(client, dash_app, data):
    """Every server callback of the app, with each input and state replaced by odd values,
    and the body itself broken in the ways Dash does not check."""
    client.get("/")
    for output, spec in dash_app.callback_map.items():
        if spec.get("callback") is None:
            continue
        body = _well_formed(output, spec)
        for part in ("inputs", "state"):
            for index in range(len(body[part])):
                for value in MALFORMED_VALUES:
                    changed = json.loads(json.dumps(body))
                    changed[part][index]["value"] = value
                    response = client.post("/_dash-update-component", json=changed)
                    assert response.status_code in (200, 204, 400), (output, part, value)
        for broken in _broken_bodies(body):
            response = client.post("/_dash-update-component", json=broken)
            assert response.status_code == 400, (output, broken)
    for raw in (b"", b"{", b"null", b'"x"', b"[1]"):
        response = client.post(
            "/_dash-update-component", data=raw, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert "Felaktigt anrop" in response.get_data(as_text=True)


def _well_formed(output: str, spec: dict) -> dict:
    def concrete(component_id: str):
        if not component_id.startswith("{"):
            return component_id
        return {
            k: ("bostadsinbrott" if isinstance(v, list) else v)
            for k, v in json.loads(component_id).items()
        }

    declared = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    outputs = [
        {"id": concrete(str(o.component_id_str())), "property": o.component_property}
        for o in declared
    ]
    return {
        "output": output,
        "outputs": outputs if isinstance(spec["output"], list) else outputs[0],
        "inputs": [
            {"id": concrete(i["id"]), "property": i["property"], "value": None}
            for i in spec["inputs"]
        ],
        "state": [
            {"id": concrete(s["id"]), "property": s["property"], "value": None}
            for s in spec["state"]
        ],
        "changedPropIds": [],
    }


def _broken_bodies(body: dict) -> list:
    broken = [
        {**body, "output": "finns.inte"},
        {**body, "output": None},
        {**body, "inputs": body["inputs"][:-1] if body["inputs"] else [{"id": "x"}]},
        {**body, "inputs": "x"},
        {**body, "state": [*body["state"], {"id": "x", "property": "y"}]},
        {**body, "outputs": "x"},
        {**body, "changedPropIds": [1]},
        {k: v for k, v in body.items() if k != "output"},
    ]
    if body["inputs"]:
        wrong_id = json.loads(json.dumps(body))
        wrong_id["inputs"][0]["id"] = "annat-id"
        broken.append(wrong_id)
    return broken


def test_the_clicked_point_tolerates_any_click_data():
    from pages.charts import selected_point

    for click in (
        None,
        [],
        "x",
        {"points": "x"},
        {"points": [None]},
        {"points": [{"customdata": 5}]},
    ):
        assert selected_point(click) == []


def test_odd_address_parameters_are_named_on_the_page_never_a_500(client, data):
    body = " ".join(text(content(render(client, "/?ar=2020&ar=2021"))).split())
    assert "”2020,2021” är inget årtal" in body
    for path in ("/mal/bostadsinbrott?ar=x&ar=y", "/lagesbild?vecka=a&vecka=b", "/mal/%00"):
        render(client, path)  # asserts a 200


# --- 5. Downloads stay out of caches ------------------------------------------------------


def test_data_and_pages_are_never_cached_but_code_is(client, data):
    for path in (
        "/",
        "/ladda-ner/bostadsinbrott.csv",
        "/arsuppfoljning/2021.xlsx",
        "/original/1",
        "/_dash-layout",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "private, no-store", path
    assert "no-store" not in client.get("/assets/10-trygghetsmal.css").headers.get(
        "Cache-Control", ""
    )
