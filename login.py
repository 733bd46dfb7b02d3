"""What a Basic login needs besides the users file: a session cookie, so the costly password
hash is checked once per login instead of once per request, and a limit on failed attempts.

- The session is Flask's signed cookie (itsdangerous, HMAC-SHA1 over the key in the data dir's
  `session-key`, shared by every gunicorn worker): HttpOnly, SameSite=Strict, Secure under TLS,
  valid for `session_hours` from the login, never extended.
- Failed logins are counted per user name and per address in a bounded in-memory window.
  Flask-Limiter limits routes, and what is limited here is failures inside the authentication
  that runs before every route; one small class does it, with no dependency and no thread.
  The window is per process: with gunicorn's 2 workers an attacker gets at most twice the limit.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict, deque
from functools import cache
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from itsdangerous import URLSafeTimedSerializer
from werkzeug.security import generate_password_hash

from settings import Settings, get_settings

COOKIE_NAME = "trygghetsmal-session"
KEY_FILE = "session-key"
log = logging.getLogger(__name__)


class SessionCookies(SecureCookieSessionInterface):
    """Flask's cookie session, with its key, lifetime and Secure flag taken per request, and
    none at all unless auth is basic (no login, no cookie)."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        settings = get_settings()
        if settings.auth != "basic":
            return None
        return URLSafeTimedSerializer(
            session_key(key_path(settings)),
            salt=self.salt,
            serializer=self.serializer,
            signer_kwargs={
                "key_derivation": self.key_derivation,
                "digest_method": self.digest_method,
            },
        )

    def get_cookie_name(self, app: Flask) -> str:
        return COOKIE_NAME

    def get_cookie_secure(self, app: Flask) -> bool:
        # Per request, not per app: one process may serve the proxy's https and a local http.
        return request.is_secure

    def get_cookie_samesite(self, app: Flask) -> str:
        return "Strict"

    def get_cookie_httponly(self, app: Flask) -> bool:
        return True

    def get_expiration_time(self, app: Flask, session: SessionMixin) -> dt.datetime | None:
        if not session.permanent:
            return None
        return dt.datetime.now(dt.UTC) + dt.timedelta(hours=get_settings().session_hours)

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        # Only when the login changes it: the lifetime counts from the login, not the last click.
        return session.modified


def key_path(settings: Settings) -> Path:
    return settings.data_dir / KEY_FILE


@cache
def session_key(path: Path) -> bytes:
    """The signing key, made once (O_EXCL: two workers starting together agree on one) and kept
    in the data dir, so a restart does not log everyone out. A data dir that cannot be written
    gets a key for this process only: logins then last until it restarts, and a request that
    reaches the other worker logs in once more."""
    try:
        return path.read_bytes().strip() or _new_key(path)
    except FileNotFoundError:
        try:
            return _new_key(path)
        except FileExistsError:
            return path.read_bytes().strip()
        except OSError as exc:
            log.warning("session-key kunde inte skrivas (%s); nyckeln gäller bara processen", exc)
            return secrets.token_hex(32).encode()


def _new_key(path: Path) -> bytes:
    key = secrets.token_hex(32).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(handle, "wb") as file:
        file.write(key)
    return key


@cache
def dummy_hash() -> str:
    """Checked for an unknown user name, so that it costs what a wrong password costs: the
    answer's timing must not tell which names exist."""
    return generate_password_hash(secrets.token_hex(16))


class FailureWindow:
    """Failures per key in a sliding window; at most `keys` keys, the least recent dropped, so
    guessing with ever new names cannot grow memory."""

    def __init__(self, limit: int, seconds: float, keys: int = 10_000):
        self.limit, self.seconds, self.keys = limit, seconds, keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, key: str, now: float | None = None) -> float:
        """Seconds until `key` may try again; 0 when it may now."""
        now = time.monotonic() if now is None else now
        with self._lock:
            failures = self._recent(key, now)
            if len(failures) < self.limit:
                return 0.0
            return failures[-self.limit] + self.seconds - now

    def fail(self, key: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            failures = self._recent(key, now)
            failures.append(now)
            self._failures[key] = failures
            self._failures.move_to_end(key)
            while len(self._failures) > self.keys:
                self._failures.popitem(last=False)

    def forget(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key, deque())
        while failures and failures[0] <= now - self.seconds:
            failures.popleft()
        return failures
