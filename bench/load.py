"""50 simulated users on 2 gunicorn workers, each waiting 1–3 s between page views.

Loads the example exports into a temporary data dir (`trygghetsmal demo`), serves it the way
`make run` does (`trygghetsmal serve`: gunicorn, `app:server`) on loopback, warms every page
up, then lets each user view the overview, a goal page or an annual follow-up at random for
the duration. A page view is what a browser loading the address does: GET the page, which
holds its layout (with the page itself in it, so no router call) and the callbacks, so the
browser asks for neither (delivery.py). With --in-app, after the first page a view is a
dcc.Link click: the pages router callback alone. Every request sends a browser's
Accept-Encoding, so the server compresses its answers (delivery.py) as it does for a browser and
that cost is measured too; the client decompresses them as a browser would. Prints page views
and requests per second, p50/p95 latency per page view and per request, and every error.
Target (design.md): no errors, p95 ≤ 300 ms per page view, in every auth mode.
With `--auth basic` every user logs in as a browser does: it sends its Basic credentials with
each request and keeps the session cookie the first answer sets. The users log in before the
measured minute, one after the other, as a working day spreads its logins: in one minute 50
logins would be 5 % of the page views, where a day's share is a fraction of a per cent. The
logins' own time is printed apart (and bench/login.py measures it alone).
With `--auth header` each request carries the user and group headers, as from a proxy on the
same machine.
Run: .venv/bin/python bench/load.py [--users N] [--duration S] [--workers N]
     [--auth none|basic|header]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gzip
import http.client
import json
import os
import random
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import brotli  # noqa: E402  (comes with flask-compress)

from goals.agreement import load_agreement  # noqa: E402
from settings import get_settings  # noqa: E402

TARGET_MS = 300
THINK_SECONDS = (1.0, 3.0)
HOST = "127.0.0.1"
BENCH_USER, BENCH_PASSWORD = "last", "lastprov-lösenord"
# What Chromium sends; it decides which compression the server chooses (brotli).
ACCEPT_ENCODING = {"Accept-Encoding": "gzip, deflate, br"}
# Set for --auth basic: what each simulated browser sends (and then its session cookie).
CREDENTIALS: dict[str, str] = {}
REQUEST_TIMEOUT = 30
# The same command `make run` uses, so the benchmark follows its gunicorn settings.
CLI = [sys.executable, "-c", "from cli import main; main()"]
KINDS = {
    "page": "GET sidan",
    "router": "POST /_dash-update-component",
}
PAGE_KINDS = {
    "oversikt": "översikt /",
    "mal": "mål /mal/<id>",
    "arsuppfoljning": "årsuppföljning /arsuppfoljning/<år>",
}


def router_payload(path: str) -> bytes:
    """The pages router callback as a dcc.Link click fires it (see tests/app/pages.py)."""
    pathname, _, query = path.partition("?")
    return json.dumps(
        {
            "output": "..{content}.children...{store}.data..".format(
                content="_pages_content", store="_pages_store"
            ),
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": pathname},
                {
                    "id": "_pages_location",
                    "property": "search",
                    "value": f"?{query}" if query else "",
                },
            ],
            "changedPropIds": ["_pages_location.pathname"],
            "state": [],
        }
    ).encode()


def pages() -> dict[str, list[str]]:
    """Every address a user may view, by kind: the goals and years of the active agreement."""
    agreement = load_agreement(get_settings().agreement)
    first, last = agreement.period
    return {
        "oversikt": ["/"],
        "mal": [f"/mal/{goal.id}" for goal in agreement.goals],
        "arsuppfoljning": [f"/arsuppfoljning/{year}" for year in range(first, last + 1)],
    }


@dataclass
class Sample:
    kind: str
    path: str
    seconds: float
    error: str | None = None


@dataclass
class Results:
    requests: list[Sample] = field(default_factory=list)
    views: list[Sample] = field(default_factory=list)
    reconnects: int = 0
    lag: list[float] = field(default_factory=list)  # how late a user woke after thinking


class Browser:
    """One user's persistent connection, reopened when the server has closed it while idle."""

    def __init__(self, port: int):
        self.port = port
        self.connection: http.client.HTTPConnection | None = None
        self.reconnects = 0
        self.cookie: str | None = None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        # gunicorn drops a keep-alive connection after 2 s idle, shorter than a user's thinking;
        # like a browser (and urllib3) we notice the closed socket and open a new one.
        if self.connection is not None and self.connection.sock is not None:
            readable, _, _ = select.select([self.connection.sock], [], [], 0)
            if readable:
                self.close()
                self.reconnects += 1
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            return self.connection, False
        return self.connection, True

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        headers |= ACCEPT_ENCODING | CREDENTIALS
        if self.cookie:
            headers["Cookie"] = self.cookie
        connection, reused = self._connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.close()
            if not reused:
                raise
            # Closed by the server between our check and the request: retry once, as browsers do.
            self.reconnects += 1
            connection, _ = self._connection()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, decoded(response.read(), response.getheader("Content-Encoding"))


