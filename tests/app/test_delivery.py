"""What the server sends: compressed, cached as long as it safely can, and no more than needed."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import brotli
import dash
import pytest
from plotly.offline import get_plotlyjs_version

from delivery import (
    COMPILE_EVERYTHING,
    FIRST_PAINT,
    GRAPH_CHUNK,
    PLOTLY_BUNDLE,
    PLOTLY_META,
    PLOTLY_PATH,
    PLOTLY_TRACES,
    WRITTEN_ANSWER,
    as_script_data,
    plotly_bundle_version,
)
from tests.app.pages import content, of_type, render, text
from tests.conftest import REPO
from tests.imports.files import SOL_HEADER, text_file

BROTLI = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends
ONE_YEAR = "max-age=31536000"


def scripts(page: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', page)


def index(client, path: str = "/") -> str:
    return client.get(path).get_data(as_text=True)


def answers_in(page: str) -> dict[str, object]:
    """The requests a page answers itself (assets/written-answers.js), with their answers."""
    blocks = re.findall(
        rf'<script type="application/json" {WRITTEN_ANSWER}="([^"]+)">(.*?)</script>', page, re.S
    )
    return {address: json.loads(answer) for address, answer in blocks}


@pytest.mark.parametrize("path", ["/", "/mal/bostadsinbrott", "/om?x=1", "/finns-inte"])
def test_a_page_carries_the_layout_and_callbacks_the_renderer_would_ask_for(client, path):
    page = index(client, path)
    answers = answers_in(page)
    assert list(answers) == ["/_dash-layout", "/_dash-dependencies"]
    asked_by_the_page = {"Referer": f"http://localhost{path}"}
    assert answers["/_dash-layout"] == client.get("/_dash-layout", headers=asked_by_the_page).json
    assert answers["/_dash-dependencies"] == client.get("/_dash-dependencies").json
    # Before Dash's config and scripts, so it is there when the renderer asks.
    assert page.index(WRITTEN_ANSWER) < page.index('<script id="_dash-config"')


def test_written_answers_cannot_close_their_script_block():
    answer = json.dumps({"text": "</script><script>alert(1)</script><!-- x"})
    written = as_script_data(answer)
    assert "<" not in written and json.loads(written) == json.loads(answer)


def test_a_page_whose_layout_fails_leaves_the_layout_to_the_renderers_request(
    client, dash_app, monkeypatch
):
    def broken() -> None:
        raise OSError("disken svarar inte")

    monkeypatch.setattr(dash_app, "get_layout", broken)
    page = client.get("/om")
    assert page.status_code == 200
    # Neither the answers nor the first paint: Dash's own layout request meets the fault.
    assert WRITTEN_ANSWER not in page.get_data(as_text=True)
    assert f'<div id="{FIRST_PAINT}"' not in page.get_data(as_text=True)


def test_pages_callbacks_and_scripts_are_sent_compressed(client):
    page = client.get("/", headers=BROTLI)
    assert page.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in page.headers["Vary"]
    assert brotli.decompress(page.get_data()).decode().startswith("<!DOCTYPE html>")
    bundle = next(s for s in scripts(index(client)) if "dash_renderer" in s)
    for accepted, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = client.get(bundle, headers={"Accept-Encoding": accepted})
        plain = client.get(bundle, headers={"Accept-Encoding": "identity"})
        assert response.headers["Content-Encoding"] == accepted
        assert "Content-Encoding" not in plain.headers
        assert decode(response.get_data()) == plain.get_data()
        assert len(response.get_data()) < len(plain.get_data()) / 3


def test_security_headers_survive_compression(client):
    response = client.get("/", headers=BROTLI)
    assert response.headers["Content-Encoding"] == "br"
    assert "script-src 'self' 'sha256-" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_fingerprinted_files_are_kept_for_a_year_and_the_rest_revalidated(client):
    page = index(client)
    fingerprinted = [s for s in scripts(page) if "_dash-component-suites" in s]
    stylesheet = re.search(r'href="(/assets/00-bootstrap[^"]+\?m=[^"]+)"', page).group(1)
    for address in [*fingerprinted, stylesheet]:
        cache_control = client.get(address, headers=BROTLI).headers["Cache-Control"]
        assert ONE_YEAR in cache_control and "immutable" in cache_control, address
    # Without its fingerprint an address may change content: the browser must ask again.
    unversioned = client.get("/assets/10-trygghetsmal.css").headers.get("Cache-Control", "")
    assert ONE_YEAR not in unversioned
    assert ONE_YEAR not in client.get("/", headers=BROTLI).headers.get("Cache-Control", "")


def test_the_compressed_static_file_is_revalidated_by_its_etag(client):
    first = client.get("/" + PLOTLY_PATH, headers=BROTLI)
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(
        "/" + PLOTLY_PATH, headers={**BROTLI, "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and not again.get_data()


def test_charts_draw_with_the_small_plotly_bundle_of_plotlys_own_version(client):
    served = client.get("/" + PLOTLY_PATH, headers={"Accept-Encoding": "identity"})
    assert served.get_data() == COMPILE_EVERYTHING + PLOTLY_BUNDLE.read_bytes()
    # A plotly upgrade in uv.lock needs the bundle rebuilt (vendor/plotly/README.md).
    assert plotly_bundle_version() == get_plotlyjs_version()


def app_sources() -> list[Path]:
    """Every Python file of the app and its tools: a chart could be built in any of them."""
    return [
        path
        for path in sorted(REPO.rglob("*.py"))
        if not any(part.startswith(".") for part in path.relative_to(REPO).parts)
        and path.relative_to(REPO).parts[0] != "tests"
    ]


def every_trace_type() -> frozenset[str]:
    """All trace types plotly.py can build (go.Scatter ... go.Waterfall), lower case."""
    import plotly.graph_objects as go
    from plotly.basedatatypes import BaseTraceType

    return frozenset(
        name.lower()
        for name in go.__all__
        if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
    )


def trace_types_in(source: str, known: frozenset[str]) -> set[str]:
    """The trace types a source that draws (imports plotly or makes a dcc.Graph) names:
    go.Pie(...), figure.add_pie(...), dict(type="pie") or {"type": "pie"}; plotly.express picks
    its types at run time, so it counts as all of them."""
    if not re.search(r"\bplotly\b|\bGraph\(", source):
        return set()  # python-docx's add_table, an html.Input(type="image") draw no chart
    named = {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)\(", source)}
    named |= set(re.findall(r"\.add_([a-z0-9]+)\(", source))
    named |= set(re.findall(r"""\btype['"]?\s*[:=]\s*['"]([a-z0-9]+)['"]""", source))
    if re.search(r"\bplotly\.express\b|\bplotly import express\b", source):
        named |= known
    return named & known


def test_trace_types_are_found_however_a_chart_names_them():
    known = every_trace_type()
    assert {"scatter", "bar", "heatmap", "pie"} <= known
    drawing = "import plotly.graph_objects as go\n"
    assert trace_types_in(drawing + "go.Figure(go.Pie(values=[1]))", known) == {"pie"}
    assert trace_types_in(drawing + "figure.add_pie(values=[1])", known) == {"pie"}
    assert trace_types_in(drawing + 'figure.add_trace({"type": "pie"})', known) == {"pie"}
    assert trace_types_in(drawing + 'figure.add_trace(dict(type="pie"))', known) == {"pie"}
    assert trace_types_in("import plotly.express as px", known) == known
    assert trace_types_in('dcc.Graph(figure={"data": [{"type": "pie"}]})', known) == {"pie"}
    assert trace_types_in("document.add_table(rows=2, cols=2)", known) == set()
    # Pattern-matching ids and layout shapes are not traces.
    ids_and_shapes = drawing + '{"type": "delmal-diagram"}; figure.add_vrect(x0=1)'
    assert trace_types_in(ids_and_shapes, known) == set()


def test_every_chart_uses_a_trace_type_the_bundle_has():
    known = every_trace_type()
    used = {
        f"{path.relative_to(REPO)}: {name}"
        for path in app_sources()
        for name in trace_types_in(path.read_text(encoding="utf-8"), known)
    }
    # A type outside the bundle would leave its chart blank; one no chart uses any more is
    # bytes and start-up time for nothing (rebuild the bundle: vendor/plotly/README.md).
    assert {line.rsplit(": ", 1)[1] for line in used} == PLOTLY_TRACES, sorted(used)


def test_the_bundle_holds_exactly_the_trace_types_delivery_names():
    # Each trace module in a plotly.js bundle declares itself so; the browser test
    # (tests/browser/test_delivery_browser.py) sees the same list registered.
    bundle = PLOTLY_BUNDLE.read_text(encoding="utf-8")
    declared = set(re.findall(r'moduleType:"trace",name:"(\w+)"', bundle))
    assert declared == PLOTLY_TRACES


def test_pages_leave_out_the_polyfill_and_dash_table(client):
    sources = scripts(index(client))
    assert any("dash_renderer" in s for s in sources)
    assert not [s for s in sources if "polyfill" in s or "dash_table" in s]


def plotly_address(page: str) -> str:
    return re.search(rf'<meta name="{PLOTLY_META}" content="([^"]+)">', page).group(1)


def test_charts_fetch_plotly_from_an_address_kept_for_a_year(client):
    # Every page names it, so a chart reached by in-app navigation is drawn from it too.
    address = plotly_address(index(client, "/om"))
    assert address == plotly_address(index(client, "/mal/bostadsinbrott"))
    assert address != "/" + PLOTLY_PATH and address.startswith("/_dash-component-suites/")
    served = client.get(address, headers=BROTLI)
    assert ONE_YEAR in served.headers["Cache-Control"]
    assert "immutable" in served.headers["Cache-Control"]
    assert brotli.decompress(served.get_data()) == COMPILE_EVERYTHING + PLOTLY_BUNDLE.read_bytes()
    # assets/plotly-address.js is what makes dcc.Graph use it, on every page.
    assert any("plotly-address.js" in s for s in scripts(index(client, "/")))


def test_only_pages_with_charts_fetch_plotly_at_once(client):
    address = plotly_address(index(client, "/"))
    for fetched in (address, "/" + GRAPH_CHUNK):
        preload = f'<link rel="preload" href="{fetched}" as="script">'
        assert preload in index(client, "/mal/bostadsinbrott")
        assert preload in index(client, "/lagesbild")
        assert preload not in index(client, "/")
        assert preload not in index(client, "/om")


def ingest_monthly_burglaries(tmp_path: Path, data_dir: Path) -> None:
    """24 stored monthly values for bostadsinbrott: more than a goal page shows at once."""
    from typer.testing import CliRunner

    from cli import cli

    months = ["Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti"]
    months += ["September", "Oktober", "November", "December"]
    rows = [
        f"Trelleborg;Inbrottsstöld i bostad;{year};{month};7;..;"
        for year in (2020, 2021)
        for month in months
    ]
    path = text_file(tmp_path, "sol-manader.csv", [SOL_HEADER, *rows])
    done = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ingest", str(path)])
    assert done.exit_code == 0, done.output


@pytest.fixture
def monthly_burglaries(tmp_path, monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    ingest_monthly_burglaries(tmp_path, tmp_path / "data")


def test_many_stored_values_wait_behind_their_summary_until_opened(client, monthly_burglaries):
    page = content(render(client, "/mal/bostadsinbrott"))
    summary = next(s for s in of_type(page, "Summary") if "Inlästa värden (24)" in text(s))
    assert summary["props"]["id"] == {"type": "inlasta-varden", "target": "bostadsinbrott"}
    assert not [t for t in of_type(page, "Table") if "Lagrade värden" in text(t)]

    table_id = {"type": "inlasta-varden-tabell", "target": "bostadsinbrott"}
    placeholder = next(d for d in of_type(page, "Div") if d["props"].get("id") == table_id)
    opened = open_values(client, summary["props"]["id"], table_id, placeholder["props"])
    cells = [text(cell) for cell in of_type(opened, "Td")]
    assert len(of_type(opened, "Tr")) == 1 + 24
    assert cells[:2] == ["2020-01", "7"] and "sol-manader.csv" in cells

    # Opened again, the table is already there: nothing is sent.
    shown = {"children": opened}
    assert open_values(client, summary["props"]["id"], table_id, shown) is None


def open_values(client, summary_id: dict, table_id: dict, shown: dict):
    output = '{"target":["MATCH"],"type":"inlasta-varden-tabell"}.children'
    response = client.post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": {"id": table_id, "property": "children"},
            "inputs": [{"id": summary_id, "property": "n_clicks", "value": 1}],
            "state": [{"id": table_id, "property": "children", "value": shown["children"]}],
            "changedPropIds": ['{"target":"bostadsinbrott","type":"inlasta-varden"}.n_clicks'],
        },
    )
    assert response.status_code == 200, response.data[:500]
    updated = response.get_json()["response"]  # empty for no_update
    key = '{"target":"bostadsinbrott","type":"inlasta-varden-tabell"}'
    return updated[key]["children"] if updated else None


def test_dashs_bundles_ask_chromium_to_compile_them_whole_while_they_download(client):
    """V8's explicit compile hint: the first line of each bundle Dash serves, and of the plotly
    bundle; the rest of the file is the package's own, byte for byte."""
    page = index(client, "/mal/bostadsinbrott")
    bundles = [s for s in scripts(page) if "/_dash-component-suites/" in s]
    plotly = re.search(r'<meta name="trygghetsmal-plotly" content="([^"]+)"', page)
    assert bundles and plotly
    for address in [*bundles, plotly.group(1)]:
        body = client.get(address, headers={"Accept-Encoding": "identity"}).get_data()
        assert body.startswith(COMPILE_EVERYTHING), address
    renderer = next(s for s in bundles if "dash_renderer" in s)
    served = client.get(renderer, headers={"Accept-Encoding": "identity"}).get_data()
    shipped = Path(dash.__file__).parent / "dash-renderer" / "build" / "dash_renderer.min.js"
    assert served == COMPILE_EVERYTHING + shipped.read_bytes()
    # Our own assets are small and run little at load: left as they are.
    asset = client.get("/assets/keyboard.js").get_data()
    assert not asset.startswith(COMPILE_EVERYTHING)
