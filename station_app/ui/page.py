"""The counter page: what every business line's page shares, and the registry the main window builds its tabs from.

A page module declares its page once (``key``, ``order``, ``title``) by subclassing :class:`Page`; the main window
imports every ``*_page`` module of this package and makes a tab per registered page, in ``order``, with its F-key.
Adding a line adds a page module, never an entry in a central list.

:meth:`Page.op` is the one path from a click to core: it runs a core call on the main thread (a short transaction)
or on a worker with its own connection (slow work, through ui/workers.py), shows a StationError's sentence in the
window's one message area, and refreshes the page when asked. Pages do not catch StationError themselves; dialogs
with their own message line (login, supervisor approval, first-run setup) do.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from ..core import db
from ..core.errors import StationError
from .messages import error_text
from .workers import run_in_thread

if TYPE_CHECKING:
    from .printing import PrintService
    from .session import Session
    from .widgets import Banner

T = TypeVar("T")


class PageHost(Protocol):
    """What a page gets from the window around it."""

    session: Session
    banner: Banner
    printService: PrintService

    def start_sync(self) -> bool: ...

    def show_page(self, page: QWidget) -> None: ...

    def release_database(self) -> None: ...


class Page(QWidget):
    """One counter page. Subclasses with a ``key`` register themselves as a tab."""

    key: ClassVar[str] = ""  # the F-key that brings the page to the front ("F2" …); empty: not a tab
    order: ClassVar[int] = 0  # the tab's place, left to right
    registry: ClassVar[list[type[Page]]] = []

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.key and cls not in Page.registry:
            Page.registry.append(cls)

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.session = host.session
        self.banner = host.banner
        self.printer = host.printService

    @classmethod
    def title(cls) -> str:
        """The tab's words in the clerk's language (without the F-key)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read what the page shows from the database again."""

    def focus_scan(self) -> None:
        """Put the cursor where the clerk types or scans first."""

    def shown(self) -> None:
        """The page came to the front: fresh figures, cursor in place. Called once per switch."""
        self.reload()
        self.focus_scan()

    def settings_changed(self) -> None:
        """A supervisor saved the station settings (shelves, couriers …)."""

    def login_notice(self) -> tuple[str, str] | None:
        """What the clerk must see on logging in (banner kind, words), e.g. overdue exceptions; None: nothing."""
        return None

    def fail(self, err: StationError, words: Callable[[StationError], str] = error_text) -> None:
        """Say a refusal in the window's message area (red, with the error sound)."""
        self.banner.show_message("error", words(err))

    def op(self, call: Callable[[sqlite3.Connection], T]) -> CoreOp[T]:
        """A core call from a click: ``self.op(lambda conn: core.x(conn, …)).then(show).run()``.

        ``call`` gets the connection to use: the page's on the main thread, a fresh one on a worker."""
        return CoreOp(self, call)


class CoreOp(Generic[T]):
    """One core call and what follows it: success callback, failure callback, refresh."""

    def __init__(self, page: Page, call: Callable[[sqlite3.Connection], T]) -> None:
        self.page, self.call = page, call
        self._then: Callable[[T], object] | None = None
        self._failed: Callable[[StationError], object] | None = None
        self._words: Callable[[StationError], str] = error_text
        self._refresh = False
        self._always: Callable[[], object] | None = None

    def then(self, done: Callable[[T], object]) -> CoreOp[T]:
        self._then = done
        return self

    def failed(self, handler: Callable[[StationError], object]) -> CoreOp[T]:
        """After the sentence is shown: what else the page does (focus, clear a field)."""
        self._failed = handler
        return self

    def explain(self, words: Callable[[StationError], str]) -> CoreOp[T]:
        """The page's own sentence for a refusal, instead of the error code's (e.g. a manifest's bad lines)."""
        self._words = words
        return self

    def always(self, after: Callable[[], object]) -> CoreOp[T]:
        """Whatever happened: e.g. enable again the button a background op disabled."""
        self._always = after
        return self

    def refresh(self) -> CoreOp[T]:
        """Reload the page after success."""
        self._refresh = True
        return self

    def run(self) -> bool:
        """On the main thread (a short transaction); True when the call succeeded."""
        try:
            result = self.call(self.page.session.conn)
        except StationError as err:
            self._fail(err)
            return False
        self._succeed(result)
        return True

    def run_in_background(self) -> None:
        """On a worker with its own connection (slow work); the callbacks run on the main thread."""
        path = Path(self.page.session.data_dir) / db.DB_FILENAME
        call = self.call

        def job() -> T:
            conn = db.connect(path)
            try:
                return call(conn)
            finally:
                conn.close()

        worker = run_in_thread(self.page, job, self._succeed, self._fail)
        worker.core_op = self  # type: ignore[attr-defined]  # the signals hold this op only weakly: keep it alive

    def _fail(self, err: StationError) -> None:
        self.page.fail(err, self._words)
        if self._failed is not None:
            self._failed(err)
        if self._always is not None:
            self._always()

    def _succeed(self, result: T) -> None:
        if self._then is not None:
            self._then(result)
        if self._refresh:
            self.page.reload()
        if self._always is not None:
            self._always()


def registered_pages() -> list[type[Page]]:
    """Every page of the counter, in tab order: each ``*_page`` module of this package registers its own."""
    package = __name__.rsplit(".", 1)[0]
    for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if module.name.endswith("_page"):
            importlib.import_module(f"{package}.{module.name}")
    return sorted(Page.registry, key=lambda cls: cls.order)
