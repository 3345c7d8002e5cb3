"""Which named controls of the running app are wired to something: the basis of the wiring test and the README's
objectName table. A control is wired when one of the signals a clerk's action emits has a receiver."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTableView,
    QTabWidget,
    QWidget,
)

# what a clerk's action emits, per kind of control
SIGNALS: list[tuple[type, tuple[str, ...]]] = [
    (QAbstractButton, ("clicked()", "pressed()", "released()", "toggled(bool)")),
    (QComboBox, ("activated(int)", "currentIndexChanged(int)", "textActivated(QString)",
                 "currentTextChanged(QString)")),
    (QLineEdit, ("returnPressed()", "editingFinished()", "textChanged(QString)", "textEdited(QString)")),
    (QListWidget, ("itemActivated(QListWidgetItem*)", "itemClicked(QListWidgetItem*)",
                   "currentRowChanged(int)", "itemDoubleClicked(QListWidgetItem*)")),
    (QTabWidget, ("currentChanged(int)",)),
]

# the kinds a clerk operates, with the kind of widget the README table names it by
KINDS: list[tuple[type, str]] = [
    (QCheckBox, "tick box"), (QRadioButton, "choice"), (QAbstractButton, "button"), (QComboBox, "selector"),
    (QAbstractSpinBox, "number"), (QLineEdit, "field"), (QPlainTextEdit, "text box"), (QListWidget, "list"),
    (QTableView, "table"), (QTabWidget, "page tabs"),
]


def kind_of(widget: QWidget) -> str:
    return next((word for cls, word in KINDS if isinstance(widget, cls)), "area")


def is_inner(widget: QWidget) -> bool:
    """Qt's own parts (a combo box's line edit, a file dialog's fields) are not ours."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QFileDialog, QTabBar)):
            return True
        parent = parent.parentWidget()
    return False


def named(root: QWidget) -> list[QWidget]:
    """Every widget under root (and root) that has one of our objectNames, in tree order."""
    found = [root] if root.objectName() else []
    found += [w for w in root.findChildren(QWidget) if w.objectName() and not is_inner(w)]
    return found


GROUP_SIGNALS = ("idClicked(int)", "buttonClicked(QAbstractButton*)", "idToggled(int,bool)",
                 "buttonToggled(QAbstractButton*,bool)")


def receivers(widget: QWidget) -> dict[str, int]:
    """How many receivers each action signal of this control has (empty when it is not a control).

    A radio button in a button group counts the group's signals too: the group is what the page listens to.
    """
    for cls, signals in SIGNALS:
        if isinstance(widget, cls):
            counts = {s: widget.receivers(SIGNAL(s)) for s in signals}
            group = widget.group() if isinstance(widget, QAbstractButton) else None
            if group is not None:
                counts.update({f"group {s}": group.receivers(SIGNAL(s)) for s in GROUP_SIGNALS})
            return counts
    return {}


def unwired(root: QWidget, *, enter: set[str], held: dict[str, str]) -> list[str]:
    """Named controls under root with no receiver for the signal that matters.

    Buttons, selectors and lists must react; a line edit must react to Enter when its name is in ``enter`` or it
    is a scan field. ``held`` names controls that only hold a value read when the form is submitted (with why).
    """
    bad = []
    for widget in named(root):
        name = widget.objectName()
        counts = receivers(widget)
        if not counts or name in held:
            continue
        if isinstance(widget, QLineEdit):
            if widget.property("scan") or name in enter:
                if counts["returnPressed()"] + counts["editingFinished()"] == 0:
                    bad.append(f"{name} (Enter does nothing)")
            continue
        if not any(counts.values()):
            bad.append(f"{name} ({kind_of(widget)} not connected)")
    return bad


def place_of(widget: QWidget) -> str:
    """Where the clerk finds it: the page or dialog it sits in, else the window's header (or the window)."""
    node: QWidget | None = widget
    while node is not None:
        name = node.objectName()
        if name.endswith(("Page", "Dialog", "Wizard")):
            return name
        node = node.parentWidget()
    return "mainWindow"


def rows_for(root: QWidget) -> list[tuple[str, str, str]]:
    """(place, objectName, kind) for every named widget under root, in tree order, each once."""
    return [(place_of(w), w.objectName(), kind_of(w)) for w in named(root)]


def markdown(rows: list[tuple[str, str, str]]) -> str:
    places: dict[str, list[str]] = {}
    for place, name, what in rows:
        entry = f"`{name}` ({what})"
        if entry not in places.setdefault(place, []):
            places[place].append(entry)
    lines = ["| Where | objectNames |", "|---|---|"]
    lines += [f"| `{place}` | {', '.join(entries)} |" for place, entries in places.items()]
    return "\n".join(lines)
