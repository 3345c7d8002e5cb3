"""Label engine timings (issue #3): one sticker to PDF, 500 stickers in one PDF, one TSPL job."""

from __future__ import annotations

import time

from station_app.labels import pdf, printer_jobs
from station_app.labels.catalog import sticker_page
from station_app.labels.elements import SIZES
from station_app.labels.kinds.pickup_sticker import PickupSticker


def _sticker(i: int) -> PickupSticker:
    return PickupSticker(f"{1 + i % 20}-{1 + i % 5}-{i % 9999 + 1:04d}", "中通", f"73{i:010d}", "138****5678",
                         "11-23", "龙雾村便民服务站")


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out)


def rows() -> list[tuple[str, str, str]]:
    size = SIZES["60x40"]
    pdf.render([sticker_page(_sticker(0), size)])  # font registration and caches: once per process
    one = _timed(lambda i: pdf.render([sticker_page(_sticker(i), size)]), 200)
    batch = _timed(lambda i: pdf.render([sticker_page(_sticker(i * 500 + k), size) for k in range(500)]), 3)
    tspl = _timed(lambda i: printer_jobs.tspl([sticker_page(_sticker(i), size)]), 200)
    zpl = _timed(lambda i: printer_jobs.zpl([sticker_page(_sticker(i), size)]), 200)
    return [
        ("pickup sticker → PDF, median / p99", f"{one[100]:.1f} / {one[198]:.1f} ms", "≤ 15 ms"),
        ("500 stickers in one PDF", f"{batch[1] / 1000:.2f} s", "≤ 5 s"),
        ("pickup sticker → TSPL job, median / p99", f"{tspl[100]:.1f} / {tspl[198]:.1f} ms", "≤ 10 ms"),
        ("pickup sticker → ZPL job, median", f"{zpl[100]:.1f} ms", ""),
    ]
