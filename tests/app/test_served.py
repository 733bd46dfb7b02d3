"""The attacks that only the real server shows, against `trygghetsmal serve` (gunicorn) on
loopback: its SERVER_PORT comes from the Host header, and it joins repeated header lines into
one value, so the rebinding and the repeated proxy header are tried on it, not a test client."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOT_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(data_dir: Path, auth: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    environment = {**os.environ, "TRYGGHETSMAL_AUTH": auth, "TRYGGHETSMAL_DATA_DIR": str(data_dir)}
    server = subprocess.Popen(
        [sys.executable, "-c", "from cli import main; main()"]
        + ["serve", "--port", str(port), "--workers", "1"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return server, port


def _wait(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server ended while starting"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("the server did not start")


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[dict[str, int]]:
    """One server without login and one behind a (pretend) proxy, started side by side."""
    started = {
        auth: _serve(tmp_path_factory.mktemp(auth) / "data", auth) for auth in ("none", "header")
    }
    try:
        for server, port in started.values():
            _wait(server, port)
        yield {auth: port for auth, (_, port) in started.items()}
    finally:
        for server, _ in started.values():
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def _get(port: int, headers: list[tuple[str, str]], method: str = "GET", body: bytes | None = None):
    """A request with exactly these header lines, repeated ones included."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, "/", skip_host=True, skip_accept_encoding=True)
    for name, value in headers:
        connection.putheader(name, value)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    result = response.status, response.read().decode("utf-8", "replace")
    connection.close()
    return result


def test_the_served_app_refuses_a_rebound_host_name(servers):
    port = servers["none"]
    assert _get(port, [("Host", f"127.0.0.1:{port}")])[0] == 200
    assert _get(port, [("Host", f"localhost:{port}")])[0] == 200
    status, body = _get(
        port, [("Host", f"evil.example:{port}"), ("Origin", f"http://evil.example:{port}")]
    )
    assert status == 400 and "evil.example" in body
    # gunicorn's SERVER_PORT follows the Host header; the port checked is the socket's.
    assert _get(port, [("Host", f"127.0.0.1:{port + 1}")])[0] == 400
    posted = _get(
        port,
        [
            ("Host", f"evil.example:{port}"),
            ("Origin", f"http://evil.example:{port}"),
            ("Content-Type", "application/json"),
        ],
        method="POST",
        body=b"{}",
    )
    assert posted[0] == 400


def test_the_served_app_refuses_a_proxy_header_that_came_twice(servers):
    port = servers["header"]
    host = ("Host", f"127.0.0.1:{port}")
    user = ("X-Forwarded-User", "omar")
    assert _get(port, [host, user, ("X-Forwarded-Groups", "trygghetsmal-lasare")])[0] == 200
    # The client's own copy first, the proxy's after: joined, they would make omar admin.
    status, body = _get(
        port,
        [
            host,
            ("X-Forwarded-Groups", "trygghetsmal-admin"),
            user,
            ("X-Forwarded-Groups", "trygghetsmal-lasare"),
        ],
    )
    assert status == 400 and "X-Forwarded-Groups kom mer än en gång" in body
    status, body = _get(port, [host, ("X-Forwarded-User", "mallory"), user])
    assert status == 400 and "X-Forwarded-User kom mer än en gång" in body
    # The same header under another spelling is the same header to the app.
    spelled = _get(port, [host, user, ("X-Forwarded-Groups", "a"), ("x-forwarded-groups", "b")])
    assert spelled[0] == 400


# What the browser fetches at once on a fresh page load, each a file Dash registers when it
# sets itself up on a worker's first request.
SCRIPTS = [
    "/_dash-component-suites/dash/deps/react@18.3.1.min.js",
    "/_dash-component-suites/dash/deps/react-dom@18.3.1.min.js",
    "/_dash-component-suites/dash/deps/prop-types@15.8.1.min.js",
    "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js",
    "/_dash-component-suites/dash/dcc/dash_core_components.js",
    "/_dash-component-suites/dash/dcc/dash_core_components-shared.js",
    "/_dash-component-suites/dash/html/dash_html_components.min.js",
]


def test_a_new_worker_answers_its_first_requests_for_scripts_all_at_once(tmp_path):
    """Dash marks its first-request setup done before it has registered its scripts, so on a
    threaded worker the browser's parallel first requests met 500s; the worker now sets up
    before it answers anyone (app.warm_up)."""
    from concurrent.futures import ThreadPoolExecutor

    server, port = _serve(tmp_path / "data", "none")
    try:
        _wait(server, port)

        def status(path: str) -> int:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path)
            answer = connection.getresponse().status
            connection.close()
            return answer

        with ThreadPoolExecutor(len(SCRIPTS)) as pool:
            assert list(pool.map(status, SCRIPTS)) == [200] * len(SCRIPTS)
    finally:
        server.terminate()
        server.wait(timeout=30)
