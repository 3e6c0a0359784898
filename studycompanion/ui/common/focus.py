"""The keyboard focus ring drawn by the app's own item delegates (library cards and rows, the sidebar)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studycompanion.ui.common.theme import ACCENT

RING_WIDTH = 2.0


def draw_focus_ring(painter: QPainter, rect: QRectF, radius: float) -> None:
    """A 2 px accent ring just inside `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(ACCENT), RING_WIDTH)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = RING_WIDTH / 2
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
    painter.restore()


class FocusRingDelegate(QStyledItemDelegate):
    """The style's item painting plus a visible focus ring on the current item while the view has focus."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if option.state & QStyle.StateFlag.State_HasFocus and index.column() == 0:
            view = option.widget
            rect = QRectF(option.rect)
            if isinstance(view, QAbstractItemView):  # the whole row, not only the first cell
                model = index.model()
                last = model.index(index.row(), model.columnCount(index.parent()) - 1, index.parent())
                rect = QRectF(option.rect.united(view.visualRect(last)))
            draw_focus_ring(painter, rect, 4)
