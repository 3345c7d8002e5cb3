"""Device settings (language, and later printer, scanner, scale) in ``station.ini`` in the data dir."""

from __future__ import annotations

import configparser
import os
from pathlib import Path

FILENAME = "station.ini"
LANGUAGES = ("zh_CN", "en")
DEFAULTS = {"language": "zh_CN"}


def load(data_dir: Path) -> dict[str, str]:
    parser = configparser.ConfigParser()
    parser.read(data_dir / FILENAME, encoding="utf-8")
    values = dict(DEFAULTS)
    if parser.has_section("device"):
        values.update(parser["device"])
    if values["language"] not in LANGUAGES:
        values["language"] = DEFAULTS["language"]
    return values


def save(data_dir: Path, values: dict[str, str]) -> None:
    """Write the whole file to a temporary name, then rename it over the old one."""
    parser = configparser.ConfigParser()
    parser["device"] = {**load(data_dir), **values}
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (FILENAME + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        parser.write(out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, data_dir / FILENAME)
