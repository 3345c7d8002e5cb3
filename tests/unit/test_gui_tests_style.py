"""GUI tests press the buttons: they reach widgets by objectName and act with keys and clicks, so a click that
lost its wiring fails a test. This reads tests/gui/test_*.py and fails when a test reaches into the window
instead: a Python attribute of the window, a page or a dialog (``counter.receivePage``, ``page.scanInput``,
``page.confirm()``, ``dialog.pinField``, ``window.session``), or a signal emitted by hand (``.emit(``).

What counts as the window, a page or a dialog: the ``window`` and ``counter`` fixtures; a name bound from
``go(…)``, ``the_page(…)``, ``current_page(…)``, ``QApplication.activeModalWidget()``, ``find(…, "…Page")`` /
``"…Dialog"`` / ``"…Wizard"``, or a constructor ``…Page(…)`` / ``…Dialog(…)`` / ``…Wizard(…)``; and a parameter
named ``dialog`` or ``wizard`` (the steps that answer a dialog). On those only Qt's own look-and-act calls are
allowed (QT_ONLY); ``accept()``/``done()``/``exec()`` are refused too: they skip the dialog's buttons.
"""

from __future__ import annotations

import ast
from pathlib import Path

GUI_TESTS = Path(__file__).resolve().parents[1] / "gui"

FIXTURES = {"window", "counter"}
STEP_PARAMS = {"dialog", "wizard"}
OPENERS = {"go", "the_page", "current_page"}
CONTAINERS = ("Page", "Dialog", "Wizard", "Window")
# Qt's own QWidget / QDialog / QMessageBox / QFileDialog calls that look at a window or act as a person would
QT_ONLY = {
    "findChild", "findChildren", "objectName", "isVisible", "isHidden", "isEnabled", "width", "height", "size",
    "rect", "geometry", "resize", "mapTo", "show", "grab", "windowTitle", "devicePixelRatio", "visibleRegion",
    "setFocus", "reject", "close", "text", "button", "buttons", "directory", "activateWindow",
}


def _is_container_call(node: ast.AST) -> bool:
    """A call that hands back the window, a page or a dialog."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in OPENERS or name == "activeModalWidget" or name.endswith(CONTAINERS):
        return True
    if name == "find" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
        return str(node.args[1].value).endswith(CONTAINERS)
    return False


def _root(node: ast.AST) -> str:
    """The name an attribute chain starts from (``counter`` for ``counter.stockPage.search``)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) and node is not None else ""


def _bound_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _bound_names(elt)]
    return []


def problems(source: str, filename: str = "<test>") -> list[str]:
    """Where a GUI test reaches past the objectNames (file:line what)."""
    tree = ast.parse(source)
    bad: list[str] = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        args = func.args
        params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
        gui = (params & STEP_PARAMS) | (params & FIXTURES if getattr(func, "name", "").startswith("test_") else set())
        if isinstance(func, ast.Lambda):
            continue
        for _ in range(2):  # names bound in this function to the window, a page or a dialog (or a part of one)
            for node in ast.walk(func):
                if isinstance(node, ast.Assign) and (_is_container_call(node.value) or _root(node.value) in gui):
                    for target in node.targets:
                        gui.update(_bound_names(target))
        for node in ast.walk(func):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value
            reached = (isinstance(owner, ast.Name) and owner.id in gui) or _is_container_call(owner)
            if reached and node.attr not in QT_ONLY:
                who = owner.id if isinstance(owner, ast.Name) else "…"
                bad.append(f"{filename}:{node.lineno} {who}.{node.attr}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "emit":
            bad.append(f"{filename}:{node.lineno} .emit() by hand")
    return sorted(set(bad), key=lambda s: (s.split(":")[0], int(s.split(":")[1].split()[0]), s))


def test_gui_tests_reach_widgets_only_by_objectname():
    bad = []
    files = sorted(GUI_TESTS.glob("test_*.py"))
    assert len(files) >= 20
    for path in files:
        bad += problems(path.read_text(encoding="utf-8"), path.name)
    assert bad == []


def test_the_rule_catches_what_the_old_tests_did():
    """The check itself, on the shapes the GUI tests used before they pressed the buttons."""
    old = '''
def test_old(counter, conn, qtbot):
    counter.show_page(counter.pickupPage)
    page = counter.pickupPage
    typed(page.lookupInput, "5678\\r")
    page.confirm()
    counter.idle_timer.timeout.emit()
    assert counter.banner.kind == "ok"
    assert counter.session.clerk is None

def approve():
    dialog = QApplication.activeModalWidget()
    dialog.pinField.setText("1234")
    dialog.accept()

def test_wizard(qtbot, conn):
    wizard = SetupWizard(conn)
    wizard.codeInput.setText("S009")
    go(counter, "reportsPage").write("pdf", "x.pdf")
'''
    found = [line.split(" ", 1)[1] for line in problems(old)]
    assert found == ["counter.pickupPage", "counter.show_page", "counter.pickupPage", "page.lookupInput",
                     "page.confirm", ".emit() by hand", "counter.idle_timer", "counter.banner", "counter.session",
                     "dialog.pinField", "dialog.accept", "wizard.codeInput", "….write"]


def test_the_rule_lets_objectnames_keys_and_clicks_through():
    new = '''
def test_new(counter, conn, qtbot):
    page = go(counter, "pickupPage")
    typed(find(page, "lookupInput"), "5678\\r")
    click(qtbot, page, "confirmPickupButton")
    counter.resize(1024, 768)
    assert find(page, "pickupSummary").text() and page.isVisible()

    def step(dialog):
        find(dialog, "supervisorPin").setFocus()
        dialog.reject()
'''
    assert problems(new) == []
