"""At ingest: a station's op only asks for a text (its notification id, for a parcel it received). One outbox row
is written inside the op's transaction — no commit of its own, no sending here. The words come later from the
county's template and the county's record of the parcel, never from what the station wrote."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from .. import storage

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def status_body(notification_id: str, state: str, reason: str = "", **extra: Any) -> dict[str, Any]:
    """The feed item (kind ``notification_status``) that tells a station what became of a text; see README."""
    return {"notification_id": notification_id, "state": state, "reason": reason, "at": storage.now_iso(), **extra}


def queue_pickup_text(conn: sqlite3.Connection, station: str, parcel_id: str, notification_id: str,
                      kind: str) -> bool:
    """Inside the op's transaction: queue a text for a parcel this station received, to that parcel's phone. A
    refusal is told to the station through its feed (and logged when the station asked for what it may not)."""
    # one look-up per text (the parcel, whether it is queued already, whether its phone opted out): this runs
    # for most ops of a busy day, inside the upload's write transaction
    parcel = conn.execute("SELECT p.waybill, p.status, p.recipient_phone, "
                          "(SELECT count(*) FROM sms_outbox o WHERE o.notification_id = ?) AS queued, "
                          "(SELECT count(*) FROM sms_optout x WHERE x.phone = p.recipient_phone) AS opted "
                          "FROM parcels p WHERE p.parcel_id = ? AND p.station = ?",
                          (notification_id, parcel_id, station)).fetchone()
    reason = ""
    if parcel is None:
        reason = "parcel_unknown"  # no parcel.received from this station for it
    elif parcel["status"] != "in_stock":
        reason = "parcel_not_in_stock"
    elif not MOBILE.match(parcel["recipient_phone"] or ""):
        reason = "no_phone"  # a privacy waybill: the courier's platform notifies, we cannot
    elif parcel["queued"]:
        return False  # already queued (the op was replayed under another id): at most once
    elif parcel["opted"]:
        reason = "opted_out"  # 退订 at the county: the station puts it on its call list
    if reason:
        if reason in ("parcel_unknown", "parcel_not_in_stock"):
            storage.security_event(conn, station, "sms_refused", f"{notification_id}: {reason}")
        extra = {"parcel_id": parcel_id, "waybill": parcel["waybill"]} if parcel is not None else {
            "parcel_id": parcel_id}
        storage.add_feed(conn, station, "notification_status",
                         status_body(notification_id, "failed", reason, **extra))
        return False
    conn.execute("INSERT INTO sms_outbox (notification_id, station, parcel_id, phone, body, created_at, kind) "
                 "VALUES (?,?,?,?,?,?,?)", (notification_id, station, parcel_id, parcel["recipient_phone"], "",
                                            storage.now_iso(), kind))
    return True
