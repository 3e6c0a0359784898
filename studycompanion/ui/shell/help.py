"""The keyboard-shortcut sheet (Help › Keyboard shortcuts, or `?`): every key the app answers to, by page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Anywhere"), (
        ("Ctrl+V", QT_TRANSLATE_NOOP("ShortcutSheet", "Paste a link (outside text boxes)")),
        ("Ctrl+O", QT_TRANSLATE_NOOP("ShortcutSheet", "Add video files")),
        ("Ctrl+I", QT_TRANSLATE_NOOP("ShortcutSheet", "Import a TikTok export or a list of links")),
        ("Ctrl+F", QT_TRANSLATE_NOOP("ShortcutSheet", "Search; Enter moves into the results")),
        ("Ctrl+Shift+L / Y / R / J", QT_TRANSLATE_NOOP("ShortcutSheet", "Library, For You, Review, Jobs")),
        ("Ctrl+1 / Ctrl+2", QT_TRANSLATE_NOOP("ShortcutSheet", "Grid or list")),
        ("Ctrl+E", QT_TRANSLATE_NOOP("ShortcutSheet", "Export cards to Anki")),
        ("Ctrl+,", QT_TRANSLATE_NOOP("ShortcutSheet", "Settings")),
        ("F5", QT_TRANSLATE_NOOP("ShortcutSheet", "Refresh")),
        ("?", QT_TRANSLATE_NOOP("ShortcutSheet", "This sheet")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "A clip"), (
        (QT_TRANSLATE_NOOP("ShortcutSheet", "Space"), QT_TRANSLATE_NOOP("ShortcutSheet", "Play / pause")),
        ("J / L", QT_TRANSLATE_NOOP("ShortcutSheet", "Back / forward 5 s")),
        ("K", QT_TRANSLATE_NOOP("ShortcutSheet", "Pause")),
        (QT_TRANSLATE_NOOP("ShortcutSheet", "Esc, Alt+Left"), QT_TRANSLATE_NOOP("ShortcutSheet", "Back to the list")),
        (QT_TRANSLATE_NOOP("ShortcutSheet", "Enter (in the results)"),
         QT_TRANSLATE_NOOP("ShortcutSheet", "Open a search hit at the second it was said")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "For You"), (
        (QT_TRANSLATE_NOOP("ShortcutSheet", "Down / Up, the wheel"),
         QT_TRANSLATE_NOOP("ShortcutSheet", "Next / previous clip")),
        (QT_TRANSLATE_NOOP("ShortcutSheet", "Space"), QT_TRANSLATE_NOOP("ShortcutSheet", "Play / pause")),
        ("M / F", QT_TRANSLATE_NOOP("ShortcutSheet", "More / fewer clips like this")),
        ("S", QT_TRANSLATE_NOOP("ShortcutSheet", "Study mode: the cloze shows before it is said")),
        ("A / X / E", QT_TRANSLATE_NOOP("ShortcutSheet", "Accept / reject / edit the key card")),
        ("T", QT_TRANSLATE_NOOP("ShortcutSheet", "Feed or compact table")),
        (QT_TRANSLATE_NOOP("ShortcutSheet", "Enter"), QT_TRANSLATE_NOOP("ShortcutSheet", "Open the clip")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Review"), (
        (QT_TRANSLATE_NOOP("ShortcutSheet", "Space"), QT_TRANSLATE_NOOP("ShortcutSheet", "Show the answer")),
        ("1 2 3 4", QT_TRANSLATE_NOOP("ShortcutSheet", "Again, hard, good, easy")),
    )),
)


def sheet_html() -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("ShortcutSheet", text)

    parts = []
    for section, rows in SHORTCUTS:
        cells = "".join(f"<tr><td style='padding:2px 18px 2px 0'><b>{tr(key)}</b></td><td>{tr(what)}</td></tr>"
                        for key, what in rows)
        parts.append(f"<h3 style='margin-bottom:4px'>{tr(section)}</h3><table>{cells}</table>")
    return "".join(parts)


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.label = QLabel(sheet_html())
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(scroll, 1)
        box.addWidget(buttons)
        self.resize(520, 560)
