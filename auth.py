"""Who is asking, and may they: authentication modes, roles and the server-side checks.

Before anything else, the Host the request names must be ours: loopback names with the served
port without login (so a page on another site that has rebound its DNS name to 127.0.0.1 is
refused), loopback names or TRYGGHETSMAL_ALLOWED_HOSTS with it.

Three modes (settings `auth`):
- `none`: no login; only requests from the machine itself are served (and `serve` refuses to
  bind anywhere but loopback), and the local user may do everything.
- `basic`: HTTP Basic against a users file of salted scrypt hashes (`trygghetsmal user add`),
  checked once per login; the login is then a signed session cookie (login.py) until it
  expires or the user logs out at /logga-ut.
- `header`: a reverse proxy doing the kommun's single sign-on puts the user and their groups in
  headers; they are believed only from the configured proxy addresses, and only once each.

Roles are enforced here, on the server, for every request; pages only hide what a role cannot
use.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import ipaddress
import json
import math
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, g, redirect, request, session
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from werkzeug.datastructures import Authorization
from werkzeug.security import check_password_hash, generate_password_hash

from login import FailureWindow, SessionCookies, dummy_hash
from settings import Settings, get_settings

REALM = "Trygghetsmål"


# Who acts when no login is configured (the server then answers the own computer only), and
# who runs the command line: never the operating system's account name.
LOCAL_USER = "lokal användare"


class Role(enum.IntEnum):
    """Ordered: each role may do everything the ones below it may."""

    LASARE = 1
    ANALYTIKER = 2
    ADMIN = 3

    @property
    def id(self) -> str:
        return self.name.lower()

    @property
    def label(self) -> str:
        return {"LASARE": "läsare", "ANALYTIKER": "analytiker", "ADMIN": "admin"}[self.name]

    @classmethod
    def from_id(cls, role_id: str) -> Role:
        return cls[role_id.upper()]


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    authenticated: bool = True  # False for the local user when no authentication is configured


class StoredUser(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str = Field(pattern="^(lasare|analytiker|admin)$")
    password_hash: str = Field(min_length=20)


class UsersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    users: dict[str, StoredUser] = {}


class Refused(Exception):
    """A request answered with `status` and a Swedish reason. `challenge`: a 401 that asks the
    browser for a password (not after a logout, where it would only log in again)."""

    def __init__(
        self, status: int, message: str, *, challenge: bool = True, retry_after: int | None = None
    ):
        super().__init__(message)
        self.status = status
        self.challenge = challenge
        self.retry_after = retry_after


# --- the users file -------------------------------------------------------------------------


def read_users(path: Path) -> UsersFile:
    if not path.exists():
        return UsersFile()
    try:
        return UsersFile.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise ValueError(
            f"Användarfilen {path} kunde inte läsas: {exc.errors()[0]['msg']}"
        ) from None


def add_user(path: Path, name: str, role: Role, password: str) -> None:
    """Add or replace a user."""
    if not name.strip() or ":" in name:
        raise ValueError("Användarnamnet får inte vara tomt eller innehålla kolon.")
    if len(password) < 10:
        raise ValueError("Lösenordet måste ha minst 10 tecken.")
    users = read_users(path)
    users.users[name.strip()] = StoredUser(
        role=role.id, password_hash=generate_password_hash(password)
    )
    _write_users(path, users)


def remove_user(path: Path, name: str) -> None:
    users = read_users(path)
    if users.users.pop(name.strip(), None) is None:
        raise ValueError(f"Det finns ingen användare {name!r} i {path}.")
    _write_users(path, users)


def _write_users(path: Path, users: UsersFile) -> None:
    """Replaced atomically, so a crash never leaves a truncated users file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".users-")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(json.dumps(users.model_dump(), ensure_ascii=False, indent=2))
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def users_path(settings: Settings) -> Path:
    return settings.users_file or settings.data_dir / "users.json"


