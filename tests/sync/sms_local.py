"""Local stand-ins for the SMS providers on 127.0.0.1: each speaks the provider's documented request and answer
format and CHECKS the request signature with the provider's documented algorithm, written here from the
documentation (never with the SDK's own code), so a test passing proves the SDK signed what we asked it to.

- Alibaba Cloud, V3 signature (ACS3-HMAC-SHA256): CanonicalRequest = method, URI, sorted RFC 3986 query,
  the signed headers — at least every x-acs-* one, host and content-type — (lower-case, sorted, 'name:value'
  lines), their names joined by ';',
  hex sha256 of the body; StringToSign = 'ACS3-HMAC-SHA256' + '\\n' + hex sha256(CanonicalRequest);
  Signature = hex HMAC-SHA256(secret, StringToSign).
- Tencent Cloud, TC3-HMAC-SHA256: CanonicalRequest over content-type and host; the key derived as
  HMAC('TC3' + SecretKey, date) → service → 'tc3_request'.
- A generic vendor: form, query or JSON parameters, a configurable answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

KEY_ID, SECRET = "LTAI5tTESTKEYID0001", "s3cr3t-Never-Shown-9f2a7c"
APP_ID = "1400000001"


class LocalServer:
    """A threaded HTTP server; ``answer(handler, body) -> (status, dict)`` is the provider's logic."""

    content_type = "application/json;charset=utf-8"

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _serve(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with owner.lock:
                    owner.requests += 1
                status, answer = owner.answer(self, body)
                data = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", owner.content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

        self.lock = threading.Lock()
        self.requests = 0
        self.sent: Counter[str] = Counter()  # texts accepted, per phone
        self.log: list[dict] = []  # accepted texts, as the provider saw them
        self.bad_signatures = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict]:
        raise NotImplementedError

    def accept(self, phone: str, record: dict) -> None:
        with self.lock:
            self.sent[phone] += 1
            self.log.append(record)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _rfc3986(text: str) -> str:
    return quote(text, safe="-_.~")


class AliyunLocal(LocalServer):
    """dysmsapi 2017-05-25: SendSms and QuerySendDetails (RPC style, parameters in the query)."""

    def __init__(self) -> None:
        super().__init__()
        self.code_for: Callable[[str], str] = lambda phone: "OK"
        self.delivered: dict[str, tuple[int, str]] = {}  # BizId -> (SendStatus, ErrCode)

    def check_signature(self, handler: BaseHTTPRequestHandler, body: bytes) -> str:
        """'' when the ACS3-HMAC-SHA256 signature holds, else the documented error code."""
        auth = handler.headers.get("Authorization", "")
        if not auth.startswith("ACS3-HMAC-SHA256 "):
            return "IncompleteSignature"
        fields = dict(part.strip().split("=", 1) for part in auth[len("ACS3-HMAC-SHA256 "):].split(","))
        if fields.get("Credential") != KEY_ID:
            return "InvalidAccessKeyId.NotFound"
        if handler.headers.get("x-acs-content-sha256") != hashlib.sha256(body).hexdigest():
            return "SignatureDoesNotMatch"
        names = fields.get("SignedHeaders", "").split(";")
        required = {n.lower() for n in handler.headers.keys()
                    if n.lower().startswith("x-acs-") or n.lower() in ("host", "content-type")}
        if names != sorted(names) or not required <= set(names) or not set(names) <= {
                n.lower() for n in handler.headers.keys()}:
            return "SignatureDoesNotMatch"  # every x-acs- header, host and content-type must be signed
        parts = urlsplit(handler.path)
        query = "&".join(f"{_rfc3986(k)}={_rfc3986(v)}"
                         for k, v in sorted(parse_qsl(parts.query, keep_blank_values=True)))
        headers = "".join(f"{n}:{handler.headers[n].strip()}\n" for n in names)
        canonical = "\n".join([handler.command, parts.path or "/", query, headers, ";".join(names),
                               hashlib.sha256(body).hexdigest()])
        to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
        expected = hmac.new(SECRET.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
        return "" if hmac.compare_digest(expected, fields.get("Signature", "")) else "SignatureDoesNotMatch"

    def answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict]:
        refused = self.check_signature(handler, body)
        if refused:
            with self.lock:
                self.bad_signatures += 1
            return 400 if refused != "InvalidAccessKeyId.NotFound" else 404, {
                "Code": refused, "Message": "Specified signature does not match our calculation.",
                "RequestId": "R-1"}
        query = dict(parse_qsl(urlsplit(handler.path).query))
        action = handler.headers.get("x-acs-action")
        if action == "SendSms":
            code = self.code_for(query.get("PhoneNumbers", ""))
            if code != "OK":
                return 200, {"Code": code, "Message": "refused", "RequestId": "R-2"}
            biz = f"{len(self.log) + 1:06d}^0"
            self.accept(query["PhoneNumbers"], {**query, "BizId": biz})
            return 200, {"Code": "OK", "Message": "OK", "BizId": biz, "RequestId": "R-3"}
        if action == "QuerySendDetails":
            status, err = self.delivered.get(query.get("BizId", ""), (1, ""))
            out = next((r.get("OutId", "") for r in self.log if r["BizId"] == query.get("BizId")), "")
            return 200, {"Code": "OK", "Message": "OK", "RequestId": "R-4", "TotalCount": 1, "SmsSendDetailDTOs": {
                "SmsSendDetailDTO": [{"PhoneNum": query.get("PhoneNumber"), "SendStatus": status, "ErrCode": err,
                                      "ReceiveDate": "2026-11-25 09:00:05", "SendDate": "2026-11-25 09:00:00",
                                      "OutId": out, "TemplateCode": "SMS_1", "Content": "…"}]}}
        return 400, {"Code": "InvalidAction.NotFound", "Message": "?", "RequestId": "R-5"}


