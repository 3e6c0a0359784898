"""A word-wrapped label that is never squeezed below the lines its text needs at its width (Qt's layouts give a
wrapped label its one-line minimum when space is short, which cut a card's check reasons after a line or two)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget


class WrappingLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def needed_height(self, width: int) -> int:
        """The height the text takes wrapped at `width` (from the font, not from heightForWidth, which would
        answer with the minimum this label set itself)."""
        if not self.text():
            return 0
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right() - 2 * self.margin())
        rect = self.fontMetrics().boundingRect(QRect(0, 0, inner, 100_000), int(Qt.TextFlag.TextWordWrap),
                                               self.text())
        return rect.height() + margins.top() + margins.bottom() + 2 * self.margin()

    def _fit(self) -> None:
        if self.width() < 50:  # not laid out yet
            return
        need = self.needed_height(self.width())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()
