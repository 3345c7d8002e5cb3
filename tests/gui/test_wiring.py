"""Every named button, selector, list and Enter-taking field of every page, the header and the dialogs opened from
it is connected to something: a control whose click was lost shows here, not at the counter.

Controls that only hold a value the page reads when the clerk presses a button are listed in HELD with that
button; anything new and unconnected fails.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

from station_app.ui.page import registered_pages

from .support import find, in_dialog
from .wiring import named, unwired

# line edits (not scan fields) where Enter does the next step
ENTER = {"reportMonth"}

HELD = {
    # read by the button that submits the form
    "billChannel": "logBillButton", "serviceBusinessType": "recordServiceButton",
    "serviceIdType": "recordServiceButton", "serviceChannel": "recordServiceButton",
    "runMissingList": "the open bus run's missing and unannounced parcels, shown only",
    "runSelector": "openDispatchButton", "payoutMethod": "addConsignorButton",
    "gradeSelector": "intakeButton", "idType": "registerSenderButton", "payment": "acceptSendingButton",
    "inspectedCheck": "acceptSendingButton", "returnReason": "returnScanInput (Enter)",
    "codChannel": "collectCodButton", "paidChannel": "markPaidButton", "remitChannel": "remitCodButton",
    "damagedCheck": "scanInput (Enter)", "handoverSelf": "confirmPickupButton",
    "sendWaybillInput": "acceptSendingButton (the courier's waybill is taken with the parcel)",
    "saleLotInput": "recordSaleButton / returnUnsoldButton / settleButton",
    "languageSelector": "the settings dialog's Save", "newClerkRole": "addClerkButton",
    "documentLanguageSelector": "the settings dialog's Save",
    "printerQueue": "the printer dialog's Save", "printerLanguage": "the printer dialog's Save",
    "labelSize": "the printer dialog's Save", "printerDpi": "the printer dialog's Save",
    "nativeBarcodes": "the printer dialog's Save", "autoPrint": "the printer dialog's Save",
    "receiptQueue": "the printer dialog's Save", "documentQueue": "the printer dialog's Save",
    # shown only: nothing to choose
    "historyList": "the search's history of one parcel",
}

DIALOGS = ("settingsButton", "printerButton")  # header buttons that open a dialog of their own


def test_every_named_control_of_every_page_and_the_header_is_connected(counter):
    pages = find(counter, "pageTabs")
    assert pages.count() == len(registered_pages()) >= 10
    assert unwired(counter, enter=ENTER, held=HELD) == []
    # the walk did see the pages' controls (a walk that finds nothing passes nothing)
    names = {w.objectName() for w in named(counter)}
    assert {"stockViewSelector", "batchSheetButton", "reportPdfButton", "syncNowButton", "settingsButton",
            "scanInput", "recipientChooser", "pageTabs"} <= names


@pytest.mark.parametrize("opener", DIALOGS)
def test_every_named_control_of_the_header_dialogs_is_connected(counter, qtbot, opener):
    seen = {}

    def look(dialog: QWidget) -> None:
        seen["bad"] = unwired(dialog, enter=ENTER, held=HELD)
        seen["buttons"] = [b.objectName() for b in dialog.findChildren(QPushButton) if b.objectName()]
        dialog.reject()

    in_dialog(qtbot, counter, opener, look)
    assert seen["bad"] == []
    assert seen["buttons"]  # the dialog has named buttons, and each was checked


def test_a_button_disconnected_is_found(counter):
    """The check itself: take the settings button's click away and it is reported."""
    button = find(counter, "settingsButton", QAbstractButton)
    assert button.receivers(SIGNAL("clicked()")) == 1
    button.clicked.disconnect()
    assert unwired(counter, enter=ENTER, held=HELD) == ["settingsButton (button not connected)"]


def test_the_held_list_names_only_controls_that_exist(counter, qtbot):
    names = {w.objectName() for w in named(counter)}
    for opener in DIALOGS:
        in_dialog(qtbot, counter, opener, lambda d: (names.update(w.objectName() for w in named(d)), d.reject()))
    assert set(HELD) <= names, set(HELD) - names
