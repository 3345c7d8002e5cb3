"""The supervisor's station settings (overdue days, idle lock, SMS template, document language, shelf layout)
saved as one change: checked together, written in one transaction, each change journalled.

The settings dialog and ``station-app set`` both come here, so neither can save what the other refuses."""

from __future__ import annotations

import sqlite3

from . import settings, shelving
from .db import transaction


def save(conn: sqlite3.Connection, values: dict[str, str], layout: list[tuple[int, int, int]] | None = None, *,
         clerk_id: str | None) -> list[str]:
    """All or none. Returns what changed: setting names, and ``shelves`` when the layout changed."""
    settings.check_editable(values)
    settings.checked(conn, values)  # refuse before taking the write lock
    with transaction(conn):
        changed = settings.write_changes(conn, values, clerk_id=clerk_id)
        if layout is not None and [(s.shelf, s.layers, s.capacity) for s in shelving.shelves(conn)] != layout:
            shelving.write_shelves(conn, layout, clerk_id=clerk_id)
            changed.append("shelves")
    return changed
