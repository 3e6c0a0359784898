"""The clip list page: a header, the grid (or list) of clips, and the empty state when there is nothing to show."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studycompanion.ui.clip.actions import ClipActions
from studycompanion.ui.common.empty_state import EmptyState
from studycompanion.ui.library.delegate import ClipDelegate
from studycompanion.ui.library.grid import ClipGridView
from studycompanion.ui.library.model import ClipItem, LibraryModel, LibraryQuery, QueryKind


class LibraryView(QWidget):
    """Shows one LibraryModel; double-click / Enter opens a clip (at the matching second for search hits)."""

    open_requested = Signal(int, object)  # video id, seconds or None

    def __init__(self, model: LibraryModel, actions: ClipActions, parent: QWidget | None = None,
                 *, welcome: bool = True) -> None:
        super().__init__(parent)
        self.model = model
        self.clip_actions = actions
        self.welcome = welcome
        self._grid = True
        self._keep_selection: list[int] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 0)
        layout.setSpacing(6)
        header = QHBoxLayout()
        self.title = QLabel(self.tr("Library"))
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
        self.delegate = ClipDelegate(self, thumbs=model.thumbs)
        self.view = ClipGridView(model, self.delegate)
        self.view.setAccessibleName(self.tr("Clips"))
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
            text = self.tr("{n} match") if count == 1 else self.tr("{n} matches")
            self.count_label.setText(text.format(n=count))
        else:
            text = self.tr("{n} clip") if count == 1 else self.tr("{n} clips")
            self.count_label.setText(text.format(n=f"{count:,}"))
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
            self.empty.show_message(self.tr("Nothing matches “{query}”").format(query=query.text),
                                    self.tr("Search looks in titles, captions, transcripts, notes and tags."))
        elif query.kind == QueryKind.FAVOURITES:
            self.empty.show_message(self.tr("No favourites yet"),
                                    self.tr("Right-click a clip and choose “Add to favourites”."))
        elif query.kind == QueryKind.TAG:
            self.empty.show_message(self.tr("No clips tagged {tag}").format(tag=query.tag))
        else:
            self.empty.show_message(self.tr("Nothing here yet"), self.tr("Add clips and they will show up here."))

    def _restore_selection(self) -> None:
        if not self._keep_selection:
            return
        rows = [r for r in (self.model.row_of(vid) for vid in self._keep_selection) if r is not None]
        self.view.select_source_rows(rows, rows[0] if rows else None)
        self._keep_selection = []

    def selected_items(self) -> list[ClipItem]:
        items = [self.model.item(row) for row in self.view.selected_source_rows()]
        return [it for it in items if it is not None]

    def selected_ids(self) -> list[int]:
        return [it.id for it in self.selected_items()]

    def select_row(self, row: int) -> None:
        """Make the clip at `row` of the model the current, only selected one."""
        cell = self.view.proxy.cell(row)
        if cell.isValid():
            self.view.setCurrentIndex(cell)
            self.view.select_source_rows([row], row)

    # ---- opening / menus ---------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        row = self.view.proxy.source_row(index)
        if row is None:
            return
        item = self.model.item(row)
        if item is not None:
            self.open_requested.emit(item.id, item.seconds)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        row = self.view.proxy.source_row(index)
        if row is None:
            return
        if not self.view.selectionModel().isSelected(index):
            self.select_row(row)
        items = self.selected_items()
        if not items:
            return
        menu = self.clip_actions.menu(self, items)
        open_action = menu.findChild(QAction, "open")
        if open_action is not None:
            open_action.triggered.connect(lambda: self.open_requested.emit(items[0].id, items[0].seconds))
        menu.popup(self.view.viewport().mapToGlobal(pos))
