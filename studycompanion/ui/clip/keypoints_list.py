"""The clip's key points as a list: a click seeks the player to the point, the menu loops its span."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QWidget

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.types import KeyPoint

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1


class KeyPointList(QListWidget):
    seek_requested = Signal(float)
    loop_requested = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Key points"))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSpacing(3)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        self._points: list[KeyPoint] = []
        self._empty_text = ""

    def set_empty_text(self, text: str) -> None:
        """Shown in the middle of the list while it has no key points (never a blank tab)."""
        self._empty_text = text
        self.viewport().update()

    def empty_text(self) -> str:
        return self._empty_text if not self._points else ""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.count() == 0 and self._empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(16, 16, -16, -16)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                       | Qt.TextFlag.TextWordWrap), self._empty_text)
            painter.end()

    def set_points(self, points: Sequence[KeyPoint]) -> None:
        self.clear()
        self._points = list(points)
        for p in self._points:
            item = QListWidgetItem(f"{format_time(p.start)}–{format_time(p.end)}   {p.text}")
            item.setData(SPAN_ROLE, (p.start, p.end))
            why = ", ".join(p.reasons) if p.reasons else "—"
            item.setToolTip(self.tr("Why it matters: {why}\nClick to play it; right-click to loop it.").format(why=why))
            self.addItem(item)

    def points(self) -> list[KeyPoint]:
        return list(self._points)

    def selected_span(self) -> tuple[float, float] | None:
        item = self.currentItem()
        if item is None or not item.isSelected():
            return None
        start, end = item.data(SPAN_ROLE)
        return float(start), float(end)

    def highlight_at(self, seconds: float) -> None:
        """Mark the key point being said (bold) without changing the selection."""
        for i in range(self.count()):
            item = self.item(i)
            start, end = item.data(SPAN_ROLE)
            font = item.font()
            inside = start <= seconds < end
            if font.bold() != inside:
                font.setBold(inside)
                item.setFont(font)

    def _on_clicked(self, item: QListWidgetItem) -> None:
        start, _ = item.data(SPAN_ROLE)
        self.seek_requested.emit(float(start))

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        start, end = item.data(SPAN_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Play from {time}").format(time=format_time(start)),
                       lambda: self.seek_requested.emit(float(start)))
        menu.addAction(self.tr("Loop this key point"), lambda: self.loop_requested.emit(float(start), float(end)))
        menu.exec(self.viewport().mapToGlobal(pos))