def decoded(content: bytes, encoding: str | None) -> bytes:
    if encoding == "br":
        return brotli.decompress(content)
    if encoding == "gzip":
        return gzip.decompress(content)
    return content


def page_view(browser: Browser, path: str, results: Results, full: bool = True) -> float:
    """What the browser asks for to show `path`; returns the total seconds.

    `full` (a page load): the page, which holds its layout and the callbacks (delivery.py):
    no further request before it draws, no router call. Not `full`: navigation inside the
    loaded app (a dcc.Link), which is the router call alone.
    """
    steps = (
        [("page", "GET", path, None)]
        if full
        else [("router", "POST", "/_dash-update-component", router_payload(path))]
    )
    view_started = time.perf_counter()
    error = None
    for kind, method, address, body in steps:
        started = time.perf_counter()
        try:
            status, content = browser.request(method, address, body)
            if status != 200:
                error = f"HTTP {status}"
            elif not _holds_page(content):
                error = "svaret saknade sidans innehåll"
        except (OSError, http.client.HTTPException) as exc:
            browser.close()
            error = f"{type(exc).__name__}: {exc}"
        results.requests.append(Sample(kind, path, time.perf_counter() - started, error))
        if error:
            break  # the browser would stop here too: the page never appears
    seconds = time.perf_counter() - view_started
    results.views.append(Sample(page_kind(path), path, seconds, error))
    return seconds


def _holds_page(content: bytes) -> bool:
    """The page's content came along: its one h1, as a component or in a page's HTML part
    (where Dash's JSON writes "<" as \\u003c)."""
    return b'"_pages_content"' in content and any(
        h1 in content for h1 in (b'"H1"', b"<h1", b"\\u003ch1")
    )


def page_kind(path: str) -> str:
    return "oversikt" if path.partition("?")[0] == "/" else path.split("/")[1]


def user(
    number: int,
    port: int,
    addresses: dict[str, list[str]],
    deadline: float,
    stop: threading.Event,
    seed: int,
    in_app: bool,
    cookie: str | None = None,
) -> Results:
    chance = random.Random(seed * 1000 + number)
    results, browser = Results(), Browser(port)
    browser.cookie = cookie
    # Users arrive spread over one thinking time, not all in the same millisecond.
    if stop.wait(chance.uniform(0, THINK_SECONDS[1])):
        return results
    try:
        while time.monotonic() < deadline and not stop.is_set():
            # Each kind of page equally often, so the single overview is not drowned by the goals.
            path = chance.choice(addresses[chance.choice(sorted(addresses))])
            page_view(browser, path, results, full=not (in_app and results.views))
            think = chance.uniform(*THINK_SECONDS)
            woke_at = time.monotonic() + think
            if woke_at >= deadline:
                break  # the next view would start after the end
            if stop.wait(think):
                break
            results.lag.append(time.monotonic() - woke_at)
    finally:
        results.reconnects = browser.reconnects
        browser.close()
    return results


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes: figures mean little without it."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def load_examples(data_dir: Path) -> None:
    done = subprocess.run(
        [*CLI, "--data-dir", str(data_dir), "demo"], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"trygghetsmal demo misslyckades ({done.returncode}):\n{done.stdout}{done.stderr}")


def add_bench_user(data_dir: Path) -> None:
    done = subprocess.run(
        [*CLI, "--data-dir", str(data_dir), "user", "add", BENCH_USER, "--role", "lasare"]
        + ["--password", BENCH_PASSWORD],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"trygghetsmal user add misslyckades:\n{done.stdout}{done.stderr}")
    token = base64.b64encode(f"{BENCH_USER}:{BENCH_PASSWORD}".encode()).decode()
    CREDENTIALS["Authorization"] = f"Basic {token}"


