"""Charts for the board's documents, drawn with matplotlib: SVG for the HTML and the PDF (vector,
drawn by WeasyPrint without a browser), PNG from the same drawing for Word.

matplotlib rather than plotly with kaleido: kaleido needs a Chromium at render time, so every
`trygghetsmal report` and every PDF download would start a browser; matplotlib draws in-process
with the same DejaVu Sans as the rest of the PDF. Every chart has axes with Swedish numbers, each
value written at its point, the target or comparison line labelled in words, and the 95 %
intervals as error bars: nothing rests on colour alone.
"""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib

matplotlib.use("Agg")  # before anything else of matplotlib: no display, no GUI toolkit

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from goals.words import value_text  # noqa: E402
from indicators.numbers import format_number  # noqa: E402
from report.model import Chart, Panel, Point, Reference  # noqa: E402

FONT = "DejaVu Sans"
INK = "#1b1f23"
SERIES = "#0a3d62"
TARGET = "#a4232f"
BASELINE = "#495057"
WIDTH_CM = 17.0
PANEL_WIDTH_CM = 5.6
ROW_HEIGHT_CM = 5.4
CM = 1 / 2.54


def chart_svg(chart: Chart) -> bytes:
    return _render(chart, "svg")


def chart_png(chart: Chart, dpi: int = 200) -> bytes:
    return _render(chart, "png", dpi)


def chart_size_cm(chart: Chart) -> tuple[float, float]:
    columns = _columns(chart)
    rows = math.ceil(len(chart.panels) / columns)
    width = WIDTH_CM if columns > 1 else PANEL_WIDTH_CM * 1.6
    return width, ROW_HEIGHT_CM * rows


def _columns(chart: Chart) -> int:
    count = len(chart.panels)
    return count if count <= 3 else 2 if count == 4 else 3


def _render(chart: Chart, kind: str, dpi: int = 100) -> bytes:
    with matplotlib.rc_context(
        {
            "font.family": FONT,
            "font.size": 7.5,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.fonttype": "none",  # text stays text: the PDF's font, selectable, one family
            "svg.hashsalt": "trygghetsmal",  # the same chart gives the same bytes
        }
    ):
        width, height = chart_size_cm(chart)
        figure = Figure(figsize=(width * CM, height * CM), layout="constrained")
        columns = _columns(chart)
        rows = math.ceil(len(chart.panels) / columns)
        axes = figure.subplots(rows, columns, squeeze=False)
        for index, ax in enumerate(axes.flat):
            if index < len(chart.panels):
                _draw(ax, chart.panels[index])
            else:
                ax.set_axis_off()
        buffer = io.BytesIO()
        metadata = {"Date": None} if kind == "svg" else {}
        figure.savefig(buffer, format=kind, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def _draw(ax: Axes, panel: Panel) -> None:
    points = panel.points
    years = [p.year for p in points]
    ax.set_title(
        "\n".join(textwrap.wrap(panel.title, 30)), loc="left", fontsize=7.5, fontweight="bold"
    )
    ax.set_ylabel(panel.axis_label)
    if points:
        _series(ax, panel)
    if panel.references:
        _references(ax, panel.references)
    ax.set_ylim(0, _top(panel))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    decimals = 1 if panel.measure == "index_0_6" else 0
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, decimals)))
    shown = sorted(set(years)) or [panel.highlight or 0]
    ax.set_xticks(shown)
    ax.set_xticklabels([str(y) for y in shown])
    ax.set_xlim(min(shown) - 0.6, max(shown) + 0.6)
    for label in ax.get_xticklabels():
        if label.get_text() == str(panel.highlight):
            label.set_fontweight("bold")
    ax.grid(axis="y", color="#dee2e6", linewidth=0.5)
    ax.set_axisbelow(True)


def _series(ax: Axes, panel: Panel) -> None:
    points = panel.points
    ax.plot(
        [p.year for p in points], [p.value for p in points], color=SERIES, linewidth=1.2, zorder=2
    )
    with_interval = [p for p in points if p.interval]
    if with_interval:
        ax.errorbar(
            [p.year for p in with_interval],
            [p.value for p in with_interval],
            yerr=[
                [p.value - p.interval[0] for p in with_interval if p.interval],
                [p.interval[1] - p.value for p in with_interval if p.interval],
            ],
            fmt="none",
            ecolor=SERIES,
            elinewidth=0.8,
            capsize=2.5,
            zorder=2,
        )
    for point in points:
        _marker(ax, point, panel)


def _marker(ax: Axes, point: Point, panel: Panel) -> None:
    chosen = point.year == panel.highlight
    ax.plot(
        point.year,
        point.value,
        marker="o",
        markersize=5 if chosen else 3.8,
        markerfacecolor=SERIES if point.complete else "white",
        markeredgecolor=SERIES,
        zorder=3,
    )
    text = value_text(point.value, panel.measure) + ("" if point.complete else " (del av år)")
    top = point.interval[1] if point.interval else point.value
    ax.annotate(
        text,
        (point.year, top),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=6.5,
        fontweight="bold" if chosen else "normal",
        color=INK,
    )


def _references(ax: Axes, references: tuple[Reference, ...]) -> None:
    """Each line drawn across the panel and named beneath it, with its own dash pattern."""
    handles = []
    for reference in references:
        is_target = reference.kind == "target"
        colour = TARGET if is_target else BASELINE
        dashes = (0, (5, 3)) if is_target else (0, (1, 2))
        ax.axhline(reference.value, color=colour, linestyle=dashes, linewidth=1.1, zorder=1)
        handles.append(
            Line2D([], [], label=reference.label, color=colour, linestyle=dashes, linewidth=1.1)
        )
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, -0.14),
        frameon=False,
        fontsize=6.5,
        handlelength=2.6,
        borderaxespad=0,
    )


def _top(panel: Panel) -> float:
    """Room above the highest value, interval or line for the labels written there."""
    highs = [p.interval[1] if p.interval else p.value for p in panel.points]
    highs += [r.value for r in panel.references]
    top = max(highs, default=1.0) or 1.0
    if panel.measure == "andel_pct":
        return min(100.0, top * 1.25) if top * 1.25 < 100 else 105.0
    return top * 1.25
