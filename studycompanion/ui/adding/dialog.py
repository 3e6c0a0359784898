"""The Add dialog: offers the link found on the clipboard, takes several links at once, or files / an export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studycompanion.ui.adding.adding import clipboard_links, parse_text
from studycompanion.ui.common.icons import icon


class AddDialog(QDialog):
    """Collects links; the work itself runs in the background after the dialog closes."""

    links_entered = Signal(str)
    files_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add clips"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("https://www.tiktok.com/@creator/video/…\nhttps://youtube.com/shorts/…"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        layout.addWidget(self.edit)
        self.status = QLabel()
        self.status.setObjectName("addStatus")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        files = QPushButton(icon("file"), self.tr("Add video files…"))
        files.clicked.connect(self._files)
        row.addWidget(files)
        imp = QPushButton(icon("import"), self.tr("Import TikTok export or link list…"))
        imp.clicked.connect(self._import)
        row.addWidget(imp)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._check)
        self._offer_clipboard()

    def _files(self) -> None:
        self.reject()
        self.files_requested.emit()

    def _import(self) -> None:
        self.reject()
        self.import_requested.emit()

    def _offer_clipboard(self) -> None:
        links = clipboard_links()
        if links:
            self.edit.setPlainText("\n".join(ref.url for ref in links))
            self.edit.selectAll()
            n = len(links)
            self.hint.setText(self.tr("Found {n} links on the clipboard. Add them?").format(n=n) if n > 1 else
                              self.tr("Found {n} link on the clipboard. Add it?").format(n=n))
        else:
            self.hint.setText(self.tr("Paste links to TikTok, YouTube Shorts, Instagram Reels or any page with a video "
                                      "(one per line)."))
        self._check()

    def _check(self) -> None:
        parsed = parse_text(self.edit.toPlainText())
        n = len(parsed.links) + len(parsed.files) + len(parsed.imports)
        self.add_button.setEnabled(n > 0)
        if parsed.invalid and not n:
            self.status.setText(self.tr("“{text}” is not a link we can download.").format(text=parsed.invalid[0][:60]))
        elif parsed.invalid:
            self.status.setText(self.tr("{n} to add; {invalid} not recognised as links.").format(
                n=n, invalid=len(parsed.invalid)))
        else:
            self.status.setText(self.tr("{n} to add.").format(n=n) if n else "")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def accept(self) -> None:
        text = self.edit.toPlainText()
        super().accept()
        if not parse_text(text).empty:
            self.links_entered.emit(text)
