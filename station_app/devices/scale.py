"""A bench scale on a serial port (RS-232 or USB-serial) that sends its weight continuously.

Cheap Chinese bench scales send lines such as ``ST,GS,+  1.234kg`` (stable, gross), ``US,GS,+  1.230kg``
(unstable), ``+001.234 kg`` or ``1234 g``. We read lines, turn each into grams, and take a weight when the
scale says it is stable, or when the same weight repeats.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import serial

_LINE = re.compile(r"^(?:(?P<state>ST|US|OL)\s*,\s*(?:GS|NT|TR)?\s*,?)?\s*(?P<sign>[+-])?\s*"
                   r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>kg|g|KG|G)?\s*$")


class ScaleError(Exception):
    """The scale cannot be read: ``code`` says why (port, silent, overload)."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass(frozen=True)
class Reading:
    grams: int
    stable: bool | None  # None when the scale does not say


def parse(line: str) -> Reading | None:
    """One line from the scale, or None for noise. Grams are whole: kg is multiplied without floats."""
    match = _LINE.match(line.strip())
    if match is None:
        return None
    if match["state"] == "OL":
        raise ScaleError("overload")
    value, unit = match["value"], (match["unit"] or "kg").lower()
    whole, _, frac = value.partition(".")
    grams = int(whole) * 1000 + int((frac + "000")[:3]) if unit == "kg" else int(whole)
    if match["sign"] == "-":
        grams = -grams
    return Reading(grams, None if match["state"] is None else match["state"] == "ST")


class Scale:
    def __init__(self, port: str, baudrate: int = 9600, timeout: float = 0.5) -> None:
        try:
            self.port = serial.Serial(port, baudrate=baudrate, timeout=timeout)
        except (serial.SerialException, OSError) as exc:
            raise ScaleError("port", str(exc)) from exc

    def readings(self, until: float | None = None) -> Iterator[Reading]:
        """Weights as they come; ends when the scale is quiet for a read's timeout, or at ``until`` (monotonic)
        even when the scale keeps sending lines that are no weight."""
        buffer = b""
        while until is None or time.monotonic() < until:
            try:
                chunk = self.port.read(64)
            except (serial.SerialException, OSError) as exc:
                raise ScaleError("port", str(exc)) from exc
            if not chunk:
                yield from ()
                return
            buffer += chunk
            while b"\n" in buffer or b"\r" in buffer:
                cut = min(i for i in (buffer.find(b"\n"), buffer.find(b"\r")) if i >= 0)
                line, buffer = buffer[:cut], buffer[cut + 1:]
                reading = parse(line.decode("ascii", errors="replace"))
                if reading is not None:
                    yield reading

    def take_stable(self, timeout: float = 5.0, repeats: int = 3,
                    on_reading: Callable[[int], None] | None = None) -> int:
        """Grams once stable: the scale's own flag, or the same weight ``repeats`` times in a row.

        ``on_reading`` gets each weight as it comes (the counter shows it live)."""
        deadline = time.monotonic() + timeout
        last, same = None, 0
        while time.monotonic() < deadline:
            got_any = False
            for reading in self.readings(until=deadline):
                got_any = True
                if on_reading is not None:
                    on_reading(reading.grams)
                if reading.stable:
                    return reading.grams
                same = same + 1 if reading.grams == last else 1
                last = reading.grams
                if reading.stable is None and same >= repeats:
                    return reading.grams
                if time.monotonic() >= deadline:
                    break
            if not got_any:
                break
        raise ScaleError("not_stable" if last is not None else "silent")

    def close(self) -> None:
        self.port.close()
