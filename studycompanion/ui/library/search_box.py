"""The search box: filters as you type (debounced), Esc clears, Enter/Down moves into the results."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget

from studycompanion.ui.common.icons import icon


class SearchBox(QLineEdit):
    search_changed = Signal(str)  # the stripped text, after a short pause in typing ("" = cleared)
    go_to_results = Signal()

    DELAY_MS = 180

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchBox")
        self.setPlaceholderText(self.tr("Search titles, captions, transcripts, tags  (Ctrl+F)"))
        self.setAccessibleName(self.tr("Search the library"))
        self.setClearButtonEnabled(True)
        search = self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        search.setText(self.tr("Search"))
        for button in self.findChildren(QToolButton):  # the field's icons are buttons to a screen reader
            action = button.defaultAction()
            clear = action is not None and action.objectName() == "_q_qlineeditclearaction"
            button.setAccessibleName(self.tr("Clear the search") if clear else self.tr("Search"))
        self.setMinimumWidth(260)
        self.setMaximumWidth(520)
        self._last = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self._fire)
        self.textChanged.connect(self._typed)

    def _typed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._fire()  # clearing is immediate
        else:
            self._timer.start()

    def _fire(self) -> None:
        text = " ".join(self.text().split())
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)

    def flush(self) -> None:
        """Send the pending text now (Enter, tests)."""
        self._timer.stop()
        self._fire()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.flush()
            self.go_to_results.emit()
            return
        super().keyPressEvent(event)
