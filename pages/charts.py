"""A target's chart and the table that says the same in words: value, 95 % interval, the
target line, the baseline, preliminary values, a partial year with its projection, each year's
verdict and where every value came from.

Numbers in hover texts are formatted here with Babel rather than by plotly, so the chart reads
exactly like the table and the verdict ('2,25', '15 %', '78–117').
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from goals.breakdowns import Breakdown
from goals.comparisons import Comparison
from goals.history import History, MonthProfile
from goals.models import Agreement, Target
from goals.month_band import MonthBand, YearBand
from goals.points import Origin, YearPoint
from goals.words import interval_text, month_name, short_month_name, value_text
from indicators.kinds import Measure, Revision
from indicators.times import moment_text
from pages.components import status_badge
from pages.data import PageData

NAVY, RED, GREY, AMBER = "#0a3d62", "#a4232f", "#6c757d", "#8a6100"
MEASURE_AXIS = {
    "antal": "Antal",
    "andel_pct": "Andel (%)",
    "index_0_6": "Index (0–6)",
    "per_100k": "Per 100 000 invånare",
}
NO_REVISION = "uppgift saknas"


@dataclass(frozen=True)
class ChartContext:
    """What a chart needs besides the years: the target, how its values read, the chosen year."""

    target: Target
    agreement: Agreement
    measure: Measure
    unit: str
    year: int


def target_figure(history: History, context: ChartContext) -> go.Figure:
    points = [p for p in history.points if p.value is not None]
    figure = go.Figure()
    _period_band(figure, context.agreement)
    _target_line(figure, history, context)
    _baseline(figure, history, context)
    _values(
        figure,
        [p for p in points if p.complete and not p.preliminary],
        context,
        "Utfall",
        dict(color=NAVY, symbol="circle", size=9),
    )
    _values(
        figure,
        [p for p in points if p.complete and p.preliminary],
        context,
        "Preliminärt utfall",
        dict(color=AMBER, symbol="circle-open", size=11, line=dict(width=2)),
    )
    _values(
        figure,
        [p for p in points if not p.complete],
        context,
        "Hittills i år",
        dict(color=NAVY, symbol="diamond-open", size=11, line=dict(width=2)),
    )
    _projections(figure, [p for p in history.points if p.projected is not None], context)
    _chosen_year(figure, context.year)
    figure.update_layout(
        separators=", ",
        height=340,
        margin=dict(l=60, r=20, t=20, b=40),
        paper_bgcolor="#fff",
        plot_bgcolor="#fff",
        hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
        xaxis=dict(
            tickmode="linear",
            dtick=1,
            tickformat="d",
            showgrid=False,
            range=[history.first_year - 0.5, history.last_year + 0.5],
        ),
        yaxis=dict(
            title=_axis_title(context), rangemode="tozero", gridcolor="#e3e6e8", zeroline=False
        ),
    )
    return figure


def _axis_title(context: ChartContext) -> str:
    return context.target.rule.axis_title or MEASURE_AXIS.get(context.measure, context.unit)


def _values(
    figure: go.Figure, points: list[YearPoint], context: ChartContext, name: str, marker: dict
) -> None:
    if not points:
        return
    with_interval = any(p.interval for p in points)
    figure.add_trace(
        go.Scatter(
            x=[p.year for p in points],
            y=[p.value for p in points],
            name=name,
            mode="markers",
            marker=marker,
            error_y=dict(
                type="data",
                symmetric=False,
                color=marker["color"],
                thickness=1.5,
                array=[(p.interval[1] - p.value) if p.interval else 0 for p in points],
                arrayminus=[(p.value - p.interval[0]) if p.interval else 0 for p in points],
            )
            if with_interval
            else None,
            customdata=[hover_text(p, context) for p in points],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )


def _projections(figure: go.Figure, points: list[YearPoint], context: ChartContext) -> None:
    if not points:
        return
    figure.add_trace(
        go.Scatter(
            x=[p.year for p in points],
            y=[p.projected for p in points],
            name="Prognos för helåret",
            mode="markers",
            marker=dict(color=GREY, symbol="x", size=10),
            error_y=dict(
                type="data",
                symmetric=False,
                color=GREY,
                thickness=1.5,
                array=[
                    (p.projection_interval[1] - p.projected) if p.projection_interval else 0
                    for p in points
                ],
                arrayminus=[
                    (p.projected - p.projection_interval[0]) if p.projection_interval else 0
                    for p in points
                ],
            ),
            customdata=[projection_text(p, context) for p in points],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )


def _target_line(figure: go.Figure, history: History, context: ChartContext) -> None:
    line = context.target.rule.reference_line(context.agreement.period, context.measure)
    if line is None:
        return
    first, last = context.agreement.period
    if isinstance(line.level, Mapping):  # a level per year: a step for each year
        xs = [x for y in sorted(line.level) for x in (y - 0.5, y + 0.5, None)]
        ys = [v for y in sorted(line.level) for v in (line.level[y], line.level[y], None)]
    else:
        xs, ys = [first - 0.5, last + 0.5], [line.level, line.level]
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            name=line.label,
            mode="lines",
            hoverinfo="skip",
            line=dict(color=RED, dash="dash", width=2),
        )
    )


def _baseline(figure: go.Figure, history: History, context: ChartContext) -> None:
    base = history.point(history.baseline_year) if history.baseline_year else None
    if base is None or base.value is None:
        return
    label = f"Jämförelseår {base.year}: {value_text(base.value, context.measure)}"
    figure.add_trace(
        go.Scatter(
            x=[base.year - 0.5, history.last_year + 0.5],
            y=[base.value, base.value],
            name=label,
            mode="lines",
            hoverinfo="skip",
            line=dict(color=RED, dash="dot", width=2),
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[base.year],
            y=[base.value],
            name="Jämförelseåret",
            mode="markers",
            showlegend=False,
            marker=dict(color=RED, symbol="star", size=14),
            customdata=[hover_text(base, context)],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )


def _period_band(figure: go.Figure, agreement: Agreement) -> None:
    first, last = agreement.period
    figure.add_vrect(
        x0=first - 0.5,
        x1=last + 0.5,
        fillcolor="#eef3f8",
        line_width=0,
        layer="below",
        annotation_text=f"Avtalsperioden {first}–{last}",
        annotation_position="top left",
        annotation_font=dict(size=11, color="#30363b"),
    )


def _chosen_year(figure: go.Figure, year: int) -> None:
    figure.add_vline(
        x=year,
        line=dict(color=GREY, width=1, dash="dot"),
        annotation_text=f"Valt år {year}",
        annotation_position="top right",
        annotation_font=dict(size=11, color="#30363b"),
    )


def hover_text(point: YearPoint, context: ChartContext) -> str:
    """'2021: 203 (95 % intervall 176–233)<br>bra.csv, rad 15<br>inläst 2026-11-23 · slutlig'."""
    lines = [
        f"<b>{point.year}: {value_text(point.value, context.measure)}</b>"
        + (
            f" (95 % intervall {interval_text(point.interval, context.measure)})"
            if point.interval
            else ""
        )
    ]
    if not point.complete:
        lines.append(f"{point.months} av 12 månader")
    lines += [plot_text(origin_text(origin)) for origin in point.origins]
    if point.note:
        lines.append(point.note)
    return "<br>".join(lines)


def plot_text(text: str) -> str:
    """Text from a file (its name, a sheet, an area) for plotly's labels, which read a subset
    of HTML: escaped, a name like `<a href=…>` stays text instead of becoming a link."""
    return html_module.escape(text, quote=False)


def projection_text(point: YearPoint, context: ChartContext) -> str:
    interval = (
        f" (95 % prognosintervall {interval_text(point.projection_interval, 'antal')})"
        if point.projection_interval
        else ""
    )
    return f"<b>{point.year}: prognos {value_text(point.projected, 'antal')}</b>{interval}"


def origin_text(origin: Origin) -> str:
    where = ", ".join(
        part
        for part in (origin.file, origin.sheet and f"blad {origin.sheet}", origin.places)
        if part
    )
    return (
        f"{where} · inläst {moment_text(origin.imported_at, compact=True)} · "
        f"{origin.revision or NO_REVISION}"
    )


def history_table(history: History, context: ChartContext, caption: str) -> html.Table:
    """The chart's table alternative: every year with value, interval, verdict and origin."""
    header = ["År", "Värde", "95 % intervall", "Uppgiften", "Bedömning", "Ursprung"]
    rows = [_history_row(point, context, history.baseline_year) for point in history.points]
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(rows),
        ],
        className="table table-sm table-bordered history-table mt-2",
    )


