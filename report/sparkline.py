"""A small inline SVG trend, shared by the overview cards and the annual follow-up (where
WeasyPrint draws it in the PDF without a browser)."""

from __future__ import annotations

import base64

from goals.points import YearValue


def sparkline_uri(
    values: list[YearValue],
    chosen: int,
    threshold: float | None,
    width: int = 140,
    height: int = 36,
) -> str:
    """An inline SVG: the yearly values, the chosen year marked, the threshold dashed."""
    pad = 4
    numbers = [v.value for v in values] + ([threshold] if threshold is not None else [])
    low, high = min(numbers), max(numbers)
    span_y = (high - low) or 1
    years = [v.year for v in values]
    span_x = (max(years) - min(years)) or 1

    def x(year: int) -> float:
        return pad + (year - min(years)) / span_x * (width - 2 * pad)

    def y(value: float) -> float:
        return height - pad - (value - low) / span_y * (height - 2 * pad)

    points = " ".join(f"{x(v.year):.1f},{y(v.value):.1f}" for v in values)
    parts = [f'<polyline points="{points}" fill="none" stroke="#0a3d62" stroke-width="2"/>']
    if threshold is not None:
        parts.append(
            f'<line x1="{pad}" x2="{width - pad}" y1="{y(threshold):.1f}" '
            f'y2="{y(threshold):.1f}" stroke="#a4232f" stroke-dasharray="4 3"/>'
        )
    parts += [
        f'<circle cx="{x(v.year):.1f}" cy="{y(v.value):.1f}" '
        f'r="{3.5 if v.year == chosen else 2}" fill="{"#0a3d62" if v.complete else "#fff"}" '
        'stroke="#0a3d62"/>'
        for v in values
    ]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
