"""Printed documents speak the station's document language: every word in labels/words.py, none hard-coded."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from station_app.core import settings
from station_app.core.errors import StationError
from station_app.labels import catalog, words
from station_app.labels.elements import SIZES, Text

LABELS = Path(words.__file__).parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _sources() -> set[str]:
    """The literal source of every tr(lang, "…") and mark("…") in labels/."""
    found = set()
    for path in LABELS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                at = {"tr": 1, "mark": 0}.get(name)
                if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                    found.add(node.args[at].value)
    return found


def test_every_printed_word_has_both_languages_and_none_is_left_over():
    used = _sources()
    assert used - words.ZH_CN.keys() == set(), "sources with no Chinese"
    assert words.ZH_CN.keys() - used == set(), "catalogue entries nothing prints"
    for source, chinese in words.ZH_CN.items():
        fields = set(re.findall(r"{(\w+)}", source))
        assert chinese.strip() and set(re.findall(r"{(\w+)}", chinese)) == fields, source
        assert not CJK.search(source), source  # the English side is the source itself


def test_no_kind_prints_chinese_of_its_own():
    """A Chinese literal in a kind (other than its docstring) would be printed whatever the language."""
    for path in sorted((LABELS / "kinds").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not CJK.search(node.value), f"{path.name}:{node.lineno}: {node.value!r}"


@pytest.mark.parametrize("kind", sorted(catalog.KINDS))
def test_each_kind_prints_in_the_language_asked(kind):
    """In English a sample keeps only its data's Chinese (station, names, products); its words are English."""
    sample_data = "".join(repr(v) for v in vars(catalog).values()) + "韵达"  # the batch sheet's courier

    def texts(lang: str) -> list[str]:
        return [e.text for p in catalog.KINDS[kind].sample(SIZES["60x40"], lang) for e in p.elements
                if isinstance(e, Text)]

    english, chinese = texts("en"), texts("zh_CN")
    assert len(english) == len(chinese) and chinese == texts(words.DEFAULT)
    for text in english:
        assert all(ch in sample_data for ch in CJK.findall(text)), f"{kind}: {text!r} is not English"
    assert english != chinese


def test_the_document_language_is_a_station_setting(conn):
    assert settings.get(conn, "document_language") == "zh_CN"
    settings.change(conn, "document_language", "en", clerk_id=None)
    assert settings.get(conn, "document_language") == "en"
    with pytest.raises(StationError) as err:
        settings.change(conn, "document_language", "fr", clerk_id=None)
    assert err.value.code == "setting_not_a_choice" and settings.get(conn, "document_language") == "en"
