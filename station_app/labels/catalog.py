"""Every label and document kind the app prints, by name, with its paper and sample data.

The pages print through one path (ui/printing.py) that routes each kind by its paper; the print test,
`station-app print-test` and the read-back tests go through this list, so a kind missing here is a kind
nobody checked. Sample data is made up but shaped like the counter's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..core.dayclose import DayTotals
from ..core.reports import Report
from . import pdf, printer_jobs
from .elements import QR, SIZES, Code128, Page, Size
from .kinds import (
    batch_sheet,
    bill_receipt,
    box_label,
    cod_receipt,
    courier_statement,
    exception_slip,
    handover_list,
    pickup_sticker,
    produce_receipt,
    reports,
    sending_label,
    service_receipt,
    settlement_statement,
    shelf_label,
    stocktake_report,
)
from .words import DEFAULT

PAPERS = ("label", "receipt", "a4")  # a roll of labels (thermal), an 80 mm receipt roll, A4 sheets


@dataclass(frozen=True)
class Kind:
    name: str
    make_sample: Callable[[Size, str], list[Page]]  # (label size, document language)
    paper: str  # one of PAPERS

    def sample(self, size: Size, lang: str = DEFAULT) -> list[Page]:
        return self.make_sample(size, lang)

    @property
    def thermal(self) -> bool:
        """Printable on a roll of labels as TSPL/ZPL."""
        return self.paper == "label"


def sticker_page(data: pickup_sticker.PickupSticker, size: Size, lang: str = DEFAULT) -> Page:
    return Page(size, pickup_sticker.layout(data, size, lang))


def shelf_page(data: shelf_label.ShelfLabel, size: Size, lang: str = DEFAULT) -> Page:
    return Page(size, shelf_label.layout(data, size, lang))


def sending_page(data: sending_label.SendingLabel, lang: str = DEFAULT) -> Page:
    return Page(SIZES["100x150"], sending_label.layout(data, SIZES["100x150"], lang))


STATION = "龙雾村便民服务站"
SAMPLE_SENDING = sending_label.SendingLabel(
    "S00100000001", "中通快递", "张* 138****5678", "李四 139****5678",
    "广东省广州市天河区体育西路 1 号 体育中心 3 栋 502 室", "衣服", "2.30 kg", "¥20.00", "2026-11-23", STATION)
SAMPLE_BOX = box_label.BoxLabel("S001-26112300103", "巫山脆李", "特级", "3/5", "11-23", STATION,
                                "lot=S001-261123001;product=巫山脆李;grade=特级;origin=龙雾村;station=龙雾村便民服务站;"
                                "date=2026-11-23")
SAMPLE_STICKER = pickup_sticker.PickupSticker("3-2-0147", "中通", "731234567890", "138****5678", "11-23", STATION)
SAMPLE_HANDOVER = handover_list.HandoverList(
    STATION, "0A1B2C3D4E5F", "SL-LW 客货邮融合", "龙雾村便民服务站 → 双龙镇共配中心", "11-23 15:30", "11-23 15:12",
    [("S00100000001", "sending"), ("S00100000002", "sending"), ("S001-26112300101", "box"),
     ("S001-26112300102", "box")], ["S001-26112300103", "YT7712345678901"])
SAMPLE_PRODUCE_RECEIPT = produce_receipt.ProduceReceipt(
    STATION, "S001-261123001", "刘大爷", "137****1111", "龙雾村", "巫山脆李", "特级", "52.300 kg", "2.300 kg",
    "1.000 kg", "49.000 kg", "¥12.80", "¥627.20", [f"S001-2611230010{i}" for i in (1, 2, 3)], "2026-11-23 09:41")
SAMPLE_STATEMENT = settlement_statement.Statement(
    STATION, "ST2026112301", "2026-11-23 16:05", "刘大爷", "137****1111", "龙雾村",
    [("S001-261123001", "巫山脆李", "特级", "30.000 kg", "¥383.33")], "¥383.33", "¥19.17", "¥0.00", "¥364.16",
    "现金")
SAMPLE_BILL = bill_receipt.BillReceipt(STATION, "0A1B2C3D4E", "电费", "0301234567", "王* 139****2222", "¥200.00",
                                       "¥1.00", "¥201.00", "现金", "WX20261123001", "2026-11-23",
                                       "2026-11-23 10:15")
SAMPLE_SERVICE = service_receipt.ServiceReceipt(
    STATION, "0A1B2C3D4E", "农资代购", "化肥", "王* 139****2222", "", "¥300.00", False, "¥15.00", "¥315.00", "现金",
    "", "2026-11-23", "2026-11-23 10:20")

SAMPLE_EXCEPTION = exception_slip.ExceptionSlip(
    STATION, "E261123-001", "damaged", "villager", "张* 138****5678", "中通快递",
    [("ZT7700000000001", True), ("YT9999999999", False)], "外箱压坏，里面的两只瓷碗碎了，村民取件时当场开箱发现。",
    "2026-11-23 10:15", "2026-11-30 10:15", "resolved", "compensated", "¥35.50", "", 2)

SAMPLE_COD = cod_receipt.CodReceipt(STATION, "731234567890", "中通", "张* 138****5678", "¥25.50", "微信",
                                    "4200001234202611231234", "2026-11-23 10:20")
SAMPLE_COURIER_STATEMENT = courier_statement.CourierStatement(
    STATION, "中通", "2026-11", 412, {"delivered": 388, "returned": 9, "sent": 31},
    {"delivered": "¥232.80", "returned": "¥2.70", "sent": "¥31.00"}, "¥266.50", "¥640.00", "¥500.00", "¥140.00",
    [(f"7312345678{n:02d}", "delivered", "¥0.60", f"2026-11-{1 + n % 28:02d}") for n in range(60)],
    "2026-12-02", "王芳", "¥266.50", "2026-12-05", "TR20261205001")


SAMPLE_STOCKTAKE = stocktake_report.StocktakeReport(
    STATION, "0A1B2C3D4E5F", "2026-11-23 18:02", "2026-11-23 18:40", [1, 2, 3], 214,
    [("YT7712345678901", "2-3-0041", 2, "lost"), ("73100012345678", "3-1-0007", 3, "")],
    [("SF1400012345678", 1, "picked_up"), ("JT3000123456789", 2, "")],
    [("YD4300012345678", 1, 3, "reshelved")])

def sample_day() -> DayTotals:
    return DayTotals("2026-11-23", parcels_received=86, parcels_picked_up=71, parcels_returned=2,
                     parcels_in_stock=140, sendings=9, sending_fees_fen={"cash": 12000, "wechat": 5600},
                     produce_net_g=49000, produce_boxes=3, produce_payouts_fen={"cash": 36416},
                     bills_fen={"ELEC": 20000}, bills_by_channel_fen={"cash": 20100}, bill_commission_fen=100,
                     courier_fees_fen={"ZTO": 4260, "YTO": 1800}, cod_fen={"cash": 2550},
                     cash_float_fen=50000, expected_cash_fen=48334)


def sample_report() -> Report:
    start = date(2026, 11, 1)
    days = [start + timedelta(days=n) for n in range(30)]
    return Report(start, days[-1], days, {d: 60 + (d.day * 7) % 40 for d in days},
                  {d: 5 + (d.day * 3) % 12 for d in days}, {"ZTO": 900, "YTO": 640, "YUNDA": 420, "EMS": 210},
                  {"ZTO": 120, "EMS": 40}, 45, {"sending": 318000, "produce": 9500, "bills": 3100},
                  {"ZTO": 240000, "EMS": 78000}, 2170, 31, 140, 6)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("pickup_sticker", lambda size, lang: [sticker_page(SAMPLE_STICKER, size, lang)], "label"),
    Kind("shelf_label", lambda size, lang: [shelf_page(shelf_label.ShelfLabel(3, 2, STATION), size, lang)], "label"),
    Kind("sending_label", lambda _size, lang: [sending_page(SAMPLE_SENDING, lang)], "label"),
    Kind("box_label", lambda size, lang: [Page(size, box_label.layout(SAMPLE_BOX, size, lang))], "label"),
    Kind("batch_sheet", lambda _size, lang: batch_sheet.pages([
        pickup_sticker.PickupSticker(f"1-{1 + i // 10}-{i + 1:04d}", "韵达", f"43{i:011d}", f"****{1000 + i}",
                                     "11-23", STATION) for i in range(30)], lang), "a4"),
    Kind("handover_list", lambda _size, lang: handover_list.pages(SAMPLE_HANDOVER, lang), "a4"),
    Kind("produce_receipt", lambda _size, lang: produce_receipt.roll_pages(SAMPLE_PRODUCE_RECEIPT, lang), "receipt"),
    Kind("produce_receipt_a4", lambda _size, lang: produce_receipt.a4_pages(SAMPLE_PRODUCE_RECEIPT, lang), "a4"),
    Kind("settlement_statement", lambda _size, lang: settlement_statement.pages(SAMPLE_STATEMENT, lang), "a4"),
    Kind("bill_receipt", lambda _size, lang: bill_receipt.pages(SAMPLE_BILL, lang), "receipt"),
    Kind("exception_slip", lambda _size, lang: exception_slip.pages(SAMPLE_EXCEPTION, lang), "receipt"),
    Kind("service_receipt", lambda _size, lang: service_receipt.pages(SAMPLE_SERVICE, lang), "receipt"),
    Kind("cod_receipt", lambda _size, lang: cod_receipt.pages(SAMPLE_COD, lang), "receipt"),
    Kind("courier_statement", lambda _size, lang: courier_statement.pages(SAMPLE_COURIER_STATEMENT, lang), "a4"),
    Kind("day_close_report", lambda _size, lang: reports.day_close(sample_day(), STATION, 48334, "", {}, lang), "a4"),
    Kind("period_report", lambda _size, lang: reports.period(sample_report(), STATION, {}, lang), "a4"),
    Kind("stocktake_report", lambda _size, lang: stocktake_report.pages(SAMPLE_STOCKTAKE, lang), "a4"),
)}


def symbols(pages: list[Page]) -> list[str]:
    """Every barcode and QR text on the pages: what a decoder must read back."""
    return [e.data for page in pages for e in page.elements if isinstance(e, Code128 | QR)]


def write_print_test(out_dir: Path, size_name: str = "60x40", options: printer_jobs.JobOptions | None = None,
                     lang: str = DEFAULT) -> list[Path]:
    """One file per kind and format: NAME.pdf, and NAME.tspl / NAME.zpl for kinds a label printer takes."""
    options = options or printer_jobs.JobOptions()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS.values():
        pages = kind.sample(SIZES[size_name], lang)
        files = {"pdf": pdf.render(pages, dpi=options.dpi)}
        if kind.thermal:
            files["tspl"] = printer_jobs.tspl(pages, options)
            files["zpl"] = printer_jobs.zpl(pages, options)
        for ext, data in files.items():
            path = out_dir / f"{kind.name}.{ext}"
            path.write_bytes(data)
            written.append(path)
    return written
