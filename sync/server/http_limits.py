"""What a request body may cost the county server: bytes as sent, bytes after decompression, time to arrive,
and the shape of the JSON inside. Bodies are read with a deadline on the event loop, then decompressed and parsed
in a small bounded thread pool so a bomb never stalls other stations' requests.

Every refusal is a ``protocol.ProtocolError`` whose code names the reason; ``status_of`` maps it to HTTP.
"""

from __future__ import annotations

import itertools
import json
import lzma
import math
import re
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread

from .. import protocol

MAX_JSON_INT = 2**63 - 1  # SQLite's integer range; tighter ranges are each op type's business


@dataclass(frozen=True)
class BodyLimits:
    """Per endpoint: the body as sent, after decompression, which decode pool parses it, how deep its JSON may
    nest, and whether values are checked here (``strict``: NaN/Infinity, lone surrogates, integers beyond
    2^63-1 refuse the whole body). Authenticated bodies are not strict: their handlers check each field (an op
    batch rejects a bad op alone, through the op declarations), so only what cannot be parsed at all, or nests
    too deep, refuses them whole. Enrolment has no such checks behind it, so it is strict."""

    sent: int
    decoded: int
    pool: str  # "anonymous" (unauthenticated callers) or "station": one cannot queue ahead of the other
    max_depth: int = 32  # the deepest real body here (ops → op → payload → list → row) is under 8
    strict: bool = True


ENROL = BodyLimits(sent=4 * 1024, decoded=16 * 1024, pool="anonymous")
RECONCILE = BodyLimits(sent=16 * 1024, decoded=64 * 1024, pool="station", strict=False)
# 512 levels: a deep op payload still reaches its per-op check (and is rejected there, alone), while the
# parser and what follows it stay far from Python's recursion limit (1,000).
OPS = BodyLimits(sent=protocol.MAX_COMPRESSED_BYTES, decoded=protocol.MAX_BODY_BYTES, pool="station",
                 max_depth=512, strict=False)

# Decoding threads per pool. A 16 MB batch parses into up to ~150 MB of Python objects; two at once keep the
# server well under 300 MB while an honest batch (tens of kB) still takes its turn within milliseconds.
POOL_THREADS = {"anonymous": 1, "station": 2}

STATUS = {"body_too_large": 413, "body_timeout": 408, "enrolment_throttled": 429}


def status_of(code: str) -> int:
    return STATUS.get(code, 400)


@dataclass(frozen=True)
class BodyTiming:
    """A body must keep arriving: no gap longer than ``gap`` seconds, and all of it within
    ``gap + length / min_rate`` seconds (a slow mobile line does kB/s; a slowloris does bytes)."""

    gap: float = 15.0
    min_rate: float = 2048.0

    def total(self, length: int) -> float:
        return self.gap + length / self.min_rate


async def read_body(chunks: AsyncIterator[bytes], declared: str | None, limits: BodyLimits,
                    timing: BodyTiming) -> bytes:
    """The raw body, never more than ``limits.sent`` bytes whatever Content-Length said, within the deadline."""
    try:
        length = int(declared) if declared is not None else limits.sent
    except ValueError as exc:
        raise protocol.ProtocolError("body_length_invalid", "Content-Length is not a number") from exc
    if length > limits.sent:
        raise protocol.ProtocolError("body_too_large", f"at most {limits.sent} bytes as sent")
    parts: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(timing.total(length)):
            while True:
                with anyio.fail_after(timing.gap):
                    chunk = await anext(chunks, None)
                if chunk is None:
                    break
                size += len(chunk)
                if size > limits.sent:
                    raise protocol.ProtocolError("body_too_large", f"at most {limits.sent} bytes as sent")
                parts.append(chunk)
    except TimeoutError as exc:
        raise protocol.ProtocolError("body_timeout", "the body did not arrive in time") from exc
    return b"".join(parts)


class DecodePools:
    """One bounded thread pool per kind of caller, per app (limiters are made lazily: they need the loop)."""

    def __init__(self) -> None:
        self._limiters: dict[str, anyio.CapacityLimiter] = {}

    async def decode(self, raw: bytes, encoding: str | None, limits: BodyLimits) -> dict[str, Any]:
        limiter = self._limiters.get(limits.pool)
        if limiter is None:
            limiter = self._limiters[limits.pool] = anyio.CapacityLimiter(POOL_THREADS[limits.pool])
        return await anyio.to_thread.run_sync(decode, raw, encoding, limits, limiter=limiter)


def decode(raw: bytes, encoding: str | None, limits: BodyLimits) -> dict[str, Any]:
    """Decompress (stopping as soon as the cap is passed) and parse a body into a JSON object."""
    return parse_json(decompress(raw, encoding, limits.decoded), limits.max_depth, strict=limits.strict)


