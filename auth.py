"""Who is asking, and may they: authentication modes, roles and the server-side checks.

Three modes (settings `auth`):
- `none`: no login; only requests from the machine itself are served (and `serve` refuses to
  bind anywhere but loopback), and the local user may do everything.
- `basic`: HTTP Basic against a users file of salted scrypt hashes (`trygghetsmal user add`).
  The browser resends the credentials with every request, so no session cookie is needed.
- `header`: a reverse proxy doing the kommun's single sign-on puts the user and their groups in
  headers; they are believed only from the configured proxy addresses.

Roles are enforced here, on the server, for every request; pages only hide what a role cannot
use.
"""

from __future__ import annotations

import enum
import ipaddress
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, g, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from werkzeug.datastructures import Authorization
from werkzeug.security import check_password_hash, generate_password_hash

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
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


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


# --- identifying the user -------------------------------------------------------------------


def is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def identify(settings: Settings, remote_addr: str | None, headers) -> User:
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
            return _basic_user(settings, headers)
        case _:
            return _proxy_user(settings, remote_addr, headers)


def _basic_user(settings: Settings, headers) -> User:
    authorization = Authorization.from_header(headers.get("Authorization"))
    if authorization is None or authorization.type != "basic":
        raise Refused(401, "Logga in med ditt användarnamn och lösenord.")
    stored = read_users(users_path(settings)).users.get(authorization.username or "")
    if stored is None or not check_password_hash(
        stored.password_hash, authorization.password or ""
    ):
        raise Refused(401, "Fel användarnamn eller lösenord.")
    return User(authorization.username, Role.from_id(stored.role))


def _proxy_user(settings: Settings, remote_addr: str | None, headers) -> User:
    if remote_addr not in settings.trusted_proxies:
        raise Refused(403, "Anropet kom inte via den betrodda inloggningsproxyn.")
    name = (headers.get(settings.auth_user_header) or "").strip()
    if not name:
        raise Refused(401, "Inloggningsproxyn skickade ingen användare.")
    groups = {
        g.strip()
        for g in (headers.get(settings.auth_groups_header) or "").replace(";", ",").split(",")
        if g.strip()
    }
    roles = [Role.from_id(role) for group, role in settings.group_roles.items() if group in groups]
    if not roles:
        raise Refused(403, f"{name} är inte med i någon grupp som ger tillgång till Trygghetsmål.")
    return User(name, max(roles))


NOBODY = User("okänd", Role.LASARE, authenticated=False)


def current_user() -> User:
    """The request's user; NOBODY (read only) for Dash's own setup before authentication ran."""
    return g.get("user", NOBODY)


def acting_name(typed: str | None) -> str:
    """The name an action is recorded under: the logged-in user, or without login what was typed."""
    user = current_user()
    return user.name if user.authenticated else (typed or "").strip()


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
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

    @server.before_request
    def _authenticate():
        settings = get_settings()
        server.config["SESSION_COOKIE_SECURE"] = request.is_secure
        try:
            g.user = identify(settings, request.remote_addr, request.headers)
            _check_origin()
        except Refused as refused:
            return _refusal_response(refused)
        return None

    @server.after_request
    def _headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault(
            "Content-Security-Policy", content_security_policy(inline_script_hashes())
        )
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


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
    response = Response(
        refused.args[0] + "\n", status=refused.status, content_type="text/plain; charset=utf-8"
    )
    if refused.status == 401 and get_settings().auth == "basic":
        response.headers["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    return response
