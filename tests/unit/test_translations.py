"""Simplified Chinese is complete: every string in the code is in the .ts, translated, and compiled."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "translations" / "station_zh_CN.ts"
QM = ROOT / "translations" / "station_zh_CN.qm"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(BIN)) or shutil.which(f"pyside6-{name}")
    assert found, f"pyside6-{name} not installed"
    return found


def test_every_source_string_is_translated(tmp_path: Path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "station_app" / "ui").glob("*.py"))
    subprocess.run([tool("lupdate"), *sources, "-no-obsolete", "-ts", str(fresh)], check=True, capture_output=True)
    unfinished = []
    for context in ET.parse(fresh).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                unfinished.append((context.findtext("name"), message.findtext("source")))
    assert unfinished == [], "run pyside6-lupdate and translate these in translations/station_zh_CN.ts"


def test_placeholders_survive_translation():
    import re

    for message in ET.parse(TS).getroot().iter("message"):
        fields = set(re.findall(r"\{\w+\}", message.findtext("source")))
        assert fields == set(re.findall(r"\{\w+\}", message.findtext("translation") or "")), message.findtext("source")


def test_compiled_qm_matches_the_ts(tmp_path: Path):
    out = tmp_path / "check.qm"
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease translations/station_zh_CN.ts"
