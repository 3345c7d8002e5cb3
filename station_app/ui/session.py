"""What every page needs: the connection, the station, the clerk logged in, and a shared banner."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ..core import couriers, settings
from ..core.clerks import Clerk
from ..core.clock import local_text
from ..core.device_settings import PrinterSettings
from ..core.parcels import Parcel
from ..core.privacy import mask_name
from ..core.station import Station
from .messages import statuses
from .widgets import Column


@dataclass
class Session:
    conn: sqlite3.Connection
    data_dir: Path
    station: Station
    clerk: Clerk | None = None
    courier_names: dict[str, str] = field(default_factory=dict)
    printer: PrinterSettings = field(default_factory=PrinterSettings)

    def reload_couriers(self) -> None:
        self.courier_names = couriers.names(self.conn)

    def courier_name(self, code: str) -> str:
        if code == couriers.UNKNOWN:
            return QCoreApplication.translate("Parcel", "Unknown courier")
        return self.courier_names.get(code, code)

    @property
    def document_language(self) -> str:
        """The language printed papers are in (a station setting), apart from the screen's language."""
        return settings.get(self.conn, "document_language")

    @property
    def clerk_id(self) -> str:
        assert self.clerk is not None, "no clerk logged in"
        return self.clerk.id


def parcel_columns(session: Session, *, with_status: bool = False) -> list[Column[Parcel]]:
    """The columns every parcel table shares; names and phones masked."""
    words = statuses()

    def recipient(p: Parcel) -> str:
        if p.needs_recipient:
            return QCoreApplication.translate("Parcel", "needs phone")
        return f"{mask_name(p.recipient_name)} {p.masked_phone}".strip()

    columns: list[Column[Parcel]] = [
        Column(QCoreApplication.translate("Parcel", "Pickup code"), lambda p: p.pickup_code),
        Column(QCoreApplication.translate("Parcel", "Waybill"), lambda p: p.waybill),
        Column(QCoreApplication.translate("Parcel", "Courier"), lambda p: session.courier_name(p.courier)),
        Column(QCoreApplication.translate("Parcel", "Recipient"), recipient),
        Column(QCoreApplication.translate("Parcel", "Received"), lambda p: local_text(p.received_at, "%m-%d %H:%M")),
        Column(QCoreApplication.translate("Parcel", "Note"), lambda p: _note(p)),
    ]
    if with_status:
        status = QCoreApplication.translate("Parcel", "Status")
        columns.insert(3, Column(status, lambda p: words.get(p.status) or p.status))
    return columns


def _note(p: Parcel) -> str:
    return QCoreApplication.translate("Parcel", "damaged: ") + p.damage_note if p.damaged else ""


def parcel_colour(p: Parcel) -> str:
    if p.status != "in_stock":
        return "#eeeeee"
    if p.damaged:
        return "#ffd6d6"
    if p.needs_recipient:
        return "#ffe9a8"
    return ""