def _history_row(point: YearPoint, context: ChartContext, baseline_year: int | None) -> html.Tr:
    value = "–" if point.value is None else value_text(point.value, context.measure)
    interval = interval_text(point.interval, context.measure) if point.interval else "–"
    if point.projected is not None:
        value += (
            f" (prognos {value_text(point.projected, 'antal')})"
            if point.value is not None
            else f"prognos {value_text(point.projected, 'antal')}"
        )
        if point.projection_interval:
            interval = f"prognos {interval_text(point.projection_interval, 'antal')}"
    about = (
        "ingen uppgift"
        if point.value is None
        else point.note
        if point.note
        else f"{point.months} av 12 månader"
        if not point.complete
        else Revision.PRELIMINAR.value
        if point.preliminary
        else Revision.SLUTLIG.value
        if all(o.revision is Revision.SLUTLIG for o in point.origins)
        else "uppgift om status saknas"
    )
    verdict = status_badge(point.verdict.status, point.verdict.short) if point.verdict else "–"
    origins = [html.Div(origin_text(o)) for o in point.origins] or "–"
    chosen = point.year == context.year
    return html.Tr(
        [
            html.Th(_year_label(point.year, context, baseline_year), scope="row"),
            html.Td(value, className="text-end"),
            html.Td(interval, className="text-end"),
            html.Td(about),
            html.Td(verdict),
            html.Td(origins, className="small"),
        ],
        className="table-active" if chosen else None,
    )


