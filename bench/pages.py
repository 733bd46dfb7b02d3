"""Every page type in headless Debian Chromium: fresh loads, time to content and bytes sent.

Serves the example exports the way `make run` does (`trygghetsmal serve`: gunicorn, 2 workers)
on loopback and opens each page type in a new browser context, so nothing is cached: the time
runs from navigation start until the page's content is on screen (a goal page's chart and the
lägesbild's heat map drawn by plotly), and the bytes are what crossed the wire (compressed bodies and headers, as
Chromium's network log counts them). The page's HTML carries its first paint (pages/first_paint.py), so
content can be on screen before Dash has drawn the page. Times are on the browser's own clock:
the content is on screen when the page type's ready selector is in the page and the largest
contentful paint (LCP) is done; Dash has drawn the page when its page took the first paint's
place (from then on every control works). Playwright's wait for the same selector is printed
too: it needs the page's main thread, which Dash's scripts hold for a while after the content
shows. One warm-up load per page type, then --loads fresh loads:
median and worst. A revisit in the same context shows what the browser cache saves. The goal
page's biggest responses are listed, with their encoding, so the bytes can be explained.
Targets (design.md, quality bars): goal page ≤ 1 s and ≤ 2 MB; overview ≤ 0.8 s.
Prints figures and ratios to the targets; never asserts.

    .venv/bin/python bench/pages.py [--loads 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from load import (
    ROOT,
    free_port,
    load_average,
    load_examples,
    start_server,
    stop_server,
    wait_until_serving,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@dataclass(frozen=True)
class PageType:
    label: str
    path: str
    ready: str  # the selector that is on screen when the page's content is
    target_seconds: float | None = None
    target_bytes: int | None = None


# Plotly draws the chart's traces into .scatterlayer (some of them, such as an interval band's
# edge, invisible); the page is not done before they are drawn.
CHART_DRAWN = "main .js-plotly-plot .scatterlayer .trace"
PAGE_TYPES = [
    PageType("översikt /", "/", "main table.scorecard tbody tr", target_seconds=0.8),
    PageType(
        "mål /mal/bostadsinbrott",
        "/mal/bostadsinbrott",
        CHART_DRAWN,
        target_seconds=1.0,
        target_bytes=2_000_000,
    ),
    PageType("årsuppföljning /arsuppfoljning/2021", "/arsuppfoljning/2021", "main h2"),
    # The heat map drawn: plotly puts a heatmap's cells in one image.
    PageType("EST-lägesbild /lagesbild", "/lagesbild", "main #lagesbild-karta .hm image"),
    PageType("data och importer /data", "/data", "main h1"),
    PageType("om överenskommelsen /om", "/om", "main h1"),
]
BIGGEST_SHOWN = 8


@dataclass
class Response:
    url: str
    encoded_bytes: int = 0
    encoding: str = ""
    cache_control: str = ""
    from_cache: bool = False


@dataclass
class Load:
    waited: float  # until Playwright's wait for the ready selector returned, in seconds
    browser_cpu: float  # the page's main thread busy (Chromium's TaskDuration), in seconds
    responses: list[Response]
    # Of which running JavaScript, and layout with style recalculation (Chromium's
    # ScriptDuration, LayoutDuration + RecalcStyleDuration): less sensitive to a busy machine
    # than the wall time, they say where the main thread's time goes.
    script: float = 0.0
    layout: float = 0.0
    # From the browser's clock (since navigation start), in seconds: the page's content on
    # screen (its ready selector present and the largest contentful paint done), and Dash's page
    # drawn in the first paint's place.
    on_screen: float = 0.0
    dash_drawn: float = 0.0

    @property
    def bytes(self) -> int:
        return sum(r.encoded_bytes for r in self.responses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10, help="fresh loads per page type")
    parser.add_argument(
        "--only", nargs="*", default=None, help="only the page types whose address is given"
    )
    args = parser.parse_args()
    page_types = [p for p in PAGE_TYPES if args.only is None or p.path in args.only]
    with tempfile.TemporaryDirectory(prefix="trygghetsmal-pages-") as folder:
        data_dir, port = Path(folder) / "data", free_port()
        load_examples(data_dir)
        log_path = Path(folder) / "server.log"
        with log_path.open("w") as log:
            server = start_server(data_dir, port, 2, log, "none")
            try:
                wait_until_serving(server, port, log_path)
                print(f"maskinens last (loadavg 1, 5, 15 min) före: {load_average()}")
                measure_all(f"http://127.0.0.1:{port}", args.loads, page_types)
                print(f"\nmaskinens last (loadavg 1, 5, 15 min) efter: {load_average()}")
            finally:
                stop_server(server)


def measure_all(base_url: str, loads: int, page_types: list[PageType]) -> None:
    print(
        f"{loads} nya sidladdningar per sidtyp (ny webbläsarkontext, tom cache) efter en "
        "uppvärmning; gunicorn 2 processer, 127.0.0.1, headless Debian Chromium"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page_type in page_types:
                fresh, revisit, unfinished = measure(browser, base_url, page_type, loads)
                report(page_type, fresh, revisit)
                if unfinished:
                    print(f"  {unfinished} laddning(ar) blev inte klara inom 30 s och gjordes om")
        finally:
            browser.close()


def measure(
    browser, base_url: str, page_type: PageType, loads: int
) -> tuple[list[Load], Load, int]:
    """Fresh loads, the last revisit, and how many loads never finished (retried, counted)."""
    fresh: list[Load] = []
    unfinished = 0
    while len(fresh) < loads + 1:  # the first warms the server's caches
        context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
        context.add_init_script(IN_PAGE_CLOCK.replace("READY", json.dumps(page_type.ready)))
        try:
            fresh.append(_load(context, base_url + page_type.path, page_type.ready))
            revisit = _load(context, base_url + page_type.path, page_type.ready)
        except PlaywrightTimeout:
            unfinished += 1
            if unfinished > loads:
                raise
        finally:
            context.close()
    return fresh[1:], revisit, unfinished


# Recorded in the page, on the browser's clock: the largest contentful paint, when the page's
# ready selector (READY) first matches, and when Dash's page (not the first paint) holds its h1.
# Playwright's own wait needs the page's main thread, which the scripts keep busy for a while
# after the content shows; these times do not.
IN_PAGE_CLOCK = """
window.benchLargestPaint = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.benchLargestPaint = Math.max(window.benchLargestPaint, entry.startTime);
  }
}).observe({ type: "largest-contentful-paint", buffered: true });
window.benchReady = 0;
window.benchDashDrawn = 0;
new MutationObserver((_, observer) => {
  if (!window.benchReady && document.querySelector(READY)) {
    window.benchReady = performance.now();
  }
  if (!window.benchDashDrawn && document.querySelector("#react-entry-point main h1")) {
    window.benchDashDrawn = performance.now();
  }
  if (window.benchReady && window.benchDashDrawn) {
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


def _load(context, url: str, ready: str) -> Load:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    responses: dict[str, Response] = {}

    def received(event) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        responses[event["requestId"]] = Response(
            url=event["response"]["url"],
            encoding=headers.get("content-encoding", ""),
            cache_control=headers.get("cache-control", ""),
            from_cache=event["response"].get("fromDiskCache", False)
            or event["response"].get("fromMemoryCache", False),
        )

    def finished(event) -> None:
        if event["requestId"] in responses:
            responses[event["requestId"]].encoded_bytes = int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    started = time.perf_counter()
    # From the response on: the content may be on screen before the load event.
    page.goto(url, wait_until="commit")
    page.wait_for_selector("main h1")
    page.wait_for_selector(ready, state="attached")
    waited = time.perf_counter() - started
    page.wait_for_selector("#react-entry-point main h1", state="attached")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    clock = page.evaluate("[window.benchLargestPaint, window.benchReady, window.benchDashDrawn]")
    # What the page still fetches after its content shows (lazily loaded chunks) counts too.
    page.wait_for_load_state("networkidle")
    page.close()
    return Load(
        waited,
        metrics["TaskDuration"],
        list(responses.values()),
        script=metrics["ScriptDuration"],
        layout=metrics["LayoutDuration"] + metrics["RecalcStyleDuration"],
        on_screen=max(clock[0], clock[1]) / 1000,
        dash_drawn=clock[2] / 1000,
    )


def report(page_type: PageType, fresh: list[Load], revisit: Load) -> None:
    on_screen = [load.on_screen for load in fresh]
    median, worst = statistics.median(on_screen), max(on_screen)
    waited = [load.waited for load in fresh]
    dash_drawn = [load.dash_drawn for load in fresh]
    sizes = [load.bytes for load in fresh]
    cpu = statistics.median(load.browser_cpu for load in fresh)
    script = statistics.median(load.script for load in fresh)
    layout = statistics.median(load.layout for load in fresh)
    print(
        f"\n{page_type.label}: innehållet på skärmen median {median * 1000:.0f} ms, sämst "
        f"{worst * 1000:.0f} ms; Dash har ritat sidan median "
        f"{statistics.median(dash_drawn) * 1000:.0f} ms, sämst {max(dash_drawn) * 1000:.0f} ms "
        "(webbläsarens klocka från navigeringens start); med Playwrights väntan median "
        f"{statistics.median(waited) * 1000:.0f} ms, sämst {max(waited) * 1000:.0f} ms"
    )
    print(
        f"  webbläsarens huvudtråd arbetar median {cpu * 1000:.0f} ms, varav skript "
        f"{script * 1000:.0f} ms, layout och stil {layout * 1000:.0f} ms; "
        f"{statistics.median(sizes) / 1e6:.2f} MB överfört i {len(fresh[0].responses)} svar; "
        f"återbesök {revisit.on_screen * 1000:.0f} ms, {revisit.bytes / 1e6:.2f} MB"
    )
    if page_type.target_seconds is not None:
        print(
            f"  mål ≤ {page_type.target_seconds:g} s: median/mål "
            f"{median / page_type.target_seconds:.2f}, sämst/mål "
            f"{worst / page_type.target_seconds:.2f}"
        )
    if page_type.target_bytes is not None:
        print(
            f"  mål ≤ {page_type.target_bytes / 1e6:g} MB: "
            f"överfört/mål {max(sizes) / page_type.target_bytes:.2f}"
        )
        print("  största svaren (komprimerat, kodning, cache-control):")
        for response in sorted(fresh[0].responses, key=lambda r: -r.encoded_bytes)[:BIGGEST_SHOWN]:
            path = "/" + response.url.split("/", 3)[-1].split("?")[0]
            print(
                f"    {response.encoded_bytes / 1000:>7.0f} kB  {response.encoding or '-':<4}  "
                f"{path}  [{response.cache_control or '-'}]"
            )


if __name__ == "__main__":
    main()
