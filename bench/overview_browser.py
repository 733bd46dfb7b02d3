"""How long the overview takes to render in headless Debian Chromium, with the example data.

Target (design.md, quality bars): within 2 s. Measured from navigation start until the page's
h1 and the goal cards are on screen (Dash renders the whole page at once), after one warm-up
load, as the median and worst of --loads fresh page loads. Prints ratios; never asserts.

    .venv/bin/python bench/overview_browser.py [--loads 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from load import free_port, load_examples, start_server, stop_server, wait_until_serving
from playwright.sync_api import sync_playwright

TARGET_SECONDS = 2.0
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trygghetsmal-overview-") as folder:
        data_dir, port = Path(folder) / "data", free_port()
        load_examples(data_dir)
        log_path = Path(folder) / "server.log"
        with log_path.open("w") as log:
            server = start_server(data_dir, port, 2, log)
            try:
                wait_until_serving(server, port, log_path)
                times = measure(f"http://127.0.0.1:{port}/", args.loads)
            finally:
                stop_server(server)
    median, worst = statistics.median(times), max(times)
    print(
        f"overview in Chromium, {len(times)} loads: median {median * 1000:.0f} ms, "
        f"worst {worst * 1000:.0f} ms"
    )
    print(
        f"target {TARGET_SECONDS:g} s: median/target {median / TARGET_SECONDS:.2f}, "
        f"worst/target {worst / TARGET_SECONDS:.2f}"
    )


def measure(url: str, loads: int) -> list[float]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            return [_load(browser, url) for _ in range(loads + 1)][1:]  # the first warms caches
        finally:
            browser.close()


def _load(browser, url: str) -> float:
    page = browser.new_page()  # a fresh page each time: no Dash state carried over
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("main h1")
    page.wait_for_selector("main .card")
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


if __name__ == "__main__":
    main()