def _year_label(year: int, context: ChartContext, baseline_year: int | None) -> str:
    """'2022 (jämförelseår, före avtalsperioden)': a later agreement shows the years before
    its period as history, its baseline among them."""
    notes = [
        *(["valt år"] if year == context.year else []),
        *(["jämförelseår"] if year == baseline_year else []),
        *(["före avtalsperioden"] if year < context.agreement.period[0] else []),
    ]
    return f"{year} ({', '.join(notes)})" if notes else str(year)


def chart_id(target_id: object) -> dict[str, object]:  # a target id, or MATCH
    return {"type": "delmal-diagram", "target": target_id}


def selection_id(target_id: object) -> dict[str, object]:
    return {"type": "delmal-vald-punkt", "target": target_id}


def selected_point(click: dict | None) -> list[html.Div]:
    """A clicked point's hover text (value, interval, files) as plain lines below the chart."""
    points = click.get("points") if isinstance(click, dict) else None
    first = points[0] if isinstance(points, list) and points else None
    described = first.get("customdata") if isinstance(first, dict) else None
    if not isinstance(described, str):
        return []
    lines = [html_module.unescape(line) for line in re.sub(r"</?b>", "", described).split("<br>")]
    return [html.Div(lines[0], className="fw-semibold"), *[html.Div(line) for line in lines[1:]]]


def target_chart(
    data: PageData, history: History, context: ChartContext, caption: str
) -> html.Figure:
    """The chart with its caption; hover shows each value's origin. Building and validating a
    plotly figure is the costliest part of a goal page, so it is built once per state of the
    store (pages/data.py)."""
    table_id = f"tabell-{context.target.id.replace('.', '-')}"
    figure: dict[str, Any] = data.memo(
        ("figure", context.target.id, context.year),
        lambda: target_figure(history, context).to_plotly_json(),
    )
    return html.Figure(
        [
            dcc.Graph(
                figure=figure,
                id=chart_id(context.target.id),
                # No modebar: its buttons are English-only; the data goes out as CSV/Excel.
                config={"displayModeBar": False},
                className="target-chart",
            ),
            html.Div(
                id=selection_id(context.target.id),
                className="selected-point small",
                **{"aria-live": "polite"},
            ),
            html.Figcaption(
                [
                    caption,
                    ". Välj en punkt för att se dess ursprung. ",
                    html.A("Samma värden i tabellform.", href=f"#{table_id}"),
                ],
                className="small text-body-secondary",
            ),
            html.Div(
                history_table(history, context, f"Värden per år: {caption}"),
                id=table_id,
                className="table-responsive",
            ),
        ],
        className="mb-3",
    )


def breakdown_table(breakdown: Breakdown, table_id: str) -> html.Div:
    """A breakdown as a table: one row per year, one column per series."""
    labels = list(breakdown.series)
    header = html.Tr(
        [html.Th("År", scope="col")] + [html.Th(label, scope="col") for label in labels]
    )
    body = [
        html.Tr(
            [html.Th(str(year), scope="row")]
            + [
                html.Td(
                    _cell(breakdown.series[label].get(year), breakdown.measure_of(label)),
                    className="text-end",
                )
                for label in labels
            ]
        )
        for year in breakdown.years
    ]
    return html.Div(
        [
            html.Table(
                [html.Caption(breakdown.title), html.Thead(header), html.Tbody(body)],
                className="table table-sm table-bordered breakdown-table",
                id=table_id,
            ),
            html.P(breakdown.note, className="small text-body-secondary")
            if breakdown.note
            else None,
        ],
        className="table-responsive",
    )


