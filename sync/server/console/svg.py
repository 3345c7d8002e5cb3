"""Charts drawn on the server as inline SVG (no script, no chart library, nothing fetched): horizontal bars for a
few groups, and columns for a daily trend. Every chart is shown beside a table of the same numbers, so the SVG
carries an aria-label and no number that the table lacks."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

FONT = 'font-family="Microsoft YaHei, WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"'
BAR = "#0b5394"
OTHER = "#9fb8d3"


def bars(title: str, items: list[tuple[str, float, str]], width: int = 620, other: list[float] | None = None
         ) -> Markup:
    """One bar per (label, value, shown text); ``other`` (e.g. the previous period) as a thin pale bar below."""
    if not items:
        return Markup("")
    row, left, right = 30, 170, 120
    height = row * len(items) + 34
    top = max([v for _, v, _ in items] + (other or []) + [1])
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" {FONT} font-size="14">',
           f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>']
    span = width - left - right
    for i, (name, value, text) in enumerate(items):
        y = 26 + i * row
        w = max(0.0, value) / top * span
        shortened = name if len(name) <= 10 else name[:9] + "…"
        out.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{escape(shortened)}</text>')
        out.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="16" fill="{BAR}"/>')
        if other is not None:
            ow = max(0.0, other[i]) / top * span
            out.append(f'<rect x="{left}" y="{y + 21}" width="{ow:.1f}" height="5" fill="{OTHER}"/>')
        out.append(f'<text x="{left + w + 6:.1f}" y="{y + 16}">{escape(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def columns(title: str, days: list[tuple[str, float]], width: int = 1180, height: int = 190) -> Markup:
    """A column per day (label 'MM-DD' under every fifth), the largest value written at the top left."""
    if not days:
        return Markup("")
    left, bottom, top_pad = 44, 24, 28
    top = max([v for _, v in days] + [1])
    step = (width - left) / len(days)
    plot = height - bottom - top_pad
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" {FONT} font-size="13">',
           f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>',
           f'<line x1="{left}" y1="{top_pad + plot}" x2="{width}" y2="{top_pad + plot}" stroke="#8a96a3"/>',
           f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end">{top:g}</text>',
           f'<text x="{left - 6}" y="{top_pad + plot}" text-anchor="end">0</text>']
    for i, (day, value) in enumerate(days):
        h = max(0.0, value) / top * plot
        x = left + i * step
        out.append(f'<rect x="{x + 2:.1f}" y="{top_pad + plot - h:.1f}" width="{max(1.0, step - 4):.1f}" '
                   f'height="{h:.1f}" fill="{BAR}"><title>{escape(day)}：{value:g}</title></rect>')
        if i % 5 == 0 or i == len(days) - 1:
            out.append(f'<text x="{x + step / 2:.1f}" y="{height - 6}" text-anchor="middle">{escape(day[5:])}</text>')
    out.append("</svg>")
    return Markup("".join(out))