# --- the Host a request names -------------------------------------------------------------

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
# A name or IPv4 address, or a bracketed IPv6 address, and an optional port: nothing else is
# a Host a browser sends (no user info, no path, no spaces).
HOST_SYNTAX = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def host_refusal(
    settings: Settings, host: str, served_port: int | None, secure: bool = False
) -> str | None:
    """None when the Host header names us; otherwise why not, in Swedish.

    Without login only the loopback names with the port we serve on are ours: a site whose
    name has been rebound to 127.0.0.1 sends its own name, and is refused before it can act
    as the local admin. With login, TRYGGHETSMAL_ALLOWED_HOSTS adds the names the server is
    reached by."""
    parsed = _parse_host(host)
    if parsed is not None:
        name, port = parsed
        port = port or (443 if secure else 80)
        if settings.auth == "none":
            if name in LOOPBACK_HOSTS and served_port in (None, port):
                return None
        elif name in LOOPBACK_HOSTS or any(
            _host_matches(entry, name, port) for entry in settings.allowed_hosts
        ):
            return None
    if settings.auth == "none":
        return (
            f"Värdnamnet {host!r} tas inte emot: utan inloggning svarar Trygghetsmål bara på "
            "localhost, 127.0.0.1 och [::1] med sin egen port."
        )
    return (
        f"Värdnamnet {host!r} tas inte emot. Den som driftar tjänsten lägger till det i "
        "TRYGGHETSMAL_ALLOWED_HOSTS."
    )


def _parse_host(host: str) -> tuple[str, int | None] | None:
    if not HOST_SYNTAX.fullmatch(host):
        return None
    try:
        parts = urlsplit(f"//{host}")
        return (parts.hostname or "").rstrip("."), parts.port
    except ValueError:  # a port beyond 65535
        return None


def _host_matches(entry: str, name: str, port: int) -> bool:
    if entry.strip() == "*":
        return True
    wanted = _parse_host(entry.strip())
    return wanted is not None and wanted[0] == name and wanted[1] in (None, port)


def served_port(environ: dict) -> int | None:
    """The port this server accepted the request on: gunicorn's socket (its SERVER_PORT comes
    from the Host header, which is what is being checked), else the WSGI server's own."""
    connection = environ.get("gunicorn.socket")
    if connection is not None:
        with contextlib.suppress(OSError):
            address = connection.getsockname()
            return address[1] if isinstance(address, tuple) else None
        return None
    port = str(environ.get("SERVER_PORT", ""))
    return int(port) if port.isdigit() else None


# --- identifying the user -------------------------------------------------------------------


def is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def identify(
    settings: Settings,
    remote_addr: str | None,
    headers,
    session: MutableMapping[str, Any] | None = None,
) -> User:
    """The user behind a request, or Refused with the HTTP status and a Swedish reason."""
    match settings.auth:
        case "none":
            if not is_loopback(remote_addr):
                raise Refused(
                    403,
                    "Utan inloggning tar Trygghetsmål bara emot anrop från den egna "
                    "datorn. Be den som driftar tjänsten att slå på inloggning.",
                )
            return User(LOCAL_USER, Role.ADMIN, authenticated=False)
        case "basic":
            return _basic_user(settings, remote_addr, headers, {} if session is None else session)
        case _:
            return _proxy_user(settings, remote_addr, headers)


# --- basic: one password check per login ----------------------------------------------------

FAILURE_WINDOW_SECONDS = 15 * 60
FAILURES_PER_USER = FailureWindow(limit=10, seconds=FAILURE_WINDOW_SECONDS)
FAILURES_PER_ADDRESS = FailureWindow(limit=30, seconds=FAILURE_WINDOW_SECONDS)
LOGGED_OUT = "utloggad"


def _basic_user(
    settings: Settings, remote_addr: str | None, headers, session: MutableMapping[str, Any]
) -> User:
    users = _users(users_path(settings))
    if session.get(LOGGED_OUT):
        # The browser keeps resending the password it remembers; only /logga-in takes it again.
        raise Refused(401, "Du har loggat ut. Logga in igen på /logga-in.", challenge=False)
    signed_in = _session_user(settings, users, session)
    if signed_in is not None:
        return signed_in
    authorization = Authorization.from_header(headers.get("Authorization"))
    if authorization is None or authorization.type != "basic":
        raise Refused(401, "Logga in med ditt användarnamn och lösenord.")
    name = authorization.username or ""
    _refuse_while_blocked(name, remote_addr)
    stored = users.users.get(name)
    # An unknown name is checked against a dummy hash: it costs what a wrong password costs.
    matches = check_password_hash(
        stored.password_hash if stored else dummy_hash(), authorization.password or ""
    )
    if stored is None or not matches:
        FAILURES_PER_USER.fail(_user_key(name))
        FAILURES_PER_ADDRESS.fail(remote_addr or "")
        raise Refused(401, "Fel användarnamn eller lösenord.")
    FAILURES_PER_USER.forget(_user_key(name))
    session.clear()
    session.update(user=name, password=_fingerprint(stored), since=time.time(), _permanent=True)
    return User(name, Role.from_id(stored.role))