def _cell(value: float | None, measure: str) -> str:
    return "–" if value is None else value_text(value, measure)


def month_chart(profile: MonthProfile, target_id: str) -> html.Figure:
    """The chosen year month by month beside the average month of earlier complete years."""
    names = [short_month_name(m) for m in range(1, 13)]
    counted = sorted(profile.months)
    figure = go.Figure(
        go.Bar(
            x=[names[m - 1] for m in counted],
            y=[profile.months[m] for m in counted],
            name=str(profile.year),
            marker_color=NAVY,
            customdata=[
                f"{month_name(m)} {profile.year}: {value_text(v, 'antal')}"
                for m, v in sorted(profile.months.items())
            ],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    if profile.earlier_mean:
        figure.add_trace(
            go.Scatter(
                x=names,
                y=[profile.earlier_mean[m] for m in range(1, 13)],
                mode="lines+markers",
                name=_earlier_label(profile),
                line=dict(color=GREY, dash="dash"),
                customdata=[
                    f"{month_name(m)}, snitt: {value_text(round(v, 1), 'antal')}"
                    for m, v in sorted(profile.earlier_mean.items())
                ],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    figure.update_layout(
        separators=", ",
        height=260,
        margin=dict(l=60, r=20, t=10, b=40),
        paper_bgcolor="#fff",
        plot_bgcolor="#fff",
        barmode="overlay",
        legend=dict(orientation="h", yanchor="top", y=-0.2, x=0),
        xaxis=dict(categoryorder="array", categoryarray=names),
        yaxis=dict(title="Antal", rangemode="tozero", gridcolor="#e3e6e8"),
    )
    caption = f"Månad för månad {profile.year}"
    return html.Figure(
        [
            dcc.Graph(
                figure=figure,
                config={"displayModeBar": False},
                className="month-chart",
                id=f"manader-{target_id}",
            ),
            html.Figcaption(caption, className="small text-body-secondary"),
            _month_table(profile, caption),
        ],
        className="mb-3",
    )


def _earlier_label(profile: MonthProfile) -> str:
    years = profile.earlier_years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return f"Snitt per månad {span}"


def _month_table(profile: MonthProfile, caption: str) -> html.Details:
    header = ["Månad", str(profile.year)] + (
        [_earlier_label(profile)] if profile.earlier_mean else []
    )
    rows = [
        html.Tr(
            [
                html.Th(month_name(m), scope="row"),
                html.Td(_cell(profile.months.get(m), "antal"), className="text-end"),
            ]
            + (
                [
                    html.Td(
                        value_text(round(profile.earlier_mean[m], 1), "antal"), className="text-end"
                    )
                ]
                if profile.earlier_mean
                else []
            )
        )
        for m in range(1, 13)
    ]
    return html.Details(
        [
            html.Summary("Månaderna i tabellform"),
            html.Table(
                [
                    html.Caption(caption),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                    html.Tbody(rows),
                ],
                className="table table-sm table-bordered month-table mt-2",
            ),
        ],
    )


# The normal band of the months (goals/month_band.py) -------------------------------------------

BAND_FILL = "rgba(108, 117, 125, 0.22)"
OUTSIDE_SYMBOL = {"över": "triangle-up", "under": "triangle-down"}


def _month_label(month: MonthBand) -> str:
    return f"{short_month_name(month.month)} {month.year}"


def band_text(month: MonthBand) -> str:
    """'inom det normala', 'över det normala (▲)' or 'under det normala (▼)': words first, so
    neither colour nor the marker's shape alone says it."""
    if month.value is None:
        return "ingen uppgift än"
    if month.low is None:
        return "inget band (ingen tidigare nivå)"
    if month.outside == "över":
        return "▲ över det normala"
    if month.outside == "under":
        return "▼ under det normala"
    return "inom det normala"


def _band_range(month: MonthBand) -> str:
    if month.low is None or month.high is None:
        return "–"
    return f"{value_text(month.low, 'antal')}–{value_text(month.high, 'antal')}"


def _expected_text(month: MonthBand) -> str:
    return "–" if month.expected is None else value_text(round(month.expected, 1), "antal")


def band_figure(bands: list[YearBand]) -> go.Figure:
    """The months of the year before and the year, each with the band chance allows around the
    same months of the years before it; months outside marked with ▲ or ▼ and a word."""
    months = [m for band in bands for m in band.months]
    names = [_month_label(m) for m in months]
    figure = go.Figure()
    for band in bands:
        banded = [m for m in band.months if m.low is not None]
        if not banded:
            continue
        shown = band is bands[-1]  # one legend entry for the band and the expected level
        figure.add_trace(
            go.Scatter(
                x=[_month_label(m) for m in banded],
                y=[m.low for m in banded],
                mode="lines",
                line=dict(width=0, shape="hvh"),
                hoverinfo="skip",
                showlegend=False,
            )
        )
        figure.add_trace(
            go.Scatter(
                x=[_month_label(m) for m in banded],
                y=[m.high for m in banded],
                mode="lines",
                line=dict(width=0, shape="hvh"),
                fill="tonexty",
                fillcolor=BAND_FILL,
                name="Det normala (95 %)",
                showlegend=shown,
                hoverinfo="skip",
            )
        )
        figure.add_trace(
            go.Scatter(
                x=[_month_label(m) for m in banded],
                y=[m.expected for m in banded],
                mode="lines",
                line=dict(color=GREY, dash="dash", width=1.5, shape="hvh"),
                name="Förväntat",
                showlegend=shown,
                hoverinfo="skip",
            )
        )
    counted = [m for m in months if m.value is not None]
    figure.add_trace(
        go.Scatter(
            x=[_month_label(m) for m in counted],
            y=[m.value for m in counted],
            mode="lines+markers",
            name="Antal per månad",
            line=dict(color=NAVY, width=2),
            marker=dict(color=NAVY, size=7),
            customdata=[_band_hover(m) for m in counted],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    outside = [m for m in counted if m.outside]
    if outside:
        figure.add_trace(
            go.Scatter(
                x=[_month_label(m) for m in outside],
                y=[m.value for m in outside],
                mode="markers+text",
                name="Utanför det normala",
                marker=dict(
                    color=RED,
                    size=14,
                    symbol=[OUTSIDE_SYMBOL[m.outside] for m in outside if m.outside],
                ),
                text=[m.outside for m in outside],
                textposition=[
                    "top center" if m.outside == "över" else "bottom center" for m in outside
                ],
                textfont=dict(color=RED, size=12),
                customdata=[_band_hover(m) for m in outside],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    figure.update_layout(
        separators=", ",
        height=300,
        margin=dict(l=60, r=20, t=20, b=40),
        paper_bgcolor="#fff",
        plot_bgcolor="#fff",
        hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.25, x=0),
        xaxis=dict(categoryorder="array", categoryarray=names, tickangle=-45),
        yaxis=dict(title="Antal", rangemode="tozero", gridcolor="#e3e6e8"),
    )
    return figure


def _band_hover(month: MonthBand) -> str:
    return (
        f"<b>{month_name(month.month)} {month.year}: {value_text(month.value or 0, 'antal')}</b>"
        f"<br>normalt {_band_range(month)}, förväntat {_expected_text(month)}"
        f"<br>{band_text(month)}"
    )


def band_chart(
    bands: list[YearBand], target_id: str, caption: str, figure: dict[str, Any] | None = None
) -> html.Figure:
    """The band chart with its table alternative (every month: count, expected, band, verdict).
    `figure`: band_figure(bands) as JSON, when the page keeps it (a plotly figure is the
    costliest part of a page to build)."""
    table_id = f"normalband-tabell-{target_id.replace('.', '-')}"
    return html.Figure(
        [
            dcc.Graph(
                figure=figure if figure is not None else band_figure(bands),
                config={"displayModeBar": False},
                className="band-chart",
                id=f"normalband-{target_id.replace('.', '-')}",
            ),
            html.Figcaption(
                [caption, ". ", html.A("Samma månader i tabellform.", href=f"#{table_id}")],
                className="small text-body-secondary",
            ),
            html.Div(band_table(bands, caption), id=table_id, className="table-responsive"),
        ],
        className="mb-3",
    )


def band_table(bands: list[YearBand], caption: str) -> html.Table:
    header = ["Månad", "Antal", "Förväntat", "Det normala (95 %)", "Bedömning"]
    rows = [
        html.Tr(
            [
                html.Th(f"{month_name(m.month)} {m.year}", scope="row"),
                html.Td(_cell(m.value, "antal"), className="text-end"),
                html.Td(_expected_text(m), className="text-end"),
                html.Td(_band_range(m), className="text-end"),
                html.Td(band_text(m), className="fw-semibold" if m.outside else None),
            ]
        )
        for band in bands
        for m in band.months
        if m.value is not None or band is bands[-1]
    ]
    return html.Table(
        [
            html.Caption(f"Månader och det normala: {caption}"),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(rows),
        ],
        className="table table-sm table-bordered band-table mt-2",
    )


# A kommun beside its län, riket and comparison kommuner (goals/comparisons.py) ---------------

PLACE_STYLES = {
    "egen": dict(color=NAVY, width=3, dash="solid"),
    "lan": dict(color=GREY, width=2, dash="dash"),
    "riket": dict(color=RED, width=2, dash="dot"),
}
OTHER_KOMMUN_COLOURS = ("#8a6100", "#2d6a4f", "#6f42c1", "#495057", "#b35c00", "#1f5f8b")
RATE_AXIS = {"per_100k": "Per 100 000 invånare", "per_1000": "Per 1 000 invånare"}


def comparison_figure(found: Comparison) -> go.Figure:
    """One line per geography over the years, the kommun drawn strongest."""
    figure = go.Figure()
    others = 0
    for place in found.places:
        if place.level == "kommun":
            style = dict(color=OTHER_KOMMUN_COLOURS[others % len(OTHER_KOMMUN_COLOURS)], width=1.5)
            others += 1
        else:
            style = PLACE_STYLES[place.level]
        years = sorted(place.values)
        figure.add_trace(
            go.Scatter(
                x=years,
                y=[place.values[y] for y in years],
                name=place.name,
                mode="lines+markers",
                line=style,
                marker=dict(color=style["color"], size=7 if place.level == "egen" else 5),
                customdata=[
                    plot_text(f"{place.name} {y}: {value_text(place.values[y], found.measure)}")
                    for y in years
                ],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    figure.update_layout(
        separators=", ",
        height=300,
        margin=dict(l=60, r=20, t=10, b=40),
        paper_bgcolor="#fff",
        plot_bgcolor="#fff",
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
        xaxis=dict(tickmode="linear", dtick=1, tickformat="d", gridcolor="#e3e6e8"),
        yaxis=dict(
            title=RATE_AXIS.get(found.measure, found.measure),
            rangemode="tozero",
            gridcolor="#e3e6e8",
        ),
    )
    return figure


def comparison_chart(
    found: Comparison, chart_key: str, figure: dict[str, Any] | None = None
) -> html.Figure:
    """The comparison chart with its caption, source and table alternative; `figure` as for
    band_chart."""
    unit = RATE_AXIS.get(found.measure, found.measure).lower()
    caption = f"{found.label}, {unit}, {found.years_text}"
    table_id = f"jamforelse-tabell-{chart_key}"
    return html.Figure(
        [
            dcc.Graph(
                figure=figure if figure is not None else comparison_figure(found),
                config={"displayModeBar": False},
                className="comparison-chart",
                id=f"jamforelse-{chart_key}",
            ),
            html.Figcaption(
                [
                    f"{caption}. {found.source_text} ",
                    found.left_out_text + " " if found.left_out_text else "",
                    html.A("Samma värden i tabellform.", href=f"#{table_id}"),
                ],
                className="small text-body-secondary",
            ),
            html.Div(
                comparison_table(found, f"Värden per år: {caption}"),
                id=table_id,
                className="table-responsive",
            ),
        ],
        className="mb-3",
    )


def comparison_table(found: Comparison, caption: str) -> html.Table:
    """Years down, geographies across; a year a geography lacks says so with a dash."""
    header = [html.Th("År", scope="col")] + [
        html.Th(place.name, scope="col") for place in found.places
    ]
    rows = [
        html.Tr(
            [html.Th(str(year), scope="row")]
            + [
                html.Td(_cell(place.values.get(year), found.measure), className="text-end")
                for place in found.places
            ]
        )
        for year in found.years
    ]
    return html.Table(
        [html.Caption(caption), html.Thead(html.Tr(header)), html.Tbody(rows)],
        className="table table-sm table-bordered comparison-table mt-2",
    )
