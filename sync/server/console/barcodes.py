"""The enrolment code as a Code 128 barcode for the station's scanner to type into station-app enroll's field:
an SVG drawn on the server (no script, no CDN) from python-barcode's modules. Each module is a whole number of
CSS pixels and edges are crisp, so a screen shows clean bars a cheap scanner (or a decoder) reads."""

from __future__ import annotations

import base64
import itertools

from barcode import Code128

QUIET = 10  # modules of white each side
MODULE_PX = 3
HEIGHT_PX = 140


def code128_svg(text: str) -> str:
    modules = Code128(text).build()[0]  # "11010011100…": 1 is a bar
    width = len(modules) + 2 * QUIET
    bars, x = [], QUIET
    for bit, run in itertools.groupby(modules):
        n = len(list(run))
        if bit == "1":
            bars.append(f'<rect x="{x}" y="0" width="{n}" height="1"/>')
        x += n
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * MODULE_PX}" height="{HEIGHT_PX}" '
            f'viewBox="0 0 {width} 1" preserveAspectRatio="none" shape-rendering="crispEdges">'
            f'<rect width="{width}" height="1" fill="#fff"/><g fill="#000">{"".join(bars)}</g></svg>')


def code128_data_uri(text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(code128_svg(text).encode()).decode("ascii")
