"""Widgets get their objectName (the stable name tests and accessibility use) in one typed call.

PySide6 accepts ``objectName=`` as a keyword at run time, but its type stubs do not know it: ``named(QLabel(""),
"x")`` says the same and type-checks."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget
