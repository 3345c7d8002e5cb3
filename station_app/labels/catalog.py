"""Every label kind by name, with sample data, for the print test and for calibration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import pdf, printer_jobs
from .elements import SIZES, Page, Size
from .kinds import batch_sheet, box_label, document, pickup_sticker, sending_label, shelf_label


@dataclass(frozen=True)
class Kind:
    name: str
    sample: Callable[[Size], list[Page]]
    thermal: bool  # printable on a roll of labels (TSPL/ZPL); A4 sheets are not


def sticker_page(data: pickup_sticker.PickupSticker, size: Size) -> Page:
    return Page(size, pickup_sticker.layout(data, size))


def shelf_page(data: shelf_label.ShelfLabel, size: Size) -> Page:
    return Page(size, shelf_label.layout(data, size))


SAMPLE_SENDING = sending_label.SendingLabel(
    "S00100000001", "中通快递", "张* 138****5678", "李四 139****5678",
    "广东省广州市天河区体育西路 1 号 体育中心 3 栋 502 室", "衣服", "2.30 kg", "¥20.00", "2026-11-23",
    "龙雾村便民服务站")
SAMPLE_BOX = box_label.BoxLabel("S001-26112300103", "巫山脆李", "特级", "3/5", "11-23", "龙雾村便民服务站",
                                "lot=S001-261123001;product=巫山脆李;grade=特级;origin=龙雾村;station=龙雾村便民服务站;"
                                "date=2026-11-23")
SAMPLE_STICKER = pickup_sticker.PickupSticker("3-2-0147", "中通", "731234567890", "138****5678", "11-23",
                                              "龙雾村便民服务站")

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("pickup_sticker", lambda size: [sticker_page(SAMPLE_STICKER, size)], thermal=True),
    Kind("shelf_label", lambda size: [shelf_page(shelf_label.ShelfLabel(3, 2, "龙雾村便民服务站"), size)],
         thermal=True),
    Kind("sending_label", lambda _size: [Page(SIZES["100x150"], sending_label.layout(SAMPLE_SENDING,
                                                                                    SIZES["100x150"]))],
         thermal=True),
    Kind("box_label", lambda size: [Page(size, box_label.layout(SAMPLE_BOX, size))], thermal=True),
    Kind("settlement_statement", lambda _size: document.pages(document.Document(
        "农产品代销结算单 · 龙雾村便民服务站", "ST-20261123-001",
        [("委托人：刘** 137****1111", True), ("S001-20261123-001 巫山脆李 特级 30.000 kg ¥383.33", False),
         ("销售合计 ¥1,361.11  代销佣金 ¥74.86  费用 ¥15.00", False), ("应付 ¥1,271.25", True)],
        ["委托人签字：", "经办人签字："])), thermal=False),
    Kind("batch_sheet", lambda _size: batch_sheet.pages([
        pickup_sticker.PickupSticker(f"1-{1 + i // 10}-{i + 1:04d}", "韵达", f"43{i:011d}", f"****{1000 + i}",
                                     "11-23", "龙雾村便民服务站") for i in range(30)]), thermal=False),
)}


def write_print_test(out_dir: Path, size_name: str = "60x40", options: printer_jobs.JobOptions | None = None,
                     ) -> list[Path]:
    """One file per kind and format: NAME.pdf, and NAME.tspl / NAME.zpl for kinds a label printer takes."""
    options = options or printer_jobs.JobOptions()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS.values():
        pages = kind.sample(SIZES[size_name])
        files = {"pdf": pdf.render(pages, dpi=options.dpi)}
        if kind.thermal:
            files["tspl"] = printer_jobs.tspl(pages, options)
            files["zpl"] = printer_jobs.zpl(pages, options)
        for ext, data in files.items():
            path = out_dir / f"{kind.name}.{ext}"
            path.write_bytes(data)
            written.append(path)
    return written
