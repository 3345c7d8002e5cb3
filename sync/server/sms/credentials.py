"""Provider secrets: a file in the data folder readable only by the server's user (0600, checked at every read),
or the environment. Never in the database (so never in its backups), a log line or an error message."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

FILENAME = "sms_credentials.json"
# what each gateway needs: (name in the file, environment variable)
NEEDED = {
    "aliyun": (("key_id", "ALIBABA_CLOUD_ACCESS_KEY_ID"), ("secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET")),
    "tencent": (("key_id", "TENCENTCLOUD_SECRET_ID"), ("secret", "TENCENTCLOUD_SECRET_KEY")),
    "http": (("secret", "COUNTY_SMS_HTTP_TOKEN"),),
    "log": (),
}


class CredentialsError(Exception):
    """Said in Chinese, for county IT; never carries a secret."""


def path(data_dir: Path) -> Path:
    return data_dir / FILENAME


def _read_file(data_dir: Path) -> dict[str, dict[str, str]]:
    where = path(data_dir)
    try:
        info = where.stat()
    except FileNotFoundError:
        return {}
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO) or info.st_uid != os.geteuid():
        raise CredentialsError(f"短信凭据文件 {where} 其他用户可读或不属于本服务的用户："
                               "请执行 chmod 600 并改为服务用户所有，或重新用 county-server sms set 写入。")
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CredentialsError(f"短信凭据文件 {where} 无法读取（{type(err).__name__}）："
                               "请重新用 county-server sms set 写入。") from None
    return {k: {n: str(v) for n, v in section.items()} for k, section in data.items() if isinstance(section, dict)} \
        if isinstance(data, dict) else {}


def load(data_dir: Path, gateway: str) -> dict[str, str]:
    """The gateway's secrets: the environment first, then the file. CredentialsError when one is missing."""
    stored = _read_file(data_dir).get(gateway, {})
    found: dict[str, str] = {}
    for name, env in NEEDED.get(gateway, ()):
        value = os.environ.get(env) or stored.get(name, "")
        if not value and not (gateway == "http" and name == "secret"):  # a vendor may need no token
            raise CredentialsError(f"缺少 {gateway} 短信凭据 {name}：请用 county-server sms set --gateway {gateway} "
                                   f"--key-id … --secret-stdin 写入，或设置环境变量 {env}。")
        found[name] = value
    return found


def save(data_dir: Path, gateway: str, values: dict[str, str]) -> Path:
    """Write (merge) a gateway's secrets; the file is created 0600 before a byte is written."""
    data = _read_file(data_dir)
    data.setdefault(gateway, {}).update({k: v for k, v in values.items() if v})
    where = path(data_dir)
    temporary = where.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, json.dumps(data).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, where)
    return where


def scrub(text: str, secrets: dict[str, str]) -> str:
    """Text from a provider or an SDK, with any secret we hold blotted out."""
    for value in secrets.values():
        if value and len(value) >= 4:
            text = text.replace(value, "***")
    return text
