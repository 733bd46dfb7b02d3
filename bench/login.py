"""What a login costs, and whether its timing tells which user names exist (auth = basic).

Serves an empty data dir with `trygghetsmal serve` (gunicorn, 2 workers) on loopback and sends,
one at a time and interleaved, failed logins for names that exist (wrong password) and for
names that do not. Each attempt comes from its own loopback address and each existing name is
tried at most three times, so the limit on failed logins (10 per name, 30 per address in 15
minutes) never answers in their place. Then the cost of a right password (a new login) and of
a request that carries the session cookie.
Target: an unknown name costs what a wrong password costs: medians within 10 % (ratio
0,90–1,10); a request with the session costs no password hash (far below a login).
Run: .venv/bin/python bench/login.py [--attempts 60]
"""

from __future__ import annotations

import argparse
import base64
import http.client
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# load.py puts the repository on the path too.
from load import HOST, free_port, percentile, start_server, stop_server  # noqa: E402

from auth import Role, add_user  # noqa: E402

PASSWORD = "rätt-lösenord-för-mätningen"
TRIES_PER_NAME = 3


def add_users(data_dir: Path, count: int) -> list[str]:
    """What `trygghetsmal user add` writes, in this process (a command per user is slow)."""
    names = [f"anvandare{number}" for number in range(count)]
    for name in names:
        add_user(data_dir / "users.json", name, Role.LASARE, PASSWORD)
    return names


def attempt(
    port: int, name: str, password: str, source: str, cookie: str | None = None
) -> tuple[float, int, str | None]:
    """One GET / as a new browser would send it; seconds, status and the session cookie."""
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection(HOST, port, timeout=30, source_address=(source, 0))
    started = time.perf_counter()
    connection.request("GET", "/", headers=headers)
    response = connection.getresponse()
    response.read()
    seconds = time.perf_counter() - started
    connection.close()
    set_cookie = response.getheader("Set-Cookie")
    return seconds, response.status, set_cookie.split(";", 1)[0] if set_cookie else None


def wait_until_serving(port: int) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            attempt(port, "ingen", "x", "127.0.0.1")
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("servern svarade inte inom 90 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=60, help="per kind of failed login")
    args = parser.parse_args()
    names_needed = -(-args.attempts // TRIES_PER_NAME)
    with tempfile.TemporaryDirectory(prefix="trygghetsmal-login-") as directory:
        data_dir = Path(directory) / "data"
        print(f"skapar {names_needed} användare …", flush=True)
        names = add_users(data_dir, names_needed + 1)
        port = free_port()
        with open(Path(directory) / "gunicorn.log", "w") as log:
            server = start_server(data_dir, port, 2, log, "basic")
            try:
                wait_until_serving(port)
                measure(port, names, args.attempts)
            finally:
                stop_server(server)


def measure(port: int, names: list[str], attempts: int) -> None:
    known, unknown = [], []
    sources = (f"127.0.{a}.{b}" for a in range(1, 255) for b in range(2, 255))
    for number in range(3):  # warm both workers (imports, the dummy hash) before measuring
        attempt(port, names[0], "fel", next(sources))
        attempt(port, f"uppvarmning{number}", "fel", next(sources))
    for number in range(attempts):
        name = names[1 + number // TRIES_PER_NAME]
        seconds, status, _ = attempt(port, name, "fel-lösenord", next(sources))
        assert status == 401, status
        known.append(seconds)
        seconds, status, _ = attempt(port, f"finns-inte-{number}", "fel-lösenord", next(sources))
        assert status == 401, status
        unknown.append(seconds)
    logins, sessions = [], []
    for _ in range(10):
        seconds, status, cookie = attempt(port, names[0], PASSWORD, next(sources))
        assert status == 200 and cookie, status
        logins.append(seconds)
        for _ in range(5):
            sessions.append(attempt(port, names[0], PASSWORD, "127.0.0.1", cookie)[0])
    ratio = statistics.median(unknown) / statistics.median(known)
    print(f"fel lösenord, namnet finns:   {spread(known)}")
    print(f"namnet finns inte:           {spread(unknown)}")
    print(
        f"kvot (finns inte / finns) medianer {ratio:.2f}; mål 0,90–1,10: "
        f"{'uppfyllt' if 0.9 <= ratio <= 1.1 else 'INTE uppfyllt'}"
    )
    print(f"rätt lösenord (ny inloggning): {spread(logins)}")
    print(f"med sessionskaka:              {spread(sessions)}")


def spread(times: list[float]) -> str:
    return (
        f"median {statistics.median(times) * 1000:6.1f} ms  "
        f"p95 {percentile(times, 0.95) * 1000:6.1f} ms  ({len(times)} st)"
    )


if __name__ == "__main__":
    main()
