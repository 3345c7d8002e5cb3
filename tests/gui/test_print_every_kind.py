"""Every label and document kind the app prints goes through the one print path into a PDF folder, and what
lands there is read back by a real decoder (zxing-cpp): every barcode and QR the layout drew, nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from station_app.core.device_settings import PrinterSettings
from station_app.labels import catalog
from station_app.labels.elements import SIZES
from station_app.ui.printing import PrintJob, can_print, print_now

from .support import decode_pdf

UI = Path(__file__).resolve().parents[2] / "station_app" / "ui"


@pytest.mark.parametrize("kind", sorted(catalog.KINDS))
def test_every_kind_prints_into_the_pdf_folder_and_reads_back(kind, tmp_path):
    pages = catalog.KINDS[kind].sample(SIZES["60x40"])
    settings = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    assert can_print(settings, kind)
    where = print_now(settings, PrintJob(f"{kind}-sample", pages, kind=kind))
    assert Path(where) == tmp_path / f"{kind}-sample.pdf"
    document = pymupdf.open(where)
    assert len(document) == len(pages)
    assert "龙雾村便民服务站" in "".join(page.get_text() for page in document)  # the CJK font is embedded
    assert sorted(decode_pdf(Path(where))) == sorted(catalog.symbols(pages))


def test_the_hand_over_list_prints_items_as_barcodes_and_missing_ones_as_text(tmp_path):
    pages = catalog.KINDS["handover_list"].sample(SIZES["A4"])
    where = print_now(PrinterSettings(backend="pdf_folder", path=str(tmp_path)),
                      PrintJob("handover", pages, kind="handover_list"))
    codes = decode_pdf(Path(where))
    assert sorted(codes) == sorted(["0A1B2C3D4E5F", "S00100000001", "S00100000002", "S001-26112300101",
                                    "S001-26112300102"])
    text = pymupdf.open(where)[0].get_text()
    assert "未上车（等下一班）：2 件" in text and "YT7712345678901" in text and "司机签字" in text
    assert "龙雾村便民服务站 → 双龙镇共配中心" in text


def test_every_kind_the_pages_print_is_in_the_catalogue():
    """A page printing a kind the catalogue does not know would escape the read-back test above."""
    named = set()
    for source in UI.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for call in re.finditer(r"PrintJob\((.*?)\)\)?\n", text, re.S):
            named.update(re.findall(r'kind="(\w+)"', call.group(1)))
    assert named >= {"handover_list", "bill_receipt", "settlement_statement", "box_label", "sending_label"}
    assert named <= set(catalog.KINDS)


def test_each_paper_goes_where_this_pc_can_print_it():
    label_only = PrinterSettings(backend="network", host="127.0.0.1", language="zpl")
    assert can_print(label_only, "pickup_sticker") and not can_print(label_only, "handover_list")
    assert not can_print(label_only, "bill_receipt")
    with_paper = PrinterSettings(backend="network", host="127.0.0.1", receipt_queue="POS80", document_queue="A4")
    assert can_print(with_paper, "bill_receipt") and can_print(with_paper, "handover_list")
    with pytest.raises(ValueError):
        PrintJob("x", [], kind="no_such_kind")
