"""A hand-written SVG bar chart: no dependencies, no scripts, no external references."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(
    values: Sequence[int],
    labels: Sequence[str],
    *,
    title: str,
    titles: Sequence[str] | None = None,
    y_max: int = 7,
    width: int = 640,
    height: int = 170,
) -> str:
    """Vertical bars with their value on top and a label under each.

    ``titles`` gives each bar a tooltip (and screen-reader text). All text is escaped.
    """
    if len(values) != len(labels):
        raise ValueError("values and labels differ in length")
    top = max([y_max, *values]) or 1
    left, right, up, down = 28, 8, 14, 30
    plot_w = width - left - right
    plot_h = height - up - down
    n = max(len(values), 1)
    slot = plot_w / n
    bar_w = slot * 0.68
    label_every = 1 if n <= 14 else 2 if n <= 28 else 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    # Grid lines and the y scale.
    step = 1 if top <= 10 else max(1, round(top / 7))
    # Keep tick labels at least 13 px apart, so a short chart's scale stays readable.
    step = max(step, -(-top * 13 // max(int(plot_h), 1)))
    for tick in range(0, top + 1, step):
        y = up + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" '
            f'stroke="#d0d0d0" stroke-width="{1 if tick else 1.5}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{_n(y + 3.5)}" font-size="10" text-anchor="end" '
            f'fill="#555">{tick}</text>'
        )
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        x = left + slot * i + (slot - bar_w) / 2
        h = plot_h * value / top
        y = up + plot_h - h
        tip = escape(titles[i] if titles else f"{label}: {value}")
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(bar_w)}" height="{_n(h)}" '
            f'fill="#3b6ea5"><title>{tip}</title></rect>'
        )
        cx = _n(x + bar_w / 2)
        parts.append(
            f'<text x="{cx}" y="{_n(y - 3)}" font-size="10" text-anchor="middle" '
            f'fill="#222">{value}</text>'
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{cx}" y="{height - down + 14}" font-size="9" '
                f'text-anchor="middle" fill="#444">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
