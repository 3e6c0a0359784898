"""The tr() rule stays kept: no Qt text call in studycompanion/ui takes a bare string literal (an AST walk).

A label, button, action, menu, tooltip, title, placeholder, message box or accessible name gets its text from
self.tr(...) or QCoreApplication.translate("Context", ...), so `make i18n` finds it and a translation shows it.
A literal passed straight to one of those calls (or an f-string, or a literal glued to other text) is English for
everyone. Empty strings, symbols with no letters and the short allowlist below are fine.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "studycompanion" / "ui"

# the calls whose string arguments the user reads
TEXT_CALLS = {
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu", "QToolBar",
    "QMessageBox", "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip", "setWhatsThis",
    "setAccessibleName", "setAccessibleDescription", "addAction", "addMenu", "addTab", "setTabText", "setTabToolTip",
    "showMessage", "setTitle", "setLabelText", "setHeaderLabels", "setHorizontalHeaderLabels", "addRow",
    "setInformativeText", "setDetailedText", "information", "warning", "critical", "question", "getOpenFileName",
    "getOpenFileNames", "getSaveFileName", "getExistingDirectory", "getText", "addItem", "addButton",
    "setSpecialValueText", "setSuffix", "setPrefix", "setFormat", "show_error", "show_info", "show_message",
}
# argument positions that are not text (a combo item's data, a dialog's start folder, a box's parent)
NOT_TEXT = {
    "addRow": lambda i: i > 0,
    "getOpenFileName": lambda i: i not in (1, 3), "getOpenFileNames": lambda i: i not in (1, 3),
    "getSaveFileName": lambda i: i not in (1, 3), "getExistingDirectory": lambda i: i != 1,
    "information": lambda i: i not in (1, 2), "warning": lambda i: i not in (1, 2),
    "critical": lambda i: i not in (1, 2), "question": lambda i: i not in (1, 2), "getText": lambda i: i not in (1, 2),
}
NOT_TEXT_KEYWORDS = {"dir", "directory", "userData", "objectName", "text"}  # getText(text=old) is the user's own
ALLOWED = {
    "StudyCompanion",  # the app's name (the window title, the default deck)
    "%p%",  # a progress bar's percentage format
    ".apkg",  # a file name's suffix
}
MARKUP = re.compile(r"<[^>]*>|&\w+;")  # rich-text tags and entities say nothing to translate


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in MARKUP.sub("", text))


def _bare_text(node: ast.expr) -> Iterator[str]:
    """The untranslated text `node` passes on: a literal, an f-string, a literal glued to something, either
    branch of `a if c else b` or of `a or b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _has_words(node.value) and node.value.strip() not in ALLOWED:
            yield node.value
    elif isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        if _has_words(literal):
            yield ast.unparse(node)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        if any(True for side in (node.left, node.right) for _ in _bare_text(side)):
            yield ast.unparse(node)
    elif isinstance(node, ast.IfExp):
        yield from _bare_text(node.body)
        yield from _bare_text(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _bare_text(value)


def bare_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or _name(node.func) not in TEXT_CALLS:
            continue
        call = _name(node.func)
        skip = NOT_TEXT.get(call, lambda _i: False)
        if call == "addItem":  # addItem(text, data) or addItem(icon, text, data): only the text is read
            text_at = 1 if node.args and isinstance(node.args[0], ast.Call) and _name(node.args[0].func) in (
                "icon", "QIcon") else 0
            skip = lambda i, at=text_at: i != at  # noqa: E731
        args = [a for i, a in enumerate(node.args) if not skip(i)]
        args += [k.value for k in node.keywords if k.arg not in NOT_TEXT_KEYWORDS]
        for arg in args:
            for text in _bare_text(arg):
                found.append(f"{path.name}:{node.lineno}: {call}({text[:70]!r})")
    return found


def test_no_qt_text_call_in_the_ui_takes_a_bare_string() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 50
    found = [f"{p.parent.name}/{hit}" for p in files for hit in bare_strings(p)]
    assert not found, "wrap these in self.tr() / QCoreApplication.translate():\n" + "\n".join(found)


def test_the_scan_catches_a_bare_string(tmp_path: Path) -> None:
    """The rule bites: a literal, an f-string and a glued literal are found; tr(), empty and symbols are not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def build(self, n):\n"
        "    QPushButton('Accept')\n"
        "    label.setText(f'{n} cards')\n"
        "    label.setToolTip('Hello ' + name)\n"
        "    box.setWindowTitle(self.tr('Settings') if n else 'Options')\n"
        "    QPushButton(self.tr('Reject'))\n"
        "    label.setText('')\n"
        "    label.setText('▶')\n"
        "    combo.addItem(self.tr('English'), 'en')\n",
        encoding="utf-8")
    found = bare_strings(sample)
    assert [hit.split(": ", 1)[1] for hit in found] == [
        "QPushButton('Accept')", "setText(\"f'{n} cards'\")", "setToolTip(\"'Hello ' + name\")",
        "setWindowTitle('Options')"], found
