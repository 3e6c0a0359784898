"""The clip grid: a table view over the library model, N cards per row (grid) or one row per clip (list).

QListView lays out every item on each reset or resize (about a second for 100k clips, on the UI thread);
a QTableView with fixed row heights only ever touches the visible cells, so a grid of 100k clips resets,
resizes and scrolls in constant time. GridProxy maps cell (row, column) to the source row row*columns+column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from studycompanion.ui.library.delegate import GRID_CARD_W, GRID_TEXT_H, LIST_ROW_H, ClipDelegate
from studycompanion.ui.library.model import LibraryModel

Index = QModelIndex | QPersistentModelIndex
MAX_CARD_W = round(GRID_CARD_W * 1.35)


class GridProxy(QAbstractTableModel):
    """Presents a list model as a table of `columns` cells per row (trailing cells of the last row are empty)."""

    def __init__(self, source: LibraryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.columns = 1
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self.endResetModel)
        source.dataChanged.connect(self._source_changed)

    def set_columns(self, columns: int) -> None:
        columns = max(1, columns)
        if columns != self.columns:
            self.beginResetModel()
            self.columns = columns
            self.endResetModel()

    def source_row(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        row = index.row() * self.columns + index.column()
        return row if row < self.source.rowCount() else None

    def cell(self, source_row: int) -> QModelIndex:
        if not 0 <= source_row < self.source.rowCount():
            return QModelIndex()
        return self.index(source_row // self.columns, source_row % self.columns)

    def _source_changed(self, first: QModelIndex, last: QModelIndex, roles: Sequence[int] = ()) -> None:
        if not first.isValid() or not last.isValid():
            return
        top, bottom = first.row() // self.columns, last.row() // self.columns
        right = self.columns - 1 if bottom > top else last.row() % self.columns
        left = 0 if bottom > top else first.row() % self.columns
        self.dataChanged.emit(self.index(top, left), self.index(bottom, right), list(roles))

    # ---- Qt model API ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return (self.source.rowCount() + self.columns - 1) // self.columns

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.columns

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.source_row(index)
        if row is None:
            return None
        return self.source.data(self.source.index(row), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.source_row(index)
        return self.source.flags(self.source.index(row)) if row is not None else Qt.ItemFlag.NoItemFlags

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return self.source.mimeTypes()

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = [r for r in (self.source_row(i) for i in indexes) if r is not None]
        return self.source.mimeData([self.source.index(r) for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return self.source.supportedDragActions()


class ClipGridView(QTableView):
    """Cards in rows that fill the width (grid), or one clip per row (list); Enter opens the current clip."""

    open_current = Signal()

    def __init__(self, model: LibraryModel, delegate: ClipDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = GridProxy(model, self)
        self.delegate = delegate
        self.grid = True
        self.setModel(self.proxy)
        self.setItemDelegate(delegate)
        self.setShowGrid(False)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setMinimumSectionSize(1)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(40)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setFrameShape(QTableView.Shape.NoFrame)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setTabKeyNavigation(False)
        self.set_grid(True)

    # ---- geometry ---------------------------------------------------------------------------------------

    def set_grid(self, grid: bool) -> None:
        self.grid = grid
        self.delegate.grid = grid
        self._fit(force=True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _available_width(self) -> int:
        width = self.viewport().width()
        if not self.verticalScrollBar().isVisible():  # room for it, so that it appearing does not re-flow
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(1, width)

    def _fit(self, force: bool = False) -> None:
        width = self._available_width()
        if self.grid:
            columns = max(1, width // GRID_CARD_W)
            card = min(MAX_CARD_W, width // columns)
            self.delegate.card_width = card
            height = self.delegate.thumb_height() + 12 + GRID_TEXT_H
        else:
            columns, card, height = 1, width, LIST_ROW_H
        if columns != self.proxy.columns or force:
            self._reflow(columns)
        self.horizontalHeader().setDefaultSectionSize(card)
        for col in range(self.proxy.columns):
            self.horizontalHeader().resizeSection(col, card)
        self.verticalHeader().setDefaultSectionSize(height)

    def _reflow(self, columns: int) -> None:
        """Change the number of cards per row, keeping the selection, the current clip and the top row."""
        selected = self.selected_source_rows()
        current = self.proxy.source_row(self.currentIndex())
        top = self.proxy.source_row(self.indexAt(self.viewport().rect().topLeft()))
        self.proxy.set_columns(columns)
        self.select_source_rows(selected, current)
        if top is not None:
            self.scrollTo(self.proxy.cell(top), QAbstractItemView.ScrollHint.PositionAtTop)

    # ---- rows of the library model ------------------------------------------------------------------------

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.source_row(i) for i in self.selectionModel().selectedIndexes()}
        return sorted(r for r in rows if r is not None)

    def select_source_rows(self, rows: Sequence[int], current: int | None = None) -> None:
        selection = QItemSelection()
        for row in rows:
            cell = self.proxy.cell(row)
            if cell.isValid():
                selection.select(cell, cell)
        model = self.selectionModel()
        if current is not None and self.proxy.cell(current).isValid():
            model.setCurrentIndex(self.proxy.cell(current), QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def current_source_row(self) -> int | None:
        return self.proxy.source_row(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit()
            return
        super().keyPressEvent(event)
