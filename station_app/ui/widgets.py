"""Small widgets shared by the pages: the message banner, the scan field, a parcel table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QWidget,
)

from . import feedback

Index = QModelIndex | QPersistentModelIndex

_BANNER_STYLES = {
    "ok": "background:#1e7b34; color:white;",
    "warn": "background:#f0ad00; color:black;",
    "error": "background:#c62828; color:white;",
    "info": "background:#e8eef7; color:#1a1a1a;",
}


class Banner(QLabel):
    """THE message area: one line or two that say what just happened, coloured by how it went, with the sound.

    Its height is fixed, so a message never pushes a page's buttons down; a longer text is set smaller to fit,
    and the whole text is the tooltip too. The window clears it when the clerk changes page.
    """

    HEIGHT = 56
    _SIZES = (18, 16, 14, 12)  # px, tried in turn until the text fits in two lines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setFixedHeight(self.HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # never widens the window
        self.kind = "info"
        self.show_message("info", "")

    def show_message(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setText(text)
        self.setToolTip(text)
        colours = _BANNER_STYLES[kind] if text else "background:transparent;"  # empty: no blank box
        self.setStyleSheet(f"QLabel {{ {colours} padding:2px 12px; border-radius:6px;"
                           f" font-size:{self._fitting_size(text)}px; font-weight:bold; }}")
        if kind in ("ok", "warn", "error") and text:
            feedback.play(kind)

    def clear_message(self) -> None:
        """Back to an empty, neutral area (no sound)."""
        self.show_message("info", "")

    def _fitting_size(self, text: str) -> int:
        width = max(self.width(), 400) - 28
        for size in self._SIZES:
            font = QFont(self.font())
            font.setPixelSize(size)
            font.setBold(True)
            needed = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
            if needed.height() <= self.HEIGHT - 6:
                return size
        return self._SIZES[-1]


class ScanField(QLineEdit):
    """A line a USB scanner types into: big, Enter submits, Esc clears and says so.

    Esc is a widget shortcut rather than a keyPressEvent override: every key would otherwise pass through
    Python, and some PySide6 releases leak a reference per call of such an override.
    """

    escaped = Signal()

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumHeight(52)
        self.setProperty("scan", True)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._escape)

    def _escape(self) -> None:
        self.clear()
        self.escaped.emit()


R = TypeVar("R")  # one row of a table: a Parcel, a database row …


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], str]


class RowTable(QAbstractTableModel, Generic[R]):
    """A read-only table of plain objects with per-row colour; columns are (title, function) pairs."""

    def __init__(self, columns: Sequence[Column[R]], colour: Callable[[R], str] | None = None) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[R] = []
        self.colour = colour

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].value(row)
        if role == Qt.ItemDataRole.BackgroundRole and self.colour:
            colour = self.colour(row)
            return QColor(colour) if colour else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def prepend(self, row: R) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, row)
        self.endInsertRows()

    def replace(self, match: Callable[[R], bool], row: R) -> None:
        for i, old in enumerate(self.rows):
            if match(old):
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def refresh(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))


    def selected(self, view: QTableView) -> list[R]:
        """The rows chosen in ``view`` (which shows this model)."""
        return [self.rows[i.row()] for i in view.selectionModel().selectedRows()]


def make_table(name: str, model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    # fit the columns when rows arrive, measuring a few rows only: a scan burst must not slow down as the
    # list grows
    view.horizontalHeader().setResizeContentsPrecision(20)
    model.rowsInserted.connect(view.resizeColumnsToContents)
    model.modelReset.connect(view.resizeColumnsToContents)
    model.dataChanged.connect(view.resizeColumnsToContents)
    view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab never wanders off the scan fields into a table
    return view


W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """``widget`` with its objectName, the stable name tests and accessibility tools find it by.

    Qt accepts ``objectName=`` as a constructor keyword, but PySide6's type stubs do not know it."""
    widget.setObjectName(name)
    return widget


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("heading", True)
    return label
