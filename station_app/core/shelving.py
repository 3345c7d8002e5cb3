"""Shelves and layers, the current shelving position, and pickup codes ``shelf-layer-nnnn``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import journal, settings
from .db import transaction
from .errors import StationError


@dataclass(frozen=True)
class Shelf:
    shelf: int
    layers: int
    capacity: int


@dataclass(frozen=True)
class Slot:
    shelf: int
    layer: int
    full: bool = False  # every slot is at capacity; the parcel goes to the current one anyway


def shelves(conn: sqlite3.Connection) -> list[Shelf]:
    return [Shelf(r["shelf"], r["layers"], r["capacity"]) for r in conn.execute("SELECT * FROM shelves ORDER BY shelf")]


def write_shelves(conn: sqlite3.Connection, layout: list[tuple[int, int, int]], *, clerk_id: str | None) -> None:
    """Replace the shelf layout inside the caller's transaction."""
    if not layout:
        raise StationError("shelves_empty")
    for shelf, layers, capacity in layout:
        if not (1 <= shelf <= 99 and 1 <= layers <= 20 and 1 <= capacity <= 9999):
            raise StationError("shelf_invalid", f"{shelf}/{layers}/{capacity}", shelf=shelf)
    conn.execute("DELETE FROM shelves")
    conn.executemany("INSERT INTO shelves (shelf, layers, capacity) VALUES (?,?,?)", layout)
    journal.append(conn, "shelves.configured", {"layout": [list(x) for x in layout]}, clerk_id=clerk_id)


def configure(conn: sqlite3.Connection, layout: list[tuple[int, int, int]], *, clerk_id: str | None) -> None:
    with transaction(conn):
        write_shelves(conn, layout, clerk_id=clerk_id)


def current(conn: sqlite3.Connection) -> tuple[int, int]:
    return settings.get_int(conn, "current_shelf"), settings.get_int(conn, "current_layer")


def set_current(conn: sqlite3.Connection, shelf: int, layer: int, *, clerk_id: str | None) -> None:
    known = {s.shelf: s for s in shelves(conn)}
    if shelf not in known or not 1 <= layer <= known[shelf].layers:
        raise StationError("slot_unknown", f"{shelf}-{layer}", shelf=shelf, layer=layer)
    with transaction(conn):
        settings.write(conn, "current_shelf", str(shelf))
        settings.write(conn, "current_layer", str(layer))
        journal.append(conn, "shelves.current_set", {"shelf": shelf, "layer": layer}, clerk_id=clerk_id)


def in_stock_at(conn: sqlite3.Connection, shelf: int, layer: int) -> int:
    return conn.execute("SELECT count(*) FROM parcels WHERE status = 'in_stock' AND shelf = ? AND layer = ?",
                        (shelf, layer)).fetchone()[0]


def _slots(layout: list[Shelf]) -> list[tuple[int, int, int]]:
    return [(s.shelf, layer, s.capacity) for s in layout for layer in range(1, s.layers + 1)]


def take_slot(conn: sqlite3.Connection) -> Slot:
    """The slot for the next parcel, advancing past full layers; call inside the receive transaction."""
    slots = _slots(shelves(conn))
    if not slots:
        raise StationError("shelves_empty")
    here = current(conn)
    start = next((i for i, (s, la, _) in enumerate(slots) if (s, la) == here), 0)
    for step in range(len(slots)):
        shelf, layer, capacity = slots[(start + step) % len(slots)]
        if in_stock_at(conn, shelf, layer) < capacity:
            if step or (shelf, layer) != here:
                settings.write(conn, "current_shelf", str(shelf))
                settings.write(conn, "current_layer", str(layer))
            return Slot(shelf, layer)
    shelf, layer, _ = slots[start]
    return Slot(shelf, layer, full=True)


def take_code(conn: sqlite3.Connection, slot: Slot) -> str:
    """The next free pickup code at a slot; unique among parcels in stock (also enforced by an index)."""
    seq = settings.get_int(conn, "next_code_seq")
    for _ in range(9999):
        code = f"{slot.shelf}-{slot.layer}-{seq:04d}"
        seq = seq % 9999 + 1
        taken = conn.execute("SELECT 1 FROM parcels WHERE pickup_code = ? AND status = 'in_stock'", (code,)).fetchone()
        if not taken:
            settings.write(conn, "next_code_seq", str(seq))
            return code
    raise StationError("codes_exhausted", f"{slot.shelf}-{slot.layer}")
