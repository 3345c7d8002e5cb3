"""Each parcel's pickup text in words (排队 / 已发送 / 已送达 / 失败：原因), for the parcel tables that show it."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication

from ..core import notifications
from ..core.parcels import Parcel
from .widgets import Column


def reason_words() -> dict[str, str]:
    """The county's reasons for a failed text (sync/server/sms); an unknown one is shown as the county sent it."""
    return {
        "invalid_number": QCoreApplication.translate("TextStatus", "not a valid number"),
        "opted_out": QCoreApplication.translate("TextStatus", "opted out of texts"),
        "opted_out_at_provider": QCoreApplication.translate("TextStatus", "opted out of texts"),
        "no_phone": QCoreApplication.translate("TextStatus", "no mobile number"),
        "rate_limited": QCoreApplication.translate("TextStatus", "too many texts to this phone"),
        "phone_daily_limit": QCoreApplication.translate("TextStatus", "this phone's daily limit reached"),
        "station_daily_limit": QCoreApplication.translate("TextStatus", "the station's daily limit reached"),
        "out_of_balance": QCoreApplication.translate("TextStatus", "the county's SMS account is out of balance"),
        "template_rejected": QCoreApplication.translate("TextStatus", "the text template was rejected"),
        "signature_rejected": QCoreApplication.translate("TextStatus", "the text signature was rejected"),
        "credentials_rejected": QCoreApplication.translate("TextStatus", "the county's SMS account was refused"),
        "provider_refused": QCoreApplication.translate("TextStatus", "refused by the SMS provider"),
        "provider_busy": QCoreApplication.translate("TextStatus", "the SMS provider is busy"),
        "text_too_long": QCoreApplication.translate("TextStatus", "the text is too long"),
        "not_delivered": QCoreApplication.translate("TextStatus", "not delivered to the phone"),
        "unknown": QCoreApplication.translate("TextStatus", "not known whether it went out"),
        "quiet_hours": QCoreApplication.translate("TextStatus", "night-time quiet hours, goes out in the morning"),
        "parcel_unknown": QCoreApplication.translate("TextStatus", "the county does not know this parcel yet"),
        "parcel_not_in_stock": QCoreApplication.translate("TextStatus", "the parcel had left the shelf"),
    }


def words(status: notifications.TextStatus | None) -> str:
    if status is None:
        return ""
    if status.state == "failed":
        reason = reason_words().get(status.reason, status.reason)
        return QCoreApplication.translate("TextStatus", "failed: {reason}").format(
            reason=reason or QCoreApplication.translate("TextStatus", "no reason given"))
    if status.state == "queued" and status.reason:  # held back: quiet hours, a provider's limit
        return QCoreApplication.translate("TextStatus", "queued: {reason}").format(
            reason=reason_words().get(status.reason, status.reason))
    states = {"queued": QCoreApplication.translate("TextStatus", "queued"),
              "sent": QCoreApplication.translate("TextStatus", "sent"),
              "delivered": QCoreApplication.translate("TextStatus", "delivered")}
    return states.get(status.state, status.state)


class TextColumn:
    """A table column with each shown parcel's text status, read once per load of the table."""

    def __init__(self) -> None:
        self.statuses: dict[str, notifications.TextStatus] = {}

    def load(self, conn: sqlite3.Connection, parcels: list[Parcel]) -> None:
        self.statuses = notifications.text_status(conn, [p.id for p in parcels])

    def column(self) -> Column[Parcel]:
        return Column(QCoreApplication.translate("TextStatus", "Text"), lambda p: words(self.statuses.get(p.id)))
