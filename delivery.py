"""How the server's responses reach the browser: compressed, cached, and the smallest plotly.

- Every text response (pages, callbacks, scripts, styles) is compressed with brotli, or gzip for
  a client without it (flask-compress). The files of the app itself never change while a
  process runs, so each one is compressed once and kept.
- A file whose address changes with its content (Dash's fingerprinted bundles, assets with
  their `?m=` modification time) may be kept by the browser for a year without asking again.
- Pages leave out two scripts Dash adds to every page: Babel's polyfill for browsers older than
  any the kommun runs, and the bundle for dash_table, which no page uses. A page with charts
  tells the browser to fetch plotly.js at once, not after the page's content has arrived.
- plotly.js is fetched from an address with its hash in it, so a browser that has it once never
  asks again (Dash's renderer would fetch it from a fixed address, revalidated on every load).
- Charts draw with a plotly.js bundle of just the trace types they use (scatter, bar, heatmap;
  vendor/plotly/) instead of the full one: a quarter of the bytes, and a sixth of the time the
  browser spends running it before a goal page shows anything.
- Dash's bundles and plotly.js start with Chromium's hint to compile them whole while they
  download, off the page's main thread (COMPILE_EVERYTHING).
- A page carries its own layout and the app's callbacks (`written_page`): Dash's renderer
  would ask for both only after its scripts have run, and then wait for them before it draws
  anything; assets/written-answers.js answers those two requests from the page.
- A page carries its layout as HTML too, which the browser shows at once, until Dash has drawn
  the page (pages/first_paint.py, assets/first-paint.js).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dash
from dash import Dash
from flask import Flask, Response, request
from flask_compress import Compress
from plotly.io.json import to_json_plotly

from pages.first_paint import first_paint

PLOTLY_BUNDLE = Path(__file__).resolve().parent / "vendor" / "plotly" / "plotly-trygghetsmal.min.js"
# The trace types in the bundle (vendor/plotly/entry.js); a chart with another type draws nothing.
PLOTLY_TRACES = frozenset({"scatter", "bar", "heatmap"})
# Where Dash's renderer fetches plotly.js when the first chart mounts (serve_locally): a fixed
# address without a fingerprint, so the browser asks again (If-None-Match) on every fresh page.
PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
# Dash's own fingerprinted bundles carry a version in the path (`.v4_4_1m1796112425.js`);
# assets carry their modification time and the favicon Dash's version in the query.
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/_favicon.ico")
FINGERPRINT_QUERY = ("m", "v")
ONE_YEAR = 365 * 24 * 3600
# Static files the app serves, compressed once per algorithm: a few dozen, about 1 MB in all.
# Bounded, so made-up query strings cannot grow it.
COMPRESSED_KEPT = 64
# Quality 5 is within 3 % of brotli's best for these bundles at a thirtieth of its time, fast
# enough for callback responses too.
BROTLI_QUALITY = 5

# Chromium's explicit compile hint (V8, since Chrome 136): a script that starts with this comment
# is compiled whole while it downloads, off the page's main thread, where otherwise each
# function is compiled on the main thread when first called. Dash's bundles run almost all of
# their code on the first load; measured with bench/pages.py, the main thread's script time on a
# fresh load fell by about 40 % (overview 0.32 → 0.18 s, goal page 0.49 → 0.28 s). Other browsers
# read a comment.
COMPILE_EVERYTHING = b"//# allFunctionsCalledOnLoad\n"
BUNDLES_PREFIX = "/_dash-component-suites/"
JAVASCRIPT = frozenset({"application/javascript", "text/javascript"})

# The polyfill's one use in a current browser is the global regeneratorRuntime that Dash's
# renderer and dcc's lazy components (dcc.Graph) call; dash-bootstrap-components' bundle, on
# every page before them, defines it as well. A page whose chart stops drawing without the
# polyfill fails the browser tests (tests/browser), which draw every chart.
UNUSED_SCRIPTS = re.compile(
    r'<script src="[^"]*/(?:deps/polyfill@|dash_table/bundle)[^"]*"></script>\s*'
)
# The same bundle at an address with its content's hash in the name (`.v<hash>`, as Dash names
# its fingerprinted files), kept by the browser for a year: assets/plotly-address.js points
# dcc.Graph there, named by the page's PLOTLY_META.
PLOTLY_FINGERPRINTED = "_dash-component-suites/plotly/package_data/plotly.v{digest}.min.js"
PLOTLY_META = "trygghetsmal-plotly"
# Where the page's written answers go: before Dash's config, so before any script runs.
DASH_CONFIG = '<script id="_dash-config"'
WRITTEN_ANSWER = "data-trygghetsmal-answers"
# Where the first paint goes: just before Dash's root, which the CSS hides while it is there.
APP_ENTRY = '<div id="react-entry-point">'
FIRST_PAINT = "first-paint"
# dcc's chunk that dcc.Graph fetches when the first chart mounts (plotly's comes after it).
GRAPH_CHUNK = "_dash-component-suites/dash/dcc/async-graph.js"

log = logging.getLogger(__name__)


def install(app: Dash, draws_charts: Callable[[str], bool]) -> None:
    """Compression, cache lifetimes, lean pages and the plotly bundle for the app's server.

    `draws_charts(path)` says whether the page at `path` has plotly charts.
    """
    server = app.server
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br"],
        COMPRESS_BR_LEVEL=BROTLI_QUALITY,
        COMPRESS_CACHE_BACKEND=StaticFilesCache,
        COMPRESS_CACHE_KEY=static_file_key,
    )
    Compress(server)
    # Registered after flask-compress, so it runs before it (Flask runs them in reverse).
    server.after_request(_prepare_static_file)
    prefix = app.config.requests_pathname_prefix
    bundle = _serve_plotly_bundle(app, server)
    plotly_address = prefix + (bundle or PLOTLY_PATH)
    # Every page names the bundle's address, so a chart reached by in-app navigation uses it.
    named = f'<meta name="{PLOTLY_META}" content="{plotly_address}">' if bundle else ""
    preload = "".join(
        f'<link rel="preload" href="{address}" as="script">'
        for address in (prefix + GRAPH_CHUNK, plotly_address)
    )

    @dash.hooks.index()
    def _lean_index(index: str) -> str:
        index = UNUSED_SCRIPTS.sub("", index)
        fetched_at_once = preload if draws_charts(request.path) else ""
        return index.replace("</head>", f"{named}{fetched_at_once}</head>", 1)

    @dash.hooks.index()
    def _with_the_page_written(index: str) -> str:
        page = written_page(app, request.path)
        index = index.replace(APP_ENTRY, page.first_paint + APP_ENTRY, 1)
        return index.replace(DASH_CONFIG, page.answers + DASH_CONFIG, 1)


@dataclass(frozen=True)
class WrittenPage:
    """What the server writes into a page so the browser need not wait for Dash."""

    answers: str  # the layout and the callbacks as JSON blocks (assets/written-answers.js)
    first_paint: str  # the layout as HTML, shown until Dash has drawn (pages/first_paint.py)


def written_page(app: Dash, path: str) -> WrittenPage:
    """The layout and the callbacks as the renderer's first two requests would get them, for
    this page and this user, and the layout as HTML for the first paint; nothing when the
    layout cannot be made now (the renderer's own request then meets the fault, with its
    handling)."""
    prefix = app.config.requests_pathname_prefix
    try:
        layout = app.get_layout()
        answers = {
            prefix + "_dash-layout": to_json_plotly(layout),
            prefix + "_dash-dependencies": app.dependencies().get_data(as_text=True),
        }
        painted = first_paint(layout, path)
    except Exception:  # noqa: BLE001 — see the docstring
        log.warning("the page's layout could not be written into it", exc_info=True)
        return WrittenPage(answers="", first_paint="")
    return WrittenPage(
        answers="".join(
            f'<script type="application/json" {WRITTEN_ANSWER}="{address}">'
            f"{as_script_data(text)}</script>"
            for address, text in answers.items()
        ),
        # aria-busy: a screen reader may wait for Dash's page instead of starting to read a
        # copy that is about to be replaced.
        first_paint=f'<div id="{FIRST_PAINT}" aria-busy="true">{painted}</div>',
    )


def as_script_data(json_text: str) -> str:
    # In JSON `<` stands only inside strings, where \u003c means the same: no `</script>` or
    # `<!--` can end or bend the block.
    return json_text.replace("<", "\\u003c")


def plotly_bundle_version() -> str | None:
    """The plotly.js version the bundle was built from, as its first line says."""
    with PLOTLY_BUNDLE.open(encoding="utf-8") as bundle:
        found = re.match(r"/\*! plotly\.js v(\S+),", bundle.readline())
    return found.group(1) if found else None


def _serve_plotly_bundle(app: Dash, server: Flask) -> str | None:
    """Serve the small bundle at Dash's fixed address and at its fingerprinted one (returned);
    None when the full plotly.js is served instead."""
    from plotly.offline import get_plotlyjs_version

    wanted, built = get_plotlyjs_version(), plotly_bundle_version()
    if built != wanted:
        # The figures plotly.py builds are written for its own plotly.js; an older or newer
        # bundle could draw them wrong, so the full bundle it ships is the safe choice.
        log.warning(
            "%s is plotly.js %s, but plotly needs %s: serving the full plotly.js instead "
            "(rebuild the bundle, see vendor/plotly/README.md)",
            PLOTLY_BUNDLE,
            built,
            wanted,
        )
        return None
    body = PLOTLY_BUNDLE.read_bytes()

    def plotly_bundle() -> Response:
        response = Response(body, mimetype="text/javascript")
        response.add_etag()
        response.cache_control.no_cache = True
        return response.make_conditional(request)

    # A static path wins over Dash's `<package_name>/<path>` route for the same address.
    server.add_url_rule(
        app.config.routes_pathname_prefix + PLOTLY_PATH, "plotly_bundle", plotly_bundle
    )
    fingerprinted = PLOTLY_FINGERPRINTED.format(digest=hashlib.sha256(body).hexdigest()[:16])
    # Cached for a year by _prepare_static_file, as every fingerprinted file is.
    server.add_url_rule(
        app.config.routes_pathname_prefix + fingerprinted,
        "plotly_bundle_fingerprinted",
        lambda: Response(body, mimetype="text/javascript"),
    )
    return fingerprinted


def is_static_file() -> bool:
    return request.method in ("GET", "HEAD") and request.path.startswith(STATIC_PREFIXES)


def is_fingerprinted() -> bool:
    if not is_static_file():
        return False
    if request.path.startswith("/_dash-component-suites/"):
        # Dash fingerprints as `name.v<version>m<mtime>.js`; its plotly address has none.
        return ".v" in request.path.rsplit("/", 1)[-1]
    return any(request.args.get(name) for name in FINGERPRINT_QUERY)


def static_file_key(req) -> str:
    """The compressed-body cache key: the address for a static file, empty for anything else."""
    return req.full_path if is_static_file() else ""


class StaticFilesCache:
    """flask-compress's cache, keeping only static files (a key that names one)."""

    def __init__(self) -> None:
        self.kept: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()  # gunicorn serves each worker's requests on threads

    def get(self, key: str) -> bytes | None:
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
            return found

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";"):  # `algorithm;` and no address: not a static file
            return
        with self.lock:
            self.kept[key] = value
            self.kept.move_to_end(key)
            while len(self.kept) > COMPRESSED_KEPT:
                self.kept.popitem(last=False)


def _prepare_static_file(response: Response) -> Response:
    if not is_static_file() or response.status_code != 200:
        return response
    if response.direct_passthrough:
        # Assets are sent straight from the file; read whole (they are small), their compressed
        # form can be kept like the bundles'.
        response.direct_passthrough = False
        response.make_sequence()
    if request.path.startswith(BUNDLES_PREFIX) and response.mimetype in JAVASCRIPT:
        response.set_data(COMPILE_EVERYTHING + response.get_data())
    if is_fingerprinted():
        response.cache_control.no_cache = None
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
    return response