def tc3_signature(secret: str, service: str, timestamp: int, canonical: str) -> str:
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    scope = f"{date}/{service}/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    key = hmac.new(("TC3" + secret).encode(), date.encode(), hashlib.sha256).digest()
    key = hmac.new(key, service.encode(), hashlib.sha256).digest()
    key = hmac.new(key, b"tc3_request", hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class TencentLocal(LocalServer):
    """sms 2021-01-11: SendSms and PullSmsSendStatus (JSON bodies, answers under "Response")."""

    content_type = "application/json"  # as Tencent answers (its SDK reads errors only under this type)

    def __init__(self) -> None:
        super().__init__()
        self.code_for: Callable[[str], str] = lambda phone: "Ok"
        self.error: str = ""  # a whole-request error code (Response.Error)
        self.statuses: list[dict] = []  # the PullSmsSendStatus queue

    def check_signature(self, handler: BaseHTTPRequestHandler, body: bytes) -> str:
        auth = handler.headers.get("Authorization", "")
        prefix = "TC3-HMAC-SHA256 Credential="
        if not auth.startswith(prefix):
            return "AuthFailure.SignatureFailure"
        credential, signed, signature = (p.strip() for p in auth[len("TC3-HMAC-SHA256 "):].split(","))
        key_id, date, service, terminator = credential.split("=", 1)[1].split("/")
        if key_id != KEY_ID:
            return "AuthFailure.SecretIdNotFound"
        timestamp = int(handler.headers.get("X-TC-Timestamp", "0"))
        if signed != "SignedHeaders=content-type;host" or terminator != "tc3_request" or service != "sms" \
                or date != datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d"):
            return "AuthFailure.SignatureFailure"
        parts = urlsplit(handler.path)
        canonical = (f"{handler.command}\n{parts.path or '/'}\n{parts.query}\n"
                     f"content-type:{handler.headers['Content-Type']}\nhost:{handler.headers['Host']}\n\n"
                     f"content-type;host\n{hashlib.sha256(body).hexdigest()}")
        expected = tc3_signature(SECRET, "sms", timestamp, canonical)
        ok = hmac.compare_digest(expected, signature.split("=", 1)[1])
        return "" if ok else "AuthFailure.SignatureFailure"

    def answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict]:
        refused = self.check_signature(handler, body) or self.error
        if refused:
            if refused.startswith("AuthFailure"):
                with self.lock:
                    self.bad_signatures += 1
            return 200, {"Response": {"Error": {"Code": refused, "Message": "refused"}, "RequestId": "T-1"}}
        request = json.loads(body or b"{}")
        action = handler.headers.get("X-TC-Action")
        if action == "SendSms":
            assert request["SmsSdkAppId"] == APP_ID
            phone = request["PhoneNumberSet"][0]
            code = self.code_for(phone[3:])
            serial = f"2640:{len(self.log) + 1:010d}"
            if code == "Ok":
                self.accept(phone[3:], {**request, "SerialNo": serial})
            return 200, {"Response": {"RequestId": "T-2", "SendStatusSet": [{
                "SerialNo": serial if code == "Ok" else "", "PhoneNumber": phone, "Fee": 1 if code == "Ok" else 0,
                "SessionContext": request.get("SessionContext", ""), "Code": code, "Message": "send success",
                "IsoCode": "CN"}]}}
        if action == "PullSmsSendStatus":
            with self.lock:
                out, self.statuses = self.statuses[: request.get("Limit", 100)], self.statuses[
                    request.get("Limit", 100):]
            return 200, {"Response": {"RequestId": "T-3", "PullSmsSendStatusSet": out}}
        return 200, {"Response": {"Error": {"Code": "InvalidAction", "Message": "?"}, "RequestId": "T-4"}}


class VendorLocal(LocalServer):
    """A regional vendor's plain HTTP API: form, query or JSON; answers {"result": "0"} for success."""

    def __init__(self, token: str = "") -> None:
        super().__init__()
        self.token = token
        self.status_for: Callable[[str], int] = lambda phone: 200
        self.answer_after: Callable[[str], float] = lambda phone: 0.0  # seconds to sit on an accepted text

    def answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict]:
        if handler.command == "GET":
            values = dict(parse_qsl(urlsplit(handler.path).query))
        elif handler.headers.get("Content-Type", "").startswith("application/json"):
            values = json.loads(body)
        else:
            values = dict(parse_qsl(body.decode()))
        if self.token and values.get("apikey") != self.token:
            return 401, {"result": "auth"}
        phone = values.get("mobile", "")
        status = self.status_for(phone)
        if status == 200:
            self.accept(phone, values)
            time.sleep(self.answer_after(phone))  # accepted, answered late: a slow vendor under load
            return 200, {"result": "0", "msgid": f"m{len(self.log)}"}
        return status, {"result": "busy" if status >= 429 else "bad"}
