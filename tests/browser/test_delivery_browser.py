"""The lean goal page in chromium: the small plotly bundle draws, the stored values open."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from delivery import PLOTLY_TRACES
from tests.app.test_delivery import ingest_monthly_burglaries

CHART_DRAWN = "main .js-plotly-plot .scatterlayer .trace"


def test_goal_page_draws_with_the_small_bundle_and_opens_its_values_by_keyboard(
    page, base_url, tmp_path, monkeypatch
):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    ingest_monthly_burglaries(tmp_path, tmp_path / "data")
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "/mal/bostadsinbrott")
    page.wait_for_selector(CHART_DRAWN, state="attached")
    traces = page.evaluate("Object.keys(Plotly.PlotSchema.get().traces).sort()")
    assert traces == sorted(PLOTLY_TRACES)
    # From the fingerprinted address only (cached for a year), never Dash's fixed one.
    plotly = {url for url in fetched if "/plotly/package_data/" in url}
    assert len(plotly) == 1 and re.search(r"/plotly\.v[0-9a-f]+\.min\.js$", plotly.pop())
    # The page carried its layout and the callbacks (delivery.written_page).
    asked = [url for url in fetched if url.endswith(("/_dash-layout", "/_dash-dependencies"))]
    assert asked == []

    stored = page.get_by_role("table", name=re.compile("^Lagrade värden"))
    expect(stored).to_have_count(0)
    page.get_by_text("Inlästa värden (24) med ursprung").focus()
    page.keyboard.press("Enter")
    expect(stored).to_be_visible()
    expect(stored.locator("tbody tr")).to_have_count(24)
    assert not page.console_errors


# Counts animation frames and notes the frame in which each chart first shows.
FRAMES_OF_CHARTS = """
window.chartFrames = [];
let frame = 0;
const seen = new WeakSet();
const tick = () => { frame += 1; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
new MutationObserver(() => {
  for (const svg of document.querySelectorAll('.dash-graph .main-svg')) {
    const chart = svg.closest('.dash-graph');
    if (!seen.has(chart)) { seen.add(chart); window.chartFrames.push(frame); }
  }
}).observe(document, { childList: true, subtree: true });
"""


def test_a_goal_pages_charts_draw_one_frame_after_another(page, base_url, tmp_path):
    """The first chart is on screen before the next is drawn (assets/charts-in-turn.js), and
    every chart is drawn in the end."""
    from typer.testing import CliRunner

    from cli import cli

    assert CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "demo"]).exit_code == 0
    page.add_init_script(FRAMES_OF_CHARTS)
    page.goto(base_url + "/mal/bostadsinbrott")
    charts = page.locator(".dash-graph")
    expect(charts.first).to_be_attached()
    count = charts.count()
    assert count >= 3
    page.wait_for_function(f"window.chartFrames.length === {count}")
    frames = page.evaluate("window.chartFrames")
    assert frames == sorted(set(frames)), frames
    assert not page.console_errors


def test_the_page_shows_before_dash_draws_it_and_then_gives_way(page, base_url):
    """The first paint (pages/first_paint.py) is the page until Dash has drawn it, and then
    leaves no trace: one main, no id twice."""
    page.route("**/dash_renderer*", lambda route: route.abort())
    page.goto(base_url + "/om")
    copy = page.locator("#first-paint main h1")
    expect(copy).to_have_text("Om överenskommelsen")
    expect(copy).to_be_visible()
    expect(page.locator("#react-entry-point")).to_be_hidden()

    page.unroute("**/dash_renderer*")
    page.console_errors.clear()  # the blocked renderer's
    page.goto(base_url + "/om")
    page.wait_for_selector("#react-entry-point main h1")
    expect(page.locator("#first-paint")).to_have_count(0)
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("main h1")).to_be_visible()
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert not page.console_errors


# Where the page's landmarks and blocks are: the first paint must put them where Dash will.
BLOCKS = """root => [...document.querySelectorAll(
  `${root} :is(h1, h2, h3, table, footer, form, .dash-graph, .dash-input-container, textarea)`
)].map(e => { const box = e.getBoundingClientRect();
  return [e.tagName, Math.round(box.top), Math.round(box.left), Math.round(box.height)]; })"""


@pytest.mark.parametrize("path", ["/", "/om", "/arsuppfoljning/2021", "/data", "/mal/trafik"])
def test_the_first_paint_puts_everything_where_dash_draws_it(browser, base_url, path):
    """Nothing moves when Dash's page takes the first paint's place."""
    painted = browser.new_page(viewport={"width": 1280, "height": 900})
    painted.route("**/dash_renderer*", lambda route: route.abort())
    painted.goto(base_url + path)
    expect(painted.locator("#first-paint main h1")).to_be_visible()
    copy = painted.evaluate(BLOCKS, "#first-paint")
    painted.close()

    drawn = browser.new_page(viewport={"width": 1280, "height": 900})
    drawn.goto(base_url + path)
    expect(drawn.locator("#react-entry-point main h1")).to_be_visible()
    expect(drawn.locator("#first-paint")).to_have_count(0)
    assert copy and copy == drawn.evaluate(BLOCKS, "#react-entry-point")
    drawn.close()
