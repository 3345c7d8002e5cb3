"""Running slow work off the main thread and getting the result back on it: the one threading pattern of ui/.

A :class:`Lane` runs the jobs given to it one at a time, in order, on a thread of its own; each job's result, its
StationError, and any progress it reports come back to the callbacks given with it, on the main thread (widgets
are touched only there). The thread ends when the lane is idle and starts again with the next job, so a lane
needs no shutdown; :meth:`Lane.wait` waits for the jobs given so far (at exit, before a restore).

- one-off work (a report, the daily backup, a page's slow core call): :func:`run_in_thread`, a lane of its own;
- work that must not overlap and keeps its order (the printer, the sync): one long-lived lane, ``submit`` to it.

A job never shares a database connection with the main thread: it opens its own (SQLite connections stay on the
thread that made them) and closes it at the end.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from ..core.errors import StationError

log = logging.getLogger(__name__)

Done = Callable[[Any], object]
Failed = Callable[[StationError], object]
Progress = Callable[[Any], object]


class _Runner(QThread):
    """Works through its lane's queue, then ends.

    It has no Qt parent and is kept in ``_RUNNERS`` until it has ended: a window closed while a job still runs
    (or while the thread is just returning) must not destroy a running QThread, which aborts the process."""

    def __init__(self, lane: Lane) -> None:
        super().__init__()
        self.lane = lane

    def run(self) -> None:
        while (item := self.lane._next()) is not None:
            ticket, job, with_progress = item
            try:
                result = job(lambda value, t=ticket: self._emit(self.lane._progressed, t, value)) if with_progress \
                    else job()
            except StationError as err:
                self._emit(self.lane._failed, ticket, err)
            except Exception:  # a failure of background work must not take the counter down
                log.exception("background job failed")
                self._emit(self.lane._failed, ticket, StationError("background_failed"))
            else:
                self._emit(self.lane._done, ticket, result)
            finally:
                self.lane._ended()

    @staticmethod
    def _emit(signal: Any, ticket: int, value: object) -> None:
        try:
            signal.emit(ticket, value)
        except RuntimeError:  # the lane's owner is gone: nobody is left to tell
            log.info("background result dropped: its window is closed")


_RUNNERS: set[_Runner] = set()


@atexit.register
def _wait_for_runners(msecs: int = 30_000) -> None:
    """At interpreter exit, let background threads end before their QThread objects are torn down with this
    module: destroying a QThread that is still returning from its job aborts the process (seen at the end of a
    test process under load: "QThread: Destroyed while thread is still running")."""
    deadline = time.monotonic() + msecs / 1000
    for runner in list(_RUNNERS):
        runner.wait(max(0, int((deadline - time.monotonic()) * 1000)))


class Lane(QObject):
    """Jobs run one at a time, in the order given, off the main thread; callbacks run on the main thread."""

    _done = Signal(int, object)
    _failed = Signal(int, object)
    _progressed = Signal(int, object)

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)  # dies with its owner, so no callback reaches a widget that is gone
        self._lock = threading.Condition()
        self._queue: deque[tuple[int, Callable[..., Any], bool]] = deque()
        self._pending = 0  # queued or running
        self._runner: _Runner | None = None
        self._runners: list[_Runner] = []  # this lane's, for wait(); ended ones are dropped at the next submit
        self._callbacks: dict[int, tuple[Done | None, Failed | None, Progress | None]] = {}
        self._tickets = itertools.count()
        self._done.connect(self._deliver_done)
        self._failed.connect(self._deliver_failed)
        self._progressed.connect(self._deliver_progress)

    def submit(self, job: Callable[..., Any], done: Done | None = None, failed: Failed | None = None,
               progress: Progress | None = None) -> None:
        """Queue ``job`` (called with a report-progress function when ``progress`` is given). An unexpected
        exception is logged and arrives at ``failed`` as StationError("background_failed")."""
        ticket = next(self._tickets)
        self._callbacks[ticket] = (done, failed, progress)
        with self._lock:
            self._queue.append((ticket, job, progress is not None))
            self._pending += 1
            if self._runner is None:
                _RUNNERS.difference_update([r for r in _RUNNERS if r.isFinished()])
                self._runners = [r for r in self._runners if not r.isFinished()]
                self._runner = _Runner(self)
                _RUNNERS.add(self._runner)
                self._runners.append(self._runner)
                self._runner.start()

    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every job given so far has run (their callbacks come later, from the event loop)."""
        deadline = time.monotonic() + msecs / 1000
        with self._lock:
            if not self._lock.wait_for(lambda: self._pending == 0, timeout=msecs / 1000):
                return False
            runners = list(self._runners)
        return all(r.wait(max(0, int((deadline - time.monotonic()) * 1000))) for r in runners)

    # ----- called on the runner's thread ------------------------------------------------------------------
    def _next(self) -> tuple[int, Callable[..., Any], bool] | None:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            self._runner = None  # the next submit starts a fresh thread
            return None

    def _ended(self) -> None:
        with self._lock:
            self._pending -= 1
            self._lock.notify_all()

    # ----- on the main thread -----------------------------------------------------------------------------
    def _deliver_done(self, ticket: int, result: object) -> None:
        done, _failed, _progress = self._callbacks.pop(ticket)
        if done is not None:
            done(result)

    def _deliver_failed(self, ticket: int, err: StationError) -> None:
        _done, failed, _progress = self._callbacks.pop(ticket)
        if failed is not None:
            failed(err)

    def _deliver_progress(self, ticket: int, value: object) -> None:
        progress = self._callbacks.get(ticket, (None, None, None))[2]
        if progress is not None:
            progress(value)


def run_in_thread(owner: QObject, job: Callable[[], Any], done: Done | None = None,
                  failed: Failed | None = None) -> Lane:
    """Run one job on a lane of its own (it opens its own connection); wait for it with ``.wait(msecs)``."""
    lane = Lane(owner)
    lane.submit(job, done, failed)
    return lane


def run_with_progress(owner: QObject, job: Callable[[Callable[[Any], None]], Any], progress: Progress,
                      done: Done, failed: Failed) -> Lane:
    """As :func:`run_in_thread`, and ``job`` gets a function to report progress with (shown on the main thread)."""
    lane = Lane(owner)
    lane.submit(job, done, failed, progress)
    return lane
