"""The keyboard-shortcut sheet (Help › Keyboard shortcuts, or `?`): every key the app answers to, by page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Anywhere", (
        ("Ctrl+V", "Paste a link (outside text boxes)"),
        ("Ctrl+O", "Add video files"),
        ("Ctrl+I", "Import a TikTok export or a list of links"),
        ("Ctrl+F", "Search; Enter moves into the results"),
        ("Ctrl+Shift+L / Y / R / J", "Library, For You, Review, Jobs"),
        ("Ctrl+1 / Ctrl+2", "Grid or list"),
        ("Ctrl+E", "Export cards to Anki"),
        ("Ctrl+,", "Settings"),
        ("F5", "Refresh"),
        ("?", "This sheet"),
    )),
    ("A clip", (
        ("Space", "Play / pause"),
        ("J / L", "Back / forward 5 s"),
        ("K", "Pause"),
        ("Esc, Alt+Left", "Back to the list"),
        ("Enter (in the results)", "Open a search hit at the second it was said"),
    )),
    ("For You", (
        ("Down / Up, the wheel", "Next / previous clip"),
        ("Space", "Play / pause"),
        ("M / F", "More / fewer clips like this"),
        ("S", "Study mode: the cloze shows before it is said"),
        ("A / X / E", "Accept / reject / edit the key card"),
        ("T", "Feed or compact table"),
        ("Enter", "Open the clip"),
    )),
    ("Review", (
        ("Space", "Show the answer"),
        ("1 2 3 4", "Again, hard, good, easy"),
    )),
)


def sheet_html() -> str:
    parts = []
    for section, rows in SHORTCUTS:
        cells = "".join(f"<tr><td style='padding:2px 18px 2px 0'><b>{key}</b></td><td>{what}</td></tr>"
                        for key, what in rows)
        parts.append(f"<h3 style='margin-bottom:4px'>{section}</h3><table>{cells}</table>")
    return "".join(parts)


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
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
