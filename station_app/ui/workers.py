"""Running slow work off the main thread and getting the result back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)


class _Worker(QThread):
    finished_with = Signal(object)

    def __init__(self, job: Callable[[], Any], parent: QObject) -> None:
        super().__init__(parent)
        self.job = job

    def run(self) -> None:
        try:
            result = self.job()
        except Exception:  # a failure of background work must not take the counter down
            log.exception("background job failed")
            return
        self.finished_with.emit(result)


def run_in_thread(owner: QObject, job: Callable[[], Any], done: Callable[[Any], None]) -> QThread:
    """Run ``job`` in a thread (it opens its own connection); ``done`` gets its result on the main thread.

    The thread object belongs to ``owner``, so it can still be waited for at exit.
    """
    worker = _Worker(job, owner)
    worker.finished_with.connect(done)
    worker.start()
    return worker