def _session_user(
    settings: Settings, users: UsersFile, session: MutableMapping[str, Any]
) -> User | None:
    """The session's user while the login is valid: not expired, and the user still in the
    users file with the same password (a removed user or a changed password ends it)."""
    name = session.get("user")
    if not isinstance(name, str):
        return None
    stored = users.users.get(name)
    since = session.get("since")
    if (
        stored is None
        or session.get("password") != _fingerprint(stored)
        or not isinstance(since, (int, float))
        or time.time() - since >= settings.session_hours * 3600
    ):
        session.clear()
        return None
    return User(name, Role.from_id(stored.role))


def _refuse_while_blocked(name: str, remote_addr: str | None) -> None:
    wait = max(
        FAILURES_PER_USER.wait(_user_key(name)), FAILURES_PER_ADDRESS.wait(remote_addr or "")
    )
    if wait > 0:
        minutes = max(1, math.ceil(wait / 60))
        raise Refused(
            429,
            f"För många misslyckade inloggningar. Försök igen om {minutes} "
            f"{'minut' if minutes == 1 else 'minuter'}.",
            challenge=False,
            retry_after=math.ceil(wait),
        )


def _user_key(name: str) -> str:
    return name.strip().casefold()


def _fingerprint(stored: StoredUser) -> str:
    """Ties a session to the password it was made with; the cookie carries a digest of the
    salted hash, never the hash."""
    return hashlib.sha256(stored.password_hash.encode()).hexdigest()[:16]


