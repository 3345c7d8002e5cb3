"""Counter hardware simulated for tests: a bench scale writing to a pseudo-terminal."""

from __future__ import annotations

import os
import threading
import time


class SimulatedScale:
    """Writes weight lines to a pty every 20 ms, like a scale in continuous mode."""

    def __init__(self, lines: list[str]) -> None:
        self.master, slave = os.openpty()
        self.path = os.ttyname(slave)
        self.lines = lines
        self.running = True
        threading.Thread(target=self._send, daemon=True).start()

    def _send(self) -> None:
        i = 0
        while self.running:
            os.write(self.master, (self.lines[min(i, len(self.lines) - 1)] + "\r\n").encode())
            i += 1
            time.sleep(0.02)

    def stop(self) -> None:
        self.running = False
