"""The enrolment code as a Code 128 barcode (SVG, drawn on the server: no script, no CDN) for the station's
scanner to type into station-app enroll's field."""

from __future__ import annotations

import base64
import io

from barcode import Code128
from barcode.writer import SVGWriter


def code128_data_uri(text: str) -> str:
    out = io.BytesIO()
    # module_width in mm: wide bars a cheap scanner reads off a screen; quiet zone of 10 modules each side
    Code128(text, writer=SVGWriter()).write(out, options={"module_width": 0.5, "module_height": 18.0,
                                                          "quiet_zone": 6.0, "write_text": False})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")
