"""Each parcel's pickup text in words (排队 / 已发送 / 已送达 / 失败：原因), for the parcel tables that show it."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication

from ..core import notifications
from ..core.parcels import Parcel
from .widgets import Column


def reason_words() -> dict[str, str]:
    """The county's reasons for a failed text (sync/server/sms); an unknown one is shown as the county sent it."""
    t = QCoreApplication.translate
    return {
        "invalid_number": t("TextStatus", "not a valid number"),
        "opted_out": t("TextStatus", "opted out of texts"),
        "opted_out_at_provider": t("TextStatus", "opted out of texts"),
        "no_phone": t("TextStatus", "no mobile number"),
        "rate_limited": t("TextStatus", "too many texts to this phone"),
        "phone_daily_limit": t("TextStatus", "this phone's daily limit reached"),
        "station_daily_limit": t("TextStatus", "the station's daily limit reached"),
        "out_of_balance": t("TextStatus", "the county's SMS account is out of balance"),
        "template_rejected": t("TextStatus", "the text template was rejected"),
        "signature_rejected": t("TextStatus", "the text signature was rejected"),
        "credentials_rejected": t("TextStatus", "the county's SMS account was refused"),
        "provider_refused": t("TextStatus", "refused by the SMS provider"),
        "provider_busy": t("TextStatus", "the SMS provider is busy"),
        "text_too_long": t("TextStatus", "the text is too long"),
        "undelivered": t("TextStatus", "not delivered to the phone"),
        "send_unknown": t("TextStatus", "not known whether it went out"),
        "parcel_unknown": t("TextStatus", "the county does not know this parcel yet"),
        "parcel_not_in_stock": t("TextStatus", "the parcel had left the shelf"),
    }


def words(status: notifications.TextStatus | None) -> str:
    if status is None:
        return ""
    t = QCoreApplication.translate
    if status.state == "failed":
        reason = reason_words().get(status.reason, status.reason) or t("TextStatus", "no reason given")
        return t("TextStatus", "failed: {reason}").format(reason=reason)
    return {"queued": t("TextStatus", "queued"), "sent": t("TextStatus", "sent"),
            "delivered": t("TextStatus", "delivered")}.get(status.state, status.state)


class TextColumn:
    """A table column with each shown parcel's text status, read once per load of the table."""

    def __init__(self) -> None:
        self.statuses: dict[str, notifications.TextStatus] = {}

    def load(self, conn: sqlite3.Connection, parcels: list[Parcel]) -> None:
        self.statuses = notifications.text_status(conn, [p.id for p in parcels])

    def column(self) -> Column[Parcel]:
        return Column(QCoreApplication.translate("TextStatus", "Text"), lambda p: words(self.statuses.get(p.id)))
