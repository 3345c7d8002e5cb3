"""Running slow work off the main thread and getting the result back on it: the one pattern for one-off jobs.

A job runs in a QThread owned by a widget (so it can be waited for at exit); its result, its StationError, and
any progress it reports come back as signals, delivered on the main thread. Widgets are touched only there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from ..core.errors import StationError

log = logging.getLogger(__name__)


class _Worker(QThread):
    finished_with = Signal(object)
    failed_with = Signal(object)  # a StationError: the person's error, said in the message area
    progress = Signal(object)

    def __init__(self, job: Callable[..., Any], parent: QObject, with_progress: bool) -> None:
        super().__init__(parent)
        self.job = job
        self.with_progress = with_progress

    def run(self) -> None:
        try:
            result = self.job(self.progress.emit) if self.with_progress else self.job()
        except StationError as err:
            self.failed_with.emit(err)
            return
        except Exception:  # a failure of background work must not take the counter down
            log.exception("background job failed")
            self.failed_with.emit(StationError("background_failed"))
            return
        self.finished_with.emit(result)


def run_in_thread(owner: QObject, job: Callable[[], Any], done: Callable[[Any], None],
                  failed: Callable[[StationError], None] | None = None) -> QThread:
    """Run ``job`` in a thread (it opens its own connection); ``done`` gets its result on the main thread,
    ``failed`` its StationError (an unexpected exception is logged and arrives as ``background_failed``)."""
    worker = _Worker(job, owner, with_progress=False)
    worker.finished_with.connect(done)
    if failed is not None:
        worker.failed_with.connect(failed)
    worker.start()
    return worker


def run_with_progress(owner: QObject, job: Callable[[Callable[[Any], None]], Any], progress: Callable[[Any], None],
                      done: Callable[[Any], None], failed: Callable[[StationError], None]) -> QThread:
    """As :func:`run_in_thread`, and ``job`` gets a function to report progress with (shown on the main thread)."""
    worker = _Worker(job, owner, with_progress=True)
    worker.progress.connect(progress)
    worker.finished_with.connect(done)
    worker.failed_with.connect(failed)
    worker.start()
    return worker
