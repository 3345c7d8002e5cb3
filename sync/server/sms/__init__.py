"""Pickup texts: the county writes them itself from its pre-approved templates, merges a phone's parcels into
one text, respects quiet hours, limits and opt-outs, sends each once through the chosen gateway (log, Alibaba
Cloud, Tencent Cloud, a generic HTTP vendor), and tells the station what became of it through its feed.

queue (ingest) → compose (merge, caps, opt-out) → sender (claim, send, record, receipts) ← service (the thread);
commands: `county-server sms …`."""

from __future__ import annotations

from .config import DEFAULTS as DEFAULTS
from .config import change_settings as change_settings
from .config import check_setting as check_setting
from .config import check_template as check_template
from .config import setting as setting
from .gateways import LogGateway as LogGateway
from .gateways import Message as Message
from .queue import queue_pickup_text as queue_pickup_text
