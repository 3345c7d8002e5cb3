"""Reading a console form: the body is read with the same byte cap and deadline as the station API
(http_limits), then parsed by Starlette's form parser with bounded fields and files. Anything else is a
FormRefused with a Chinese reason and a 4xx status."""

from __future__ import annotations

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.types import Message

from ... import protocol
from .. import http_limits

SMALL = http_limits.BodyLimits(sent=64 * 1024, decoded=64 * 1024, pool="anonymous")
UPLOAD = http_limits.BodyLimits(sent=8 * 1024 * 1024, decoded=8 * 1024 * 1024, pool="anonymous")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class FormRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status, self.message = status, message
        super().__init__(message)


async def read(request: Request, limits: http_limits.BodyLimits, timing: http_limits.BodyTiming) -> FormData:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in FORM_TYPES:
        raise FormRefused(415, "请求不是网页表单，请从控制台页面提交。")
    if request.headers.get("content-encoding", "identity").strip().lower() != "identity":
        raise FormRefused(415, "表单不接受压缩的请求体。")
    try:
        raw = await http_limits.read_body(request.stream(), request.headers.get("content-length"), limits, timing)
    except protocol.ProtocolError as err:
        if err.code == "body_too_large":
            raise FormRefused(413, f"提交的内容太大（最多 {limits.sent // 1024} KB），请拆成几个小文件。") from err
        if err.code == "body_timeout":
            raise FormRefused(408, "提交的内容没有及时传完，请重试。") from err
        raise FormRefused(400, "请求的长度不对，请从控制台页面重新提交。") from err
    sent = False

    async def replay() -> Message:  # the body again, once, for Starlette's parser
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    try:
        return await Request(request.scope, replay).form(max_files=2, max_fields=300, max_part_size=1024 * 1024)
    except (MultiPartException, HTTPException) as err:  # Starlette turns the first into the second in an app
        raise FormRefused(400, "表单格式不对，请从控制台页面重新提交。") from err
    except (ValueError, UnicodeDecodeError) as err:
        raise FormRefused(400, "表单内容无法读取，请从控制台页面重新提交。") from err


def text(form: FormData, name: str, limit: int = 200, required: bool = True, label: str = "") -> str:
    value = form.get(name)
    if value is None or isinstance(value, UploadFile):
        value = ""
    value = value.strip()
    if required and not value:
        raise FormRefused(400, f"请填写{label or name}。")
    if len(value) > limit:
        raise FormRefused(400, f"{label or name}最多 {limit} 个字。")
    return value


async def file_bytes(form: FormData, name: str, limit: int) -> tuple[str, bytes]:
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        raise FormRefused(400, "请选择要上传的文件。")
    data = await value.read(limit + 1)
    if len(data) > limit:
        raise FormRefused(413, f"文件太大（最多 {limit // 1024} KB）。")
    if not data:
        raise FormRefused(400, "上传的文件是空的。")
    return value.filename, data