def decompress(raw: bytes, encoding: str | None, cap: int) -> bytes:
    enc = (encoding or "identity").strip().lower()
    if enc == "identity":
        data = raw
    elif enc == "xz":
        data = _unxz(raw, cap)
    elif enc == "gzip":
        data = _gunzip(raw, cap)
    else:
        raise protocol.ProtocolError("encoding_unsupported", f"Content-Encoding {enc[:40]!r}: use xz or gzip")
    if len(data) > cap:
        raise protocol.ProtocolError("body_too_large", f"at most {cap} bytes after decompression")
    return data


def _unxz(raw: bytes, cap: int) -> bytes:
    unpacker = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
    try:
        data = unpacker.decompress(raw, max_length=cap + 1)  # never more than cap + 1 bytes in memory
    except lzma.LZMAError as exc:
        raise protocol.ProtocolError("body_corrupt", f"xz: {exc}") from exc
    return _whole("xz stream", data, cap, unpacker.eof, unpacker.unused_data)


def _gunzip(raw: bytes, cap: int) -> bytes:
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip header required
    try:
        data = unpacker.decompress(raw, cap + 1)
    except zlib.error as exc:
        raise protocol.ProtocolError("body_corrupt", f"gzip: {exc}") from exc
    return _whole("gzip member", data, cap, unpacker.eof, unpacker.unused_data)


def _whole(what: str, data: bytes, cap: int, eof: bool, unused: bytes) -> bytes:
    """Within the cap, complete, and nothing after the end (trailing garbage is refused, not ignored)."""
    if len(data) > cap:
        raise protocol.ProtocolError("body_too_large", f"at most {cap} bytes after decompression")
    if not eof:
        raise protocol.ProtocolError("body_corrupt", f"{what} cut short")
    if unused:
        raise protocol.ProtocolError("body_corrupt", f"bytes after the end of the {what}")
    return data


# ----- JSON with bounded shape --------------------------------------------------------------------------------
_ESCAPED = re.compile(rb'\\["\\]')
_STRING = re.compile(rb'"[^"]*"')
_NESTING = bytes(1 if b in b"[{" else 255 if b in b"]}" else 0 for b in range(256))  # +1 / -1 as signed bytes
_LONG_NUMBER = re.compile(rb"[0-9]{19}")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def parse_json(data: bytes, max_depth: int, *, strict: bool) -> dict[str, Any]:
    outside = _STRING.sub(b"", _ESCAPED.sub(b"", data))  # the JSON with every string taken out
    depth = max(itertools.accumulate(memoryview(outside.translate(_NESTING)).cast("b")), default=0)
    if depth > max_depth:
        raise protocol.ProtocolError("json_too_deep", f"{depth} levels of nesting, at most {max_depth}")
    hooks: dict[str, Any] = {}
    if strict:
        hooks = {"parse_float": _finite_float, "parse_constant": _no_constant}
        if _LONG_NUMBER.search(outside):  # the slow path only when some number has 19+ digits
            hooks["parse_int"] = _bounded_int
    try:
        body = json.loads(data.decode("utf-8"), **hooks)
    except UnicodeDecodeError as exc:
        raise protocol.ProtocolError("body_not_utf8", f"byte {exc.start} is not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise protocol.ProtocolError("body_corrupt", f"not JSON: {exc.msg} at {exc.pos}") from exc
    except RecursionError as exc:  # belt and braces: the depth check should have refused it
        raise protocol.ProtocolError("json_too_deep", "nesting too deep to parse") from exc
    except ValueError as exc:  # Python's own limit: integers of more than 4,300 digits
        raise protocol.ProtocolError("json_number_too_large", str(exc)[:120]) from exc
    if strict and _SURROGATE_ESCAPE.search(data):
        _check_strings(body)
    if not isinstance(body, dict):
        raise protocol.ProtocolError("body_corrupt", "the body must be a JSON object")
    return body


def _bounded_int(text: str) -> int:
    if len(text) > 20:
        raise protocol.ProtocolError("json_number_too_large", f"an integer of {len(text)} digits")
    value = int(text)
    if not -MAX_JSON_INT <= value <= MAX_JSON_INT:
        raise protocol.ProtocolError("json_number_too_large", "an integer beyond 2^63-1")
    return value


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise protocol.ProtocolError("json_number_invalid", "a number too large for a float")
    return value


def _no_constant(text: str) -> None:
    raise protocol.ProtocolError("json_number_invalid", f"{text} is not JSON")


def _check_strings(body: Any) -> None:
    """Refuse a lone UTF-16 surrogate (\\ud800 without its pair): it cannot be stored or sent on as UTF-8."""
    stack = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise protocol.ProtocolError("json_lone_surrogate", "a string holds half a UTF-16 pair") from exc
