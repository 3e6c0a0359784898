"""The library's search mode: results shown as rows in the library page, the grid / list choice of before the
search put back after it, and the keys that go from the search field to the results.

`LibrarySearch` is a plain helper the main window owns (composition): it is handed the parts it works on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from studycompanion.ui.library.model import LibraryModel, LibraryQuery, QueryKind
from studycompanion.ui.library.sidebar import NavKind, NavTarget, Sidebar
from studycompanion.ui.library.view import LibraryView


@dataclass
class SearchParts:
    library_view: LibraryView
    library_model: LibraryModel
    sidebar: Sidebar
    grid_action: QAction
    list_action: QAction
    nav: Callable[[], NavTarget]  # where the student was before the search
    navigate: Callable[[NavTarget], None]
    current_page: Callable[[], str]
    set_page: Callable[[str], None]


class LibrarySearch:
    def __init__(self, parts: SearchParts) -> None:
        self.p = parts
        self._grid_before: bool | None = None  # the library's mode before the search, while one is shown

    def search(self, text: str) -> None:
        """Show the results for `text` in the library page (as rows); an empty text ends the search."""
        p = self.p
        if not text:
            self.end()
            nav = p.nav()
            keep = nav.kind in (NavKind.LIBRARY, NavKind.FAVOURITES, NavKind.TAG)
            p.navigate(nav if keep else NavTarget(NavKind.LIBRARY))
            return
        if self._grid_before is None:
            self._grid_before = p.library_view.grid
            p.library_view.set_grid(False)  # snippets read better as rows
            self.sync_mode_actions()
        p.sidebar.select(NavTarget(NavKind.LIBRARY))  # results are shown in the library, not under Jobs
        p.library_view.set_title(QCoreApplication.translate("MainWindow", "Search"))
        p.library_model.set_query(LibraryQuery(QueryKind.SEARCH, text=text))
        if p.current_page() != "library":
            p.set_page("library")

    def end(self) -> None:
        """Put the grid / list mode of before the search back."""
        if self._grid_before is not None:
            self.p.library_view.set_grid(self._grid_before)
            self._grid_before = None
            self.sync_mode_actions()

    def sync_mode_actions(self) -> None:
        grid = self.p.library_view.grid
        self.p.grid_action.setChecked(grid)
        self.p.list_action.setChecked(not grid)

    def focus_results(self) -> None:
        view = self.p.library_view
        if self.p.library_model.rowCount():
            view.view.setFocus()
            if not view.view.currentIndex().isValid():
                view.select_row(0)

    def set_grid(self, grid: bool) -> None:
        """The student's choice of grid or list (it ends the search's own list mode)."""
        self._grid_before = None
        self.p.library_view.set_grid(grid)
        self.sync_mode_actions()

    def chosen_grid(self) -> bool:
        """The mode the student chose (not the search's rows): what is saved for the next start."""
        return self._grid_before if self._grid_before is not None else self.p.library_view.grid
