"""The paper rules on the printer settings (core, no Qt): which paper this PC can print, and where it goes."""

from __future__ import annotations

from station_app.core.device_settings import PrinterSettings
from station_app.labels import catalog


def test_a4_and_receipts_follow_the_settings():
    raw_label = PrinterSettings(backend="network", host="10.0.0.9")
    assert raw_label.route("label") is raw_label and not raw_label.takes_a4 and raw_label.route("receipt") is None
    with_a4 = PrinterSettings(backend="network", host="10.0.0.9", document_queue="HP_A4")
    a4 = with_a4.route("a4")
    assert with_a4.takes_a4 and a4 is not None and (a4.backend, a4.queue, a4.offset_x_mm) == ("system", "HP_A4", 0)
    assert not with_a4.receipts_on_roll and with_a4.route("receipt") is None
    system = PrinterSettings(backend="system", queue="Office", offset_x_mm=1.5)
    assert system.takes_a4 and system.route("a4") is system and not system.receipts_on_roll
    folder = PrinterSettings(backend="pdf_folder", path="/tmp/x")
    assert folder.takes_a4 and folder.receipts_on_roll
    assert PrinterSettings(receipt_queue="POS80").receipts_on_roll and not PrinterSettings().takes_a4
    assert {k.paper for k in catalog.KINDS.values()} <= {"label", "receipt", "a4"}  # every paper has a route
