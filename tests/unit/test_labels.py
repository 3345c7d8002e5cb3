"""Labels: what was printed is read back by a real decoder (zxing-cpp) at 203 and 300 dpi."""

from __future__ import annotations

import pymupdf
import pytest
import zxingcpp
from PIL import Image

from station_app.labels import catalog, pdf, printer_jobs, raster
from station_app.labels.elements import SIZES, STICKER_SIZES
from station_app.labels.geometry import place_code128
from station_app.labels.kinds import pickup_sticker, shelf_label

STICKER = pickup_sticker.PickupSticker("12-4-0147", "京东", "JDVA12345678901", "138****5678", "11-23",
                                       "龙雾村便民服务站")


def pdf_images(data: bytes, dpi: int) -> list[Image.Image]:
    doc = pymupdf.open(stream=data, filetype="pdf")
    out = []
    for page in doc:
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
        out.append(Image.frombytes("L", (pix.width, pix.height), pix.samples))
    return out


def decoded(image: Image.Image) -> list[tuple[str, str]]:
    return sorted((r.format.name, r.text) for r in zxingcpp.read_barcodes(image.convert("L")))


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", STICKER_SIZES)
def test_pickup_sticker_pdf_barcode_reads_back(size, dpi):
    page = catalog.sticker_page(STICKER, SIZES[size])
    (image,) = pdf_images(pdf.render([page], dpi=dpi), dpi)
    assert decoded(image) == [("Code128", "JDVA12345678901")]


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", STICKER_SIZES)
@pytest.mark.parametrize("language", ["tspl", "zpl"])
def test_thermal_bitmaps_read_back(size, dpi, language):
    page = catalog.sticker_page(STICKER, SIZES[size])
    options = printer_jobs.JobOptions(dpi=dpi)
    if language == "tspl":
        (image,) = printer_jobs.bitmap_from_tspl(printer_jobs.tspl([page], options))
    else:
        (image,) = printer_jobs.bitmap_from_zpl(printer_jobs.zpl([page], options))
    per_mm = dpi / 25.4
    assert abs(image.width - SIZES[size].width_mm * per_mm) < 8  # padded to whole bytes
    assert abs(image.height - SIZES[size].height_mm * per_mm) < 2
    assert decoded(image) == [("Code128", "JDVA12345678901")]


def test_shelf_label_reads_back_in_every_format():
    page = catalog.shelf_page(shelf_label.ShelfLabel(3, 2, "站"), SIZES["60x40"])
    assert decoded(pdf_images(pdf.render([page]), 203)[0]) == [("Code128", "3-2")]
    assert decoded(printer_jobs.bitmap_from_tspl(printer_jobs.tspl([page]))[0]) == [("Code128", "3-2")]


def test_batch_sheet_every_barcode_on_the_a4_page_reads_back():
    pages = catalog.KINDS["batch_sheet"].sample(SIZES["A4"])
    assert len(pages) == 2  # 30 stickers: 24 on the first page, 6 on the second
    images = pdf_images(pdf.render(pages, dpi=300), 300)
    found = decoded(images[0]) + decoded(images[1])
    assert sorted(text for _, text in found) == [f"43{i:011d}" for i in range(30)]


