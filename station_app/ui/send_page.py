"""寄件/收寄: real-name registration, inspection, weight and fee, waybill; then the label."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import couriers, fees, money, prohibited, refdata, sending
from ..core.clock import local_text, to_iso, utc_now
from ..core.errors import StationError
from ..core.privacy import mask_name, mask_phone, normalize_mobile
from ..labels.elements import SIZES
from ..labels.elements import Page as PrintedPage
from ..labels.kinds import sending_label
from .messages import error_text, fill_methods, weight_text
from .page import Page, PageHost
from .printing import PrintJob
from .scale_button import ScaleButton
from .supervisor_dialog import SupervisorDialog
from .widgets import ScanField, named


class SendPage(Page):
    key, order = "F5", 50

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Send")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("sendPage")
        self.registered: sending.Sender | None = None  # the sender of the parcel on the counter

        self.senderLookup = ScanField("senderLookup", self.tr("Sender's phone or ID number, then Enter"))
        self.senderName = named(QLineEdit(), "senderName")
        self.senderPhone = named(QLineEdit(), "senderPhone")
        self.idType = named(QComboBox(), "idType")
        words = {"resident_id": self.tr("Resident ID card"), "temporary_id": self.tr("Temporary ID"),
                 "military_id": self.tr("Military / armed police ID"), "hk_macao_permit": self.tr("HK / Macao permit"),
                 "taiwan_permit": self.tr("Taiwan permit"), "passport": self.tr("Passport"), "other": self.tr("Other")}
        for code in sending.ID_TYPES:  # core's list; the words are the page's
            self.idType.addItem(words.get(code, code), code)
        self.idNumber = named(QLineEdit(), "idNumber")
        self.companyName = named(QLineEdit(placeholderText=self.tr("only for a company")), "companyName")
        self.creditCode = named(QLineEdit(placeholderText=self.tr("unified social credit code")), "creditCode")
        self.registerButton = named(QPushButton(self.tr("Register sender")), "registerSenderButton")
        self.refuseButton = named(QPushButton(self.tr("Sender refuses real-name")), "refuseRealNameButton")
        self.senderShown = named(QLabel(""), "senderShown")
        self.senderShown.setWordWrap(True)  # name, phone and ID do not fit the narrow column on one line

        self.recipientName = named(QLineEdit(), "recipientName")
        self.recipientPhone = named(QLineEdit(), "recipientPhone")
        self.province = named(QComboBox(), "province")
        self.province.addItems(fees.destinations(self.session.conn))
        self.city = named(QLineEdit(placeholderText=self.tr("city")), "city")
        self.county = named(QLineEdit(placeholderText=self.tr("county / district")), "county")
        self.address = named(QLineEdit(placeholderText=self.tr("street, number, room")), "address")
        self.item = named(QLineEdit(), "itemDescription")
        self.itemFinding = named(QLabel(""), "itemFinding")  # what the list says while the clerk types
        self.itemFinding.setWordWrap(True)
        self.inspected = named(QCheckBox(self.tr("I opened and inspected the item (收寄验视)")), "inspectedCheck")
        self.courier = named(QComboBox(), "sendCourier")
        names = couriers.names(self.session.conn)
        for code in dict.fromkeys(str(r["courier"]) for r in refdata.rows(self.session.conn, "price_table")):
            self.courier.addItem(names.get(code, code), code)
        self.weight = named(QLineEdit(placeholderText=self.tr("kg, e.g. 2.35")), "weightKg")
        self.scaleButton = ScaleButton(self.session, self.weight, self.banner)
        self.dims = [named(QSpinBox(minimum=0, maximum=300, suffix=self.tr(" cm")), f"dim{i}") for i in range(3)]
        self.payment = named(QComboBox(), "payment")
        fill_methods(self.payment, sending.PAYMENTS)
        self.waybillInput = ScanField("sendWaybillInput", self.tr("Scan the courier's waybill, or leave empty"))
        self.feeLabel = named(QLabel("—"), "feeLabel")
        self.feeLabel.setStyleSheet("font-size:30px; font-weight:bold; color:#0d47a1;")
        self.acceptButton = named(QPushButton(self.tr("Accept parcel")), "acceptSendingButton")
        self.acceptButton.setMinimumHeight(48)
        self._layout()

        self.senderLookup.returnPressed.connect(self.lookup_sender)
        self.registerButton.clicked.connect(self.register_sender)
        self.refuseButton.clicked.connect(self.refuse_real_name)
        self.item.textChanged.connect(self.show_item_finding)
        for widget in (self.weight, self.city):
            widget.textChanged.connect(lambda _t: self.update_fee())
        for combo in (self.province, self.courier):
            combo.currentIndexChanged.connect(lambda _i: self.update_fee())
        for spin in self.dims:
            spin.valueChanged.connect(lambda _v: self.update_fee())
        self.acceptButton.clicked.connect(self.accept)

    def _layout(self) -> None:
        who = QGroupBox(self.tr("Sender (real-name registration)"))
        form = QFormLayout(who)
        form.addRow(self.senderLookup)
        form.addRow(self.tr("Name"), self.senderName)
        form.addRow(self.tr("Phone"), self.senderPhone)
        form.addRow(self.tr("ID type"), self.idType)
        form.addRow(self.tr("ID number"), self.idNumber)
        form.addRow(self.tr("Company"), self.companyName)
        form.addRow(self.tr("Credit code"), self.creditCode)
        row = QHBoxLayout()
        row.addWidget(self.registerButton)
        row.addWidget(self.refuseButton)
        form.addRow(row)
        form.addRow(self.senderShown)
        what = QGroupBox(self.tr("Parcel"))
        pform = QFormLayout(what)
        # pairs share a row so the page fits a 1024×768 screen (and 1366×768 at 125%)
        pform.addRow(self.tr("Recipient"), _pair(self.recipientName, QLabel(self.tr("Phone")), self.recipientPhone))
        place = QHBoxLayout()
        for widget in (self.province, self.city, self.county):
            place.addWidget(widget)
        pform.addRow(self.tr("Province / city / county"), place)
        pform.addRow(self.tr("Address"), self.address)
        pform.addRow(self.tr("Item"), self.item)
        pform.addRow("", _pair(self.inspected, self.itemFinding))  # the finding beside the inspection box
        pform.addRow(self.tr("Courier"), _pair(self.courier, QLabel(self.tr("Payment")), self.payment))
        weigh = QHBoxLayout()
        weigh.addWidget(self.weight)
        weigh.addWidget(self.scaleButton)
        pform.addRow(self.tr("Weight (kg)"), weigh)
        size = QHBoxLayout()
        for spin in self.dims:
            size.addWidget(spin)
        pform.addRow(self.tr("Size L × W × H (optional)"), size)
        pform.addRow(self.tr("Waybill"), self.waybillInput)
        pform.addRow(self.tr("Fee"), _pair(self.feeLabel, self.acceptButton))
        box = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(who)
        left.addStretch(1)
        box.addLayout(left, 2)
        box.addWidget(what, 3)

    def focus_scan(self) -> None:
        self.senderLookup.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fail(self, err: StationError) -> None:
        self.banner.show_message("error", error_text(err))

    # ----- sender ---------------------------------------------------------------------------------------------
    def lookup_sender(self) -> None:
        typed = self.senderLookup.text().strip()
        found = sending.find_sender(self.session.conn, typed)
        self.senderLookup.clear()
        if found is None:
            self._carry_into_form(typed)
            self.banner.show_message("info", self.tr("New sender: fill in the name, phone and ID, then register."))
            self.senderName.setFocus()
            return
        self._use_sender(found)

    def _carry_into_form(self, typed: str) -> None:
        """What the clerk typed to look the sender up is not typed twice: a phone or an ID number goes into
        its field of the new-sender form."""
        try:
            self.senderPhone.setText(normalize_mobile(typed))
            return
        except StationError:
            pass
        if len(typed) == 18 and typed[:17].isdigit():
            self.idType.setCurrentIndex(self.idType.findData("resident_id"))
            self.idNumber.setText(typed.upper())

    def _use_sender(self, sender: sending.Sender) -> None:
        self.registered = sender
        for field in (self.senderName, self.senderPhone, self.idNumber, self.companyName, self.creditCode):
            field.clear()  # the full ID is not kept on screen once registered
        self.senderShown.setText(self.tr("Sender: {name} {phone} ID {id}").format(
            name=mask_name(sender.name), phone=mask_phone(sender.phone), id=sender.masked_id))
        self.banner.show_message("ok", self.tr("Sender registered. Now the parcel."))
        self.recipientName.setFocus()

    def register_sender(self) -> None:
        name, phone, id_type, number, company, code = (
            self.senderName.text(), self.senderPhone.text(), str(self.idType.currentData()), self.idNumber.text(),
            self.companyName.text(), self.creditCode.text())
        self.op(lambda conn: sending.register_sender(
            conn, name=name, phone=phone, id_type=id_type, id_number=number, company_name=company, credit_code=code,
            clerk_id=self.session.clerk_id)).then(self._use_sender).run()

    def refuse_real_name(self) -> None:
        sending.refuse(self.session.conn, "sender_refused_registration", clerk_id=self.session.clerk_id,
                       item=self.item.text())
        self.banner.show_message("warn", self.tr("Refusal recorded: without real-name registration the parcel "
                                                 "cannot be accepted."))
        self.reset()

    # ----- parcel ---------------------------------------------------------------------------------------------
    def _dims(self) -> tuple[int, int, int] | None:
        values = tuple(spin.value() for spin in self.dims)
        return values if all(values) else None  # type: ignore[return-value]

    def show_item_finding(self) -> None:
        """A hint as the item is typed; the refusal itself (recorded, loud) comes with 确认收寄."""
        findings = prohibited.check(self.session.conn, self.item.text()) if self.item.text().strip() else []
        if not findings:
            self.itemFinding.clear()
            return
        first = findings[0]
        if first.level == "prohibited":
            text = self.tr("Prohibited: {keyword} ({category}). Do not accept it.")
            self.itemFinding.setStyleSheet("color:#b71c1c; font-weight:bold;")
        else:
            text = self.tr("Restricted: {keyword} ({category}). A supervisor must approve it.")
            self.itemFinding.setStyleSheet("color:#e65100; font-weight:bold;")
        self.itemFinding.setText(text.format(keyword=first.keyword, category=first.category))

    def update_fee(self) -> fees.Quote | None:
        try:
            quote = fees.quote(self.session.conn, self.courier.currentData() or "", self.province.currentText(),
                               money.parse_kg(self.weight.text()), self._dims())
        except StationError:
            self.feeLabel.setText("—")
            return None
        extra = self.tr(" (charged as {kg}: bulky)").format(kg=weight_text(quote.chargeable_g)) \
            if quote.volumetric_g > quote.actual_g else ""
        self.feeLabel.setText(money.yuan(quote.fee_fen) + extra)
        return quote

    def accept(self, _checked: bool = False, supervisor: tuple[str, str] | None = None) -> None:
        if self.registered is None:
            self.banner.show_message("warn", self.tr("Register the sender first (real-name is the law)."))
            self.focus_scan()
            return
        try:
            parcel = sending.Parcel(
                self.registered.id, self.recipientName.text(), self.recipientPhone.text(), self.province.currentText(),
                self.city.text(), self.county.text(), self.address.text(), self.item.text(),
                self.inspected.isChecked(), self.courier.currentData() or "", money.parse_kg(self.weight.text()),
                self._dims(), self.payment.currentData(), self.waybillInput.text())
            done = sending.accept(self.session.conn, parcel, clerk_id=self.session.clerk_id,
                                  supervisor_id=supervisor[0] if supervisor else "",
                                  supervisor_pin=supervisor[1] if supervisor else "")
        except StationError as err:
            if err.code == "item_restricted":
                self._ask_supervisor(err)
                return
            self._fail(err)
            if err.code == "item_prohibited":
                self.reset()
            return
        self.banner.show_message("ok", self.tr("Accepted {waybill}, fee {fee}.").format(
            waybill=done.waybill, fee=money.yuan(done.quote.fee_fen)))
        if done.waybill_source == "station" and self.session.printer.enabled:
            self._print_label(done, parcel, self.registered)
        self.reset()

    def _ask_supervisor(self, err: StationError) -> None:
        dialog = SupervisorDialog(self.session, self.tr("Restricted item: {category} ({keyword}). A supervisor must "
                                                        "check it.").format(**err.params), self)
        if dialog.exec():
            self.accept(supervisor=(dialog.supervisor_id(), dialog.pin()))

    def _print_label(self, done: sending.Accepted, parcel: sending.Parcel, sender: sending.Sender) -> None:
        lang = self.session.document_language
        label = sending_label.content(done, parcel, sender, self.courier.currentText(), self.session.station.name,
                                      local_text(to_iso(utc_now()), "%Y-%m-%d"), lang)
        size = SIZES["100x150"]
        page = PrintedPage(size, sending_label.layout(label, size, lang))
        self.printer.submit(self.session.printer, PrintJob(done.waybill, [page], kind="sending_label"))

    def reset(self) -> None:
        self.registered = None
        self.senderShown.clear()
        for field in (self.senderName, self.senderPhone, self.idNumber, self.companyName, self.creditCode,
                      self.recipientName, self.recipientPhone, self.city, self.county, self.address, self.item,
                      self.weight, self.waybillInput):
            field.clear()
        for spin in self.dims:
            spin.setValue(0)
        self.inspected.setChecked(False)
        self.feeLabel.setText("—")
        self.focus_scan()


def _pair(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side in one form row."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget, 1 if isinstance(widget, (QLineEdit, QComboBox, QPushButton)) else 0)
    return row
