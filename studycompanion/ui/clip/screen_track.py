"""The clip's on-screen text as a track under the transcript: each line with its time, the lines on screen now
marked as playback moves, a click seeks to the line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.screen.merge import ScreenLine

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1


class ScreenTrack(QListWidget):
    """One row per on-screen line; `seek_requested(seconds)` on click."""

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenTrack")
        self.setAccessibleName(self.tr("On-screen text"))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setStyleSheet("QListWidget#screenTrack::item { padding: 1px 10px; }")  # lines up with the transcript
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        self._lines: list[ScreenLine] = []
        self._active: list[int] = []

    def set_lines(self, lines: Sequence[ScreenLine]) -> None:
        self.clear()
        self._lines = sorted(lines, key=lambda ln: (ln.start, ln.box.y0))
        self._active = []
        for ln in self._lines:
            item = QListWidgetItem(f"{format_time(ln.start)}–{format_time(ln.end)}   {ln.text}")
            item.setData(SPAN_ROLE, (ln.start, ln.end))
            item.setToolTip(self.tr("On screen {start}–{end} (read with {confidence} % confidence). Click to play from "
                                    "there.").format(start=format_time(ln.start), end=format_time(ln.end),
                                                          confidence=round(ln.confidence * 100)))
            self.addItem(item)

    def screen_lines(self) -> list[ScreenLine]:
        return list(self._lines)

    def active_rows(self) -> list[int]:
        """The rows on screen at the last position given."""
        return list(self._active)

    def set_position(self, seconds: float) -> None:
        """Mark the lines whose [start, end) holds `seconds` (bold, tinted), scrolling the first into view."""
        active = [i for i, ln in enumerate(self._lines) if ln.start <= seconds < ln.end]
        if active == self._active:
            return
        tint = QColor(self.palette().highlight().color())
        tint.setAlpha(60)
        for i in set(self._active) | set(active):
            item = self.item(i)
            on = i in active
            font = item.font()
            font.setBold(on)
            item.setFont(font)
            item.setBackground(tint if on else QColor(0, 0, 0, 0))
        self._active = active
        if active:
            self.scrollToItem(self.item(active[0]), QListWidget.ScrollHint.EnsureVisible)

    def _on_clicked(self, item: QListWidgetItem) -> None:
        start, _end = item.data(SPAN_ROLE)
        self.seek_requested.emit(float(start))