def test_bars_sit_on_whole_dots():
    page = catalog.sticker_page(STICKER, SIZES["60x40"])
    code = next(e for e in page.elements if type(e).__name__ == "Code128")
    for dpi in (203, 300):
        bars = place_code128(code, dpi)
        assert bars.module_dots >= 1 and all(w % bars.module_dots == 0 for _, w in bars.bars)
        image = raster.render(page, dpi)
        row = [image.getpixel((x, bars.top_dots + bars.height_dots // 2)) for x in range(image.width)]
        for x, w in bars.bars:  # each bar is exactly its dots, white on both sides
            assert all(v == 0 for v in row[x:x + w]) and row[x - 1] != 0 and row[x + w] != 0


def test_native_barcode_mode_leaves_bars_to_the_printer():
    page = catalog.sticker_page(STICKER, SIZES["60x40"])
    options = printer_jobs.JobOptions(native_barcodes=True, darkness=12, offset_x_dots=8, offset_y_dots=-4)
    tspl = printer_jobs.tspl([page], options)
    bars = place_code128(next(e for e in page.elements if type(e).__name__ == "Code128"), 203)
    assert f'BARCODE {bars.bars[0][0]},{bars.top_dots},"128",{bars.height_dots},0,0,{bars.module_dots}'.encode() in tspl
    assert b'"JDVA12345678901"' in tspl and b"DENSITY 12" in tspl and b"REFERENCE 8,-4" in tspl
    assert decoded(printer_jobs.bitmap_from_tspl(tspl)[0]) == []  # no bars in the bitmap itself
    zpl = printer_jobs.zpl([page], options).decode()
    assert f"^BY{bars.module_dots}^BCN,{bars.height_dots},N,N,N^FDJDVA12345678901^FS" in zpl
    assert "^LH8,-4" in zpl and "~SD24" in zpl


def test_pdf_embeds_a_truetype_cjk_font():
    data = pdf.render([catalog.sticker_page(STICKER, SIZES["60x40"])])
    assert b"/FontFile2" in data and b"STSong" not in data
    text = pymupdf.open(stream=data, filetype="pdf")[0].get_text()
    assert "龙雾村便民服务站" in text and "12-4-0147" in text and "138****5678" in text
    assert "13812345678" not in text


def test_print_test_writes_every_kind_named_by_kind(tmp_path):
    names = sorted(p.name for p in catalog.write_print_test(tmp_path / "out"))
    assert names == sorted([f"{k}.pdf" for k in catalog.KINDS] + [
        f"{k}.{ext}" for k in ("box_label", "pickup_sticker", "sending_label", "shelf_label")
        for ext in ("tspl", "zpl")])
    assert (tmp_path / "out" / "pickup_sticker.tspl").read_bytes().startswith(b"SIZE 60 mm,40 mm")


def test_long_text_is_shrunk_to_fit_its_box():
    from reportlab.pdfbase import pdfmetrics

    from station_app.labels.elements import Text
    from station_app.labels.geometry import place_text

    box = Text(0, 0, 20, 10, "一个非常非常长的村级综合便民服务站名称")
    placed = place_text(box)
    width = pdfmetrics.stringWidth(box.text, "StationCJK", 1) * placed.em_mm
    assert width <= 20.001 and placed.em_mm < 10


@pytest.mark.parametrize("dpi", [203, 300])
def test_outbound_labels_read_back_barcode_and_qr(dpi):
    sending = catalog.KINDS["sending_label"].sample(SIZES["100x150"])
    found = decoded(pdf_images(pdf.render(sending, dpi=dpi), dpi)[0])
    assert ("Code128", "S00100000001") in found and ("QRCode", "waybill=S00100000001;station=龙雾村便民服务站") in found
    box = catalog.KINDS["box_label"].sample(SIZES["60x40"])
    (image,) = printer_jobs.bitmap_from_tspl(printer_jobs.tspl(box, printer_jobs.JobOptions(dpi=dpi)))
    found = dict(decoded(image))
    assert found["Code128"] == "S001-26112300103"
    assert found["QRCode"].startswith("lot=S001-261123001;product=巫山脆李;grade=特级;origin=龙雾村")


def test_statement_is_an_a4_document_with_its_number_date_and_the_farmers_own_name():
    (page,) = catalog.KINDS["settlement_statement"].sample(SIZES["A4"])
    data = pdf.render([page])
    assert decoded(pdf_images(data, 200)[0]) == [("Code128", "ST2026112301")]
    text = pymupdf.open(stream=data, filetype="pdf")[0].get_text()
    assert "应付 ¥364.16" in text and "委托人签字" in text
    assert "刘大爷" in text and "2026-11-23" in text and "137****1111" in text


def test_a_document_line_never_feeds_chinese_to_the_barcode_encoder():
    from station_app.labels.kinds import document

    with pytest.raises(ValueError):
        document.Row("未上车（等下一班）：S001", barcode="未上车（等下一班）：S001")
    codes = [f"S0010000000{i}" for i in range(1, 4)] + ["S001-26112300101"]
    doc = document.Document("交接单 SL-LW 11-23 15:30", "HANDOVER01",
                            [document.Row(f"{c}  box", barcode=c) for c in codes] + [document.Row("未上车：无", True)],
                            ["司机签字：", "经办人签字："])
    found = sorted(text for _, text in decoded(pdf_images(pdf.render(document.pages(doc)), 300)[0]))
    assert found == sorted(["HANDOVER01", *codes])


def test_bill_receipt_labels_every_field():
    pages = catalog.KINDS["bill_receipt"].sample(SIZES["60x40"])
    text = pymupdf.open(stream=pdf.render(pages), filetype="pdf")[0].get_text()
    for label in ("缴费类型：", "户号/号码：", "缴费金额：", "手续费：", "合计收取：", "缴费渠道：", "渠道流水号："):
        assert label in text
    assert pages[0].size.width_mm == 80


def test_chart_value_labels_are_readable_on_the_screen():
    """At the 110 dpi the reports page draws at, a value above a bar is at least ~12 px high (it was ~6)."""
    from station_app.labels.elements import Text
    from station_app.labels.geometry import place_text

    (page,) = catalog.KINDS["period_report"].sample(SIZES["A4"])
    values = [e for e in page.elements if isinstance(e, Text) and e.text.isdigit() and e.h < 3.9]
    assert len(values) >= 30
    assert min(place_text(e).em_mm * 110 / 25.4 for e in values) >= 12
