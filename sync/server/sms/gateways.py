"""What a gateway is given and answers, the log gateway (development and tests) and the generic HTTP gateway
(regional vendors and operators' enterprise gateways: URL, method, parameter names, a success match)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx

from ... import ops
from .. import storage
from .credentials import scrub

# what became of a text at the provider
SENT, FAILED, RETRY, ALARM = "sent", "failed", "retry", "alarm"
UNKNOWN = "unknown"  # the request went out and no answer came: the vendor may have sent it, so never again


@dataclass(frozen=True)
class Message:
    text_id: str  # ours; given to the provider as its out-id / session context where it takes one
    phone: str
    body: str  # the text as the county's own template renders it (what the provider's template also says)
    params: dict[str, str]  # the template's variables, in the template's order
    many: bool  # several parcels: the provider's "many" template


@dataclass(frozen=True)
class Answer:
    status: str  # SENT · FAILED · RETRY · ALARM
    reason: str = ""  # ours: invalid_number, rate_limited, out_of_balance, template_rejected …
    code: str = ""  # the provider's own code, for the record
    detail: str = ""  # the provider's words, secrets blotted out
    provider_id: str = ""


@dataclass(frozen=True)
class Outstanding:
    text_id: str
    provider_id: str
    phone: str
    sent_at: str


@dataclass(frozen=True)
class Receipt:
    provider_id: str
    delivered: bool
    code: str = ""
    at: str = ""
    text_id: str = ""


class Gateway(Protocol):
    name: str

    def send(self, message: Message) -> Answer: ...

    def receipts(self, outstanding: list[Outstanding]) -> list[Receipt]: ...


def mask(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else "****" + phone[-4:]


def one_line(text: str) -> str:
    """No line breaks or control characters reach a log line or a text."""
    return ops.CONTROL.sub(" ", text)


class LogGateway:
    """Nothing leaves the machine: each text is appended to a log, the phone masked."""

    name = "log"

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, message: Message) -> Answer:
        try:
            # on PostgreSQL the data folder holds nothing else and may not exist yet
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(f"{storage.now_iso()}\t{one_line(mask(message.phone))}\t{one_line(message.body)}\n")
        except OSError as err:
            return Answer(RETRY, "gateway_unreachable", type(err).__name__)
        return Answer(SENT, provider_id=message.text_id)

    def receipts(self, outstanding: list[Outstanding]) -> list[Receipt]:
        return []  # a log has no handset to reach


@dataclass
class HttpOptions:
    url: str
    method: str = "POST"  # GET (query), POST (form) or JSON (a JSON body)
    names: dict[str, str] = field(default_factory=lambda: {"phone": "mobile", "text": "content"})
    success: str = ""  # a regular expression the vendor's answer must match; empty: any 2xx
    sign_name: str = ""
    template_code: str = ""
    template_code_many: str = ""
    timeout: float = 10.0


class HttpGateway:
    """One request per text. 2xx and the success match → sent; 429 or 5xx or no connection → retried later; sent
    but no answer (timed out, cut) → unknown, never sent again; 401/403 → alarm (the county's account); anything else
    → failed with the vendor's words."""

    name = "http"

    def __init__(self, options: HttpOptions, secrets: dict[str, str]) -> None:
        self.options, self.secrets = options, secrets
        self.success = re.compile(options.success) if options.success else None
        self.client = httpx.Client(trust_env=False, timeout=options.timeout)  # one per sender: ~40 ms each

    def close(self) -> None:
        self.client.close()

    def _values(self, message: Message) -> dict[str, str]:
        roles = {"phone": message.phone, "text": message.body, "sign": self.options.sign_name,
                 "template": self.options.template_code_many if message.many else self.options.template_code,
                 "params": json.dumps(message.params, ensure_ascii=False), "ref": message.text_id,
                 "token": self.secrets.get("secret", "")}
        return {name: roles[role] for role, name in self.options.names.items() if role in roles}

    def send(self, message: Message) -> Answer:
        values = self._values(message)
        try:
            if self.options.method == "GET":
                answer = self.client.get(self.options.url, params=values)
            elif self.options.method == "JSON":
                answer = self.client.post(self.options.url, json=values)
            else:
                answer = self.client.post(self.options.url, data=values)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as err:
            return Answer(RETRY, "gateway_unreachable", type(err).__name__)  # it never reached the vendor
        except httpx.HTTPError as err:
            # sent, unanswered (a slow vendor under load): trying again could text the villager twice
            return Answer(UNKNOWN, "unknown", type(err).__name__)
        said = scrub(answer.text[:300], self.secrets)
        if answer.status_code == 429 or answer.status_code >= 500:
            return Answer(RETRY, "rate_limited" if answer.status_code == 429 else "gateway_error",
                          str(answer.status_code), said)
        if answer.status_code in (401, 403):
            return Answer(ALARM, "credentials_rejected", str(answer.status_code), said)
        if answer.is_success and (self.success is None or self.success.search(answer.text)):
            return Answer(SENT, provider_id=message.text_id, detail=said)
        return Answer(FAILED, "provider_refused", str(answer.status_code), said)

    def receipts(self, outstanding: list[Outstanding]) -> list[Receipt]:
        return []  # generic vendors push nothing we can check; "sent" is the last word
