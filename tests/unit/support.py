"""What unit tests share: a sending form filled as the counter fills it."""

from __future__ import annotations

from station_app.core import idcheck, sending

ID = idcheck.with_check_digit("50023719850615123")


def parcel(sender, **kw):
    base = dict(sender_id=sender.id, recipient_name="李四", recipient_phone="13912345678", province="广东",
                city="广州市", county="天河区", address="体育西路 1 号", item="衣服", inspected=True, courier="ZTO",
                weight_g=2300)
    base.update(kw)
    return sending.Parcel(**base)
