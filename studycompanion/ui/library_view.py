"""The clip list page: a header, the grid (or list) of clips, and the empty state when there is nothing to show."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studycompanion.ui.clip_actions import ClipActions
from studycompanion.ui.clip_delegate import ClipDelegate
from studycompanion.ui.empty_state import EmptyState
from studycompanion.ui.library_model import ClipItem, LibraryModel, LibraryQuery, QueryKind


class ClipListView(QListView):
    """A QListView set up for 100k uniform items: grid (wrapping left-to-right) or list rows."""

    open_current = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setUniformItemSizes(True)  # the view never asks every row for its size
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(32)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setSpacing(2)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.set_grid(True)

    def set_grid(self, grid: bool) -> None:
        self.setFlow(QListView.Flow.LeftToRight if grid else QListView.Flow.TopToBottom)
        self.setWrapping(grid)
        delegate = self.itemDelegate()
        if isinstance(delegate, ClipDelegate):
            delegate.grid = grid
            self._fit()
        self.reset()
        self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        delegate = self.itemDelegate()
        if not isinstance(delegate, ClipDelegate) or not delegate.grid:
            return
        available = self.viewport().width()
        bar = self.verticalScrollBar()
        if not bar.isVisible():  # leave room for it, so that it appearing does not re-flow the grid
            available -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        if delegate.fit_width(available - 2 * self.spacing() - 2, 2 * self.spacing()):
            model = self.model()
            if model is not None and model.rowCount():
                delegate.sizeHintChanged.emit(model.index(0, 0))
            self.scheduleDelayedItemsLayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit()
            return
        super().keyPressEvent(event)


class LibraryView(QWidget):
    """Shows one LibraryModel; double-click / Enter opens a clip (at the matching second for search hits)."""

    open_requested = Signal(int, object)  # video id, seconds or None

    def __init__(self, model: LibraryModel, actions: ClipActions, parent: QWidget | None = None,
                 *, welcome: bool = True) -> None:
        super().__init__(parent)
        self.model = model
        self.actions = actions
        self.welcome = welcome
        self._grid = True
        self._keep_selection: list[int] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 0)
        layout.setSpacing(6)
        header = QHBoxLayout()
        self.title = QLabel("Library")
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        header.addWidget(self.count_label)
        header.addStretch(1)
        layout.addLayout(header)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)

        self.stack = QStackedWidget()
        self.view = ClipListView()
        self.delegate = ClipDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(model)
        self.view.set_grid(True)
        self.empty = EmptyState()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        self.view.activated.connect(self._open_index)
        self.view.open_current.connect(lambda: self._open_index(self.view.currentIndex()))
        self.view.customContextMenuRequested.connect(self._context_menu)
        model.loaded.connect(self._on_loaded)
        model.modelAboutToBeReset.connect(self._remember_selection)

    # ---- modes ----------------------------------------------------------------------------------------

    @property
    def grid(self) -> bool:
        return self._grid

    def set_grid(self, grid: bool) -> None:
        self._grid = grid
        self.view.set_grid(grid)

    def set_title(self, title: str) -> None:
        self.title.setText(title)

    # ---- state -------------------------------------------------------------------------------------------

    def _remember_selection(self) -> None:
        self._keep_selection = self.selected_ids()

    def _on_loaded(self) -> None:
        count = self.model.rowCount()
        query = self.model.query
        if query.kind == QueryKind.SEARCH:
            self.count_label.setText(f"{count} match{'es' if count != 1 else ''}")
        else:
            self.count_label.setText(f"{count:,} clip{'s' if count != 1 else ''}")
        self.note.setText(self.model.heading)
        self.note.setVisible(bool(self.model.heading))
        if count:
            self.stack.setCurrentWidget(self.view)
            self._restore_selection()
        else:
            self._show_empty(query)
            self.stack.setCurrentWidget(self.empty)

    def _show_empty(self, query: LibraryQuery) -> None:
        if query.kind == QueryKind.ALL and self.welcome:
            self.empty.show_welcome()
        elif query.kind == QueryKind.SEARCH:
            self.empty.show_message(f"Nothing matches “{query.text}”",
                                    "Search looks in titles, captions, transcripts, notes and tags.")
        elif query.kind == QueryKind.FAVOURITES:
            self.empty.show_message("No favourites yet", "Right-click a clip and choose “Add to favourites”.")
        elif query.kind == QueryKind.TAG:
            self.empty.show_message(f"No clips tagged {query.tag}")
        else:
            self.empty.show_message("Nothing here yet", "Add clips and they will show up here.")

    def _restore_selection(self) -> None:
        if not self._keep_selection:
            return
        selection = self.view.selectionModel()
        for vid in self._keep_selection:
            row = self.model.row_of(vid)
            if row is not None:
                selection.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        self._keep_selection = []

    def selected_items(self) -> list[ClipItem]:
        items = []
        for index in sorted(self.view.selectionModel().selectedIndexes(), key=lambda i: i.row()):
            item = self.model.item(index.row())
            if item is not None:
                items.append(item)
        return items

    def selected_ids(self) -> list[int]:
        return [it.id for it in self.selected_items()]

    def select_row(self, row: int) -> None:
        index = self.model.index(row)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ---- opening / menus ---------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item = self.model.item(index.row())
        if item is not None:
            self.open_requested.emit(item.id, item.seconds)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        if not self.view.selectionModel().isSelected(index):
            self.select_row(index.row())
        items = self.selected_items()
        if not items:
            return
        menu = self.actions.menu(self, items)
        open_action = menu.findChild(QAction, "open")
        if open_action is not None:
            open_action.triggered.connect(lambda: self.open_requested.emit(items[0].id, items[0].seconds))
        menu.popup(self.view.viewport().mapToGlobal(pos))