def start_server(data_dir: Path, port: int, workers: int, log, auth: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "TRYGGHETSMAL_DATA_DIR": str(data_dir),
        "TRYGGHETSMAL_AUTH": auth,
    }
    # Its own session: Ctrl-C reaches only us, and we stop the server in order.
    return subprocess.Popen(
        [
            *CLI,
            "--data-dir",
            str(data_dir),
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of master and workers
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=35)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # any worker left behind in the server's own group
    server.wait()


def wait_until_serving(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"servern avslutades ({server.returncode}):\n{log_path.read_text()[-3000:]}")
        with contextlib.suppress(OSError):  # not listening yet, or a worker still booting
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/", headers=CREDENTIALS)
            if connection.getresponse().status == 200:
                connection.close()
                return
        time.sleep(0.2)
    sys.exit(f"servern svarade inte inom 90 s:\n{log_path.read_text()[-3000:]}")


def warm_up(port: int, addresses: dict[str, list[str]], workers: int) -> list[Sample]:
    """Every page several times, some at once, so each worker has built its caches."""
    every = [path for paths in addresses.values() for path in paths] * 3 * workers

    def view(path: str) -> Results:
        results, browser = Results(), Browser(port)
        page_view(browser, path, results)
        browser.close()
        return results

    pool = ThreadPoolExecutor(4 * workers)
    try:
        return [v for r in pool.map(view, every) for v in r.views if v.error]
    finally:
        pool.shutdown(cancel_futures=True)  # on Ctrl-C, not the rest of the queue first


def server_cpu_seconds(master: int) -> float | None:
    """User+system CPU of the gunicorn master and its workers (Linux /proc), None elsewhere."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    try:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry.name) == master or int(fields[1]) == master:
                total += int(fields[11]) + int(fields[12])
    except OSError:
        return None
    return total / ticks


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks, as numpy's default."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def spread(samples: list[Sample]) -> str:
    times = [s.seconds for s in samples]
    return (
        f"p50 {ms(percentile(times, 0.5)):>7}  p95 {ms(percentile(times, 0.95)):>7}  "
        f"max {ms(max(times, default=float('nan'))):>7}  ({len(times)} st)"
    )


def report(
    results: Results,
    elapsed: float,
    args,
    server_cpu: float | None,
    client_cpu: float,
    interrupted: bool,
    load_before: float | None,
) -> None:
    views, requests = results.views, results.requests
    errors = [s for s in requests if s.error]
    view_p95 = percentile([v.seconds for v in views], 0.95)
    request_p95 = percentile([r.seconds for r in requests], 0.95)
    print(
        f"{'AVBRUTEN: ' if interrupted else ''}{args.users} användare i {elapsed:.0f} s, "
        f"{args.workers} gunicorn-processer, väntetid {THINK_SECONDS[0]:g}–{THINK_SECONDS[1]:g} s, "
        f"inloggning {args.auth}"
    )
    # Closed loop: a slow server lowers the rate, so show the rate the users would reach.
    most = args.users / (sum(THINK_SECONDS) / 2)
    print(
        f"sidvisningar: {len(views)} ({len(views) / elapsed:.1f}/s av högst {most:.0f}/s), "
        f"anrop: {len(requests)} ({len(requests) / elapsed:.1f}/s), fel: {len(errors)}, "
        f"återöppnade anslutningar: {results.reconnects}"
    )
    print(
        "sidvisning = "
        + (
            "första: GET sidan (med layout och callbacks); sedan bara sidrouterns "
            "POST /_dash-update-component (navigering i appen)"
            if args.in_app
            else "GET sidan, som har sin layout och callbacks med sig"
        )
    )
    print(f"sidvisning: {spread(views)}")
    print(
        f"  mål: inga fel, p95 ≤ {TARGET_MS} ms; kvot p95/{TARGET_MS} ms {view_p95 * 1000 / TARGET_MS:.2f}"
    )
    print(f"anrop:      {spread(requests)}")
    print(f"  kvot p95/{TARGET_MS} ms {request_p95 * 1000 / TARGET_MS:.2f}")
    print("per sidtyp (hela sidvisningen):")
    for kind, label in PAGE_KINDS.items():
        print(f"  {label:<38} {spread([v for v in views if v.kind == kind])}")
    print("per anrop:")
    for kind, label in KINDS.items():
        print(f"  {label:<38} {spread([r for r in requests if r.kind == kind])}")
    render_by_path = defaultdict(list)
    for sample in requests:
        if sample.kind in ("router", "page"):
            render_by_path[sample.path].append(sample.seconds)
    slowest = sorted(render_by_path.items(), key=lambda item: -percentile(item[1], 0.95))[:5]
    print("långsammast att rendera (sidan med sin layout eller routerns POST, p95):")
    for path, times in slowest:
        print(
            f"  {path:<38} p50 {ms(percentile(times, 0.5)):>7}  p95 {ms(percentile(times, 0.95)):>7}"
        )
    if errors:
        print("fel:")
        for (kind, error), count in Counter((s.kind, s.error) for s in errors).most_common(10):
            print(f"  {count:>5} × {KINDS[kind]}: {error}")
    cores = os.cpu_count() or 1
    # CPU per view is what capacity planning needs, and less disturbed by other processes.
    server = (
        f"servern {server_cpu / elapsed:.0%} av en kärna "
        f"({server_cpu * 1000 / max(len(views), 1):.0f} ms CPU per sidvisning), "
        if server_cpu is not None
        else ""
    )
    print(
        f"CPU ({cores} kärnor): {server}lastgeneratorn {client_cpu / elapsed:.0%}; "
        f"användarna vaknade p95 {ms(percentile(results.lag, 0.95))} sent"
    )
    if load_before is not None:
        # Other processes on the machine compete with the server; say so next to the numbers.
        print(
            f"maskinens last (loadavg 1 min) före start {load_before:.1f}, efter {os.getloadavg()[0]:.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=1287)
    parser.add_argument(
        "--auth",
        choices=["none", "basic", "header"],
        default="none",
        help="basic: each user logs in with a password, then keeps its session cookie; "
        "header: each request carries the user and group headers a proxy on 127.0.0.1 sets",
    )
    parser.add_argument(
        "--in-app",
        action="store_true",
        help="after each user's first page load, navigate inside the app: "
        "only the router callback, as a click on a dcc.Link",
    )
    args = parser.parse_args()
    # A plain `kill` stops the run as Ctrl-C does, so the server is stopped too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        interrupted = measure(args)
    except KeyboardInterrupt:  # before the load began: nothing to report
        interrupted = True
        print("avbruten", file=sys.stderr)
    if interrupted:
        sys.exit(130)


def measure(args) -> bool:
    """Example data, server, warm-up, load and report; True when interrupted during the load."""
    addresses = pages()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="trygghetsmal-load-") as directory:
        data_dir, log_path = Path(directory) / "data", Path(directory) / "gunicorn.log"
        print("läser in exempeldata …", flush=True)
        load_examples(data_dir)
        if args.auth == "basic":
            add_bench_user(data_dir)
        elif args.auth == "header":
            CREDENTIALS.update(
                {"X-Forwarded-User": BENCH_USER, "X-Forwarded-Groups": "trygghetsmal-lasare"}
            )
        port = free_port()
        with open(log_path, "w") as log:
            server = start_server(data_dir, port, args.workers, log, args.auth)
            try:
                wait_until_serving(server, port, log_path)
                started = time.monotonic()
                warm_errors = warm_up(port, addresses, args.workers)
                print(
                    f"servern på http://{HOST}:{port}/, uppvärmd på {time.monotonic() - started:.1f} s"
                    f"{f' ({len(warm_errors)} fel: {warm_errors[0].error})' if warm_errors else ''}; "
                    f"belastning i {args.duration:g} s …",
                    flush=True,
                )
                interrupted = run(args, port, addresses, server, load_before)
            finally:
                stop_server(server)
    return interrupted


def log_in(port: int, users: int) -> list[str | None]:
    """Each user's session cookie, logged in one after the other; prints what a login took."""
    cookies, seconds = [], []
    for _ in range(users):
        browser = Browser(port)
        started = time.perf_counter()
        status, _ = browser.request("GET", "/_dash-layout")
        seconds.append(time.perf_counter() - started)
        browser.close()
        if status != 200 or browser.cookie is None:
            sys.exit(f"inloggningen misslyckades (HTTP {status})")
        cookies.append(browser.cookie)
    print(
        f"{users} inloggningar före mätningen: p50 {ms(percentile(seconds, 0.5))}, "
        f"p95 {ms(percentile(seconds, 0.95))} (lösenordet kontrolleras en gång per inloggning)",
        flush=True,
    )
    return cookies


def run(
    args,
    port: int,
    addresses: dict[str, list[str]],
    server: subprocess.Popen,
    load_before: float | None,
) -> bool:
    """The load itself, then the report; True when it was interrupted."""
    stop = threading.Event()
    outcomes: list[Results] = []
    cookies = log_in(port, args.users) if args.auth == "basic" else [None] * args.users
    client_cpu, server_cpu = time.process_time(), server_cpu_seconds(server.pid)
    started = time.monotonic()
    deadline = started + args.duration
    threads = [
        threading.Thread(
            target=lambda n=n: outcomes.append(
                user(n, port, addresses, deadline, stop, args.seed, args.in_app, cookies[n])
            ),
            daemon=True,
        )
        for n in range(args.users)
    ]
    interrupted = False
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except KeyboardInterrupt:
        interrupted = True
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT)
    elapsed = time.monotonic() - started
    client_cpu = time.process_time() - client_cpu
    server_after = server_cpu_seconds(server.pid)
    busy = None if server_cpu is None or server_after is None else server_after - server_cpu
    merged = Results()
    for outcome in list(outcomes):
        merged.requests += outcome.requests
        merged.views += outcome.views
        merged.lag += outcome.lag
        merged.reconnects += outcome.reconnects
    report(merged, elapsed, args, busy, client_cpu, interrupted, load_before)
    return interrupted


if __name__ == "__main__":
    main()
