"""Connection-level limits uvicorn's h11 server lacks (checked in uvicorn 0.54's ``h11_impl``): it closes a
connection only ``timeout_keep_alive`` seconds after a *response*, so a client that connects and says nothing, or
dribbles its request head a byte at a time, holds a socket and a file descriptor for ever (slowloris), and
``limit_concurrency`` answers 503 to everyone, honest stations included, once idle sockets fill it.

This protocol adds, per connection:
- a request-head deadline, from the connection (or the first byte of a keep-alive request) to the complete
  head; late → 408 (if anything was sent) and closed;
- a linger deadline after an answer given before the body was read (401 on a big upload, 413 …): the rest of the
  body may drain for a moment, then the socket is closed;
- a connection cap: when one more connection would pass it, the connection that has waited longest without a
  request in progress is closed to make room (an idle or dribbling socket, never a request being served).
The body itself has its own deadline where the app reads it (``http_limits.read_body``), so it can answer 408.
"""

from __future__ import annotations

import asyncio
import json
import resource
from collections import OrderedDict
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

FD_RESERVE = 160  # database connections of the worker threads (3 files each), logs, the listening socket


def default_max_connections() -> int:
    """Raise the open-file limit to its hard maximum and leave room for everything that is not a socket."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    usable = 65536 if soft == resource.RLIM_INFINITY else soft
    return max(16, min(4096, usable - FD_RESERVE))


def _raw_answer(status: bytes, code: str, detail: str, extra: bytes = b"") -> bytes:
    body = json.dumps({"error": code, "detail": detail}).encode()
    return (b"HTTP/1.1 " + status + b"\r\ncontent-type: application/json\r\nconnection: close\r\n" + extra
            + b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with head/linger deadlines and a connection cap (class attributes: see ``guarded``)."""

    header_timeout = 10.0
    linger_timeout = 5.0
    max_connections = 1000
    # connections with no request being served, longest waiting first: making room is O(1) even in a flood
    waiting: ClassVar[OrderedDict[GuardedH11Protocol, None]] = OrderedDict()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    # -- deadlines ---------------------------------------------------------------------------------------------
    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        partial_head = self.conn.their_state is h11.IDLE and bool(self.conn.trailing_data[0])
        if partial_head and self.conn.our_state is h11.IDLE:
            self.transport.write(_raw_answer(b"408 Request Timeout", "header_timeout",
                                             f"the request head did not arrive within {self.header_timeout:g} s"))
        self.transport.close()

    def _serving(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _now_waiting(self) -> None:
        self.waiting.pop(self, None)
        self.waiting[self] = None  # to the young end

    # -- uvicorn's protocol ------------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.header_timeout)
        if len(self.connections) > self.max_connections:
            self._make_room()
        if not self.transport.is_closing():
            self._now_waiting()

    def _make_room(self) -> None:
        while self.waiting:
            oldest, _ = self.waiting.popitem(last=False)
            if not oldest._serving() and not oldest.transport.is_closing():
                oldest._disarm()
                oldest.transport.close()
                return
        self._disarm()  # every slot is serving a request: this one is told to come back
        self.transport.write(_raw_answer(b"503 Service Unavailable", "server_busy",
                                         "too many connections", b"retry-after: 5\r\n"))
        self.transport.close()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)  # cancels uvicorn's keep-alive timer; may start a request
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE:
            if self._deadline is None:  # the first bytes of a keep-alive request: its head is now due
                self._arm(self.header_timeout)
        elif self._serving():
            self._disarm()  # a request is being served; the app bounds its body
            self.waiting.pop(self, None)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing():
            return
        self._now_waiting()
        if self.conn.their_state is h11.SEND_BODY:
            self._arm(self.linger_timeout)  # answered before the body was read: let it drain briefly

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self.waiting.pop(self, None)
        super().connection_lost(exc)


def guarded(header_timeout: float, max_connections: int, linger_timeout: float = 5.0) -> type[GuardedH11Protocol]:
    """A protocol class for ``uvicorn.Config(http=…)`` with these limits."""
    return type("CountyH11Protocol", (GuardedH11Protocol,), {
        "header_timeout": header_timeout, "max_connections": max_connections, "linger_timeout": linger_timeout,
        "waiting": OrderedDict()})


def __getattr__(name: str) -> Any:
    """``FromEnvironment``: the protocol class a spawned worker process loads by name (uvicorn's ``http=`` import
    string), with the limits its parent put in the environment (``county-server serve --workers``)."""
    if name != "FromEnvironment":
        raise AttributeError(name)
    import os

    return guarded(float(os.environ.get("COUNTY_HEADER_TIMEOUT", "10")),
                   int(os.environ.get("COUNTY_MAX_CONNECTIONS", "1000")))