def _users(path: Path) -> UsersFile:
    """The users file, read again only when it changes (`user add` and `remove` apply at once)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return UsersFile()
    return _users_as_of(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=4)
def _users_as_of(path: Path, _mtime_ns: int, _size: int) -> UsersFile:
    return read_users(path)


# --- header: a trusted proxy ----------------------------------------------------------------

# Set by `serve` (mark_repeated_headers) when the user or group header came more than once: the
# WSGI server joins repeated lines into one value, so a client's own copy would merge with the
# proxy's. A client sending this header itself only refuses its own request.
REPEATED_HEADER = "X-Trygghetsmal-Repeated-Header"


def _proxy_user(settings: Settings, remote_addr: str | None, headers) -> User:
    if remote_addr not in settings.trusted_proxies:
        raise Refused(403, "Anropet kom inte via den betrodda inloggningsproxyn.")
    repeated = headers.get(REPEATED_HEADER)
    name = (headers.get(settings.auth_user_header) or "").strip()
    if repeated or "," in name:
        raise Refused(
            400,
            f"Rubriken {repeated or settings.auth_user_header} kom mer än en gång; "
            "inloggningsproxyn ska ta bort klientens egna exemplar.",
        )
    if not name:
        raise Refused(401, "Inloggningsproxyn skickade ingen användare.", challenge=False)
    groups = {
        g.strip()
        for g in (headers.get(settings.auth_groups_header) or "").replace(";", ",").split(",")
        if g.strip()
    }
    roles = [Role.from_id(role) for group, role in settings.group_roles.items() if group in groups]
    if not roles:
        raise Refused(403, f"{name} är inte med i någon grupp som ger tillgång till Trygghetsmål.")
    return User(name, max(roles))


def mark_repeated_headers(_worker, request) -> None:
    """gunicorn's pre_request hook: sees the header lines before they are joined, and marks a
    request whose user or group header came more than once (header mode refuses it)."""
    settings = get_settings()
    if settings.auth != "header":
        return
    watched = {
        _header_key(settings.auth_user_header): settings.auth_user_header,
        _header_key(settings.auth_groups_header): settings.auth_groups_header,
    }
    seen = Counter(_header_key(name) for name, _ in request.headers)
    repeated = [label for key, label in watched.items() if seen[key] > 1]
    if repeated:
        request.headers.append((REPEATED_HEADER.upper(), ", ".join(repeated)))


def _header_key(name: str) -> str:
    # What the WSGI environ makes of it: case and - versus _ do not tell two headers apart.
    return name.upper().replace("_", "-")


NOBODY = User("okänd", Role.LASARE, authenticated=False)


def current_user() -> User:
    """The request's user; NOBODY (read only) for Dash's own setup before authentication ran."""
    return g.get("user", NOBODY)


def acting_name(typed: str | None) -> str:
    """The name an action is recorded under: the logged-in user, or without login what was typed."""
    user = current_user()
    return user.name if user.authenticated else (typed if isinstance(typed, str) else "").strip()


def refusal(needed: Role, doing: str) -> str | None:
    """None when the current user may; otherwise the Swedish sentence saying why not."""
    user = current_user()
    if user.role >= needed:
        return None
    return f"{user.name} är {user.role.label} och kan inte {doing}; det kräver {needed.label}."


# --- the Flask integration ------------------------------------------------------------------

SECURITY_HEADERS = {
    # Dash renders from its own bundles; plotly and Dash inject styles, the sparklines are data:
    # images, and the renderer's one inline script is allowed by its hash (added at install).
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Code and styles, the same for everyone; everything else may carry sekretess data or a page
# rendered for one user, and stays out of every cache.
PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")
LOGIN_PATH, LOGOUT_PATH = "/logga-in", "/logga-ut"


def content_security_policy(inline_script_hashes: list[str]) -> str:
    script_sources = " ".join(inline_script_hashes)
    return (
        "default-src 'self'; "
        f"script-src 'self' {script_sources}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def protect(server: Flask, inline_script_hashes: Callable[[], list[str]]) -> None:
    """`inline_script_hashes` is asked per response: Dash adds the pages' clientside callbacks
    as inline scripts only when it serves its first request."""
    server.session_interface = SessionCookies()

    @server.before_request
    def _authenticate():
        settings = get_settings()
        try:
            refused_host = host_refusal(
                settings, request.host, served_port(request.environ), request.is_secure
            )
            if refused_host:
                raise Refused(400, refused_host)
            if request.path == LOGOUT_PATH:
                return _log_out(settings)
            if (
                request.path == LOGIN_PATH
                and settings.auth == "basic"
                and session.pop(LOGGED_OUT, None)
            ):
                raise Refused(401, "Logga in med ditt användarnamn och lösenord.")
            g.user = identify(settings, request.remote_addr, request.headers, session)
            _check_origin()
        except Refused as refused:
            return _refusal_response(refused)
        if request.path == LOGIN_PATH:
            return redirect("/")
        return None

    @server.after_request
    def _headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault(
            "Content-Security-Policy", content_security_policy(inline_script_hashes())
        )
        if not request.path.startswith(PUBLIC_PREFIXES):
            response.headers["Cache-Control"] = "private, no-store"
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def _log_out(settings: Settings) -> Response:
    if settings.auth == "basic":
        session.clear()
        session.update({LOGGED_OUT: True, "_permanent": True})
        return _page(200, "Du är utloggad", "Du har loggat ut från Trygghetsmål.", login_link=True)
    if settings.auth == "header":
        return _page(
            200, "Logga ut", "Inloggningen sköts av kommunens inloggningstjänst; logga ut där."
        )
    return _page(200, "Logga ut", "Utan inloggning finns det inget att logga ut från.")


def _check_origin() -> None:
    """A state-changing request must come from our own pages, never from another site's form."""
    if request.method not in STATE_CHANGING:
        return
    origin = request.headers.get("Origin")
    if origin is not None:
        # Host, not scheme: behind a TLS proxy the app sees http while the browser says https.
        if urlsplit(origin).netloc != request.host:
            raise Refused(403, "Anropet kom från en annan webbplats och avvisades.")
    elif request.headers.get("Sec-Fetch-Site") not in (None, "same-origin", "none"):
        raise Refused(403, "Anropet kom från en annan webbplats och avvisades.")


def _refusal_response(refused: Refused) -> Response:
    message = refused.args[0]
    if request.method == "GET" and request.accept_mimetypes.accept_html:
        response = _page(refused.status, "Trygghetsmål", message, login_link=not refused.challenge)
    else:
        response = Response(
            message + "\n", status=refused.status, content_type="text/plain; charset=utf-8"
        )
    if refused.status == 401 and refused.challenge and get_settings().auth == "basic":
        response.headers["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    if refused.retry_after is not None:
        response.headers["Retry-After"] = str(refused.retry_after)
    return response


def _page(status: int, heading: str, message: str, *, login_link: bool = False) -> Response:
    """A small page of its own for answers given before the app (no Dash, no data)."""
    link = (
        f'<p><a href="{LOGIN_PATH}">Logga in igen</a></p>'
        if login_link and get_settings().auth == "basic"
        else ""
    )
    body = (
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
        f"<title>{escape(heading)} – {REALM}</title></head>"
        f"<body><main><h1>{escape(heading)}</h1><p>{escape(message)}</p>{link}</main></body></html>"
    )
    return Response(body, status=status, content_type="text/html; charset=utf-8")
