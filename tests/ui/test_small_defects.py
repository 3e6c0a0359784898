"""The smaller defects of a first hour: Esc leaves the clip view, a click on the selected "Library" while a clip is
open goes back to it, a search highlights Library (not Jobs), and the delete confirmation defaults to No."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from studycompanion.services import Services
from studycompanion.ui.library.model import ClipItem
from studycompanion.ui.library.sidebar import NavKind
from tests.cards_fixtures import add_clip
from tests.ui.window_fixtures import WindowFactory, make_window  # noqa: F401


def test_esc_and_a_click_on_library_leave_the_clip(qtbot: QtBot, services: Services, make_window: WindowFactory,
                                                   tmp_path: Path) -> None:
    vid = add_clip(services, tmp_path)
    win = make_window()
    win.open_clip(vid)
    qtbot.waitUntil(lambda: win.clip_view.current_video() is not None, timeout=10_000)
    assert win.current_page() == "clip"
    qtbot.keyClick(win.clip_view, Qt.Key.Key_Escape)
    assert win.current_page() == "library"

    win.open_clip(vid)
    assert win.current_page() == "clip" and win.sidebar.currentItem() is win.sidebar.library_item
    rect = win.sidebar.visualItemRect(win.sidebar.library_item)
    qtbot.mouseClick(win.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.current_page() == "library"


def test_a_search_highlights_library_not_jobs(qtbot: QtBot, services: Services, make_window: WindowFactory,
                                              tmp_path: Path) -> None:
    add_clip(services, tmp_path)
    win = make_window()
    win.show_view("jobs")
    assert win.sidebar.current_target().kind == NavKind.JOBS
    qtbot.keyClicks(win.search, "loop")
    qtbot.waitUntil(lambda: win.current_page() == "library", timeout=5000)
    assert win.sidebar.current_target().kind == NavKind.LIBRARY


def test_delete_asks_with_no_as_the_default(qtbot: QtBot, services: Services, make_window: WindowFactory,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vid = add_clip(services, tmp_path)
    win = make_window()
    asked: list[object] = []

    def question(*args: object) -> QMessageBox.StandardButton:
        asked.extend(args)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    item = win.library_model.item(0)
    assert isinstance(item, ClipItem)
    win.actions_.confirm_delete(win, [item])
    assert asked[-1] == QMessageBox.StandardButton.No  # the default button
    assert services.library.get(vid) is not None  # nothing deleted


def _near_accent(rgb: int) -> bool:
    from PySide6.QtGui import QColor

    from studycompanion.ui.common.theme import ACCENT

    c = QColor(rgb)
    return abs(c.red() - ACCENT.red()) + abs(c.green() - ACCENT.green()) + abs(c.blue() - ACCENT.blue()) < 12


def test_the_sidebar_and_the_grid_show_a_focus_ring(qtbot: QtBot, services: Services, make_window: WindowFactory,
                                                    tmp_path: Path) -> None:
    add_clip(services, tmp_path)
    win = make_window()
    sidebar = win.sidebar
    item_rect = sidebar.visualItemRect(sidebar.library_item)  # the current item
    win.library_view.view.setFocus()
    qtbot.waitUntil(lambda: win.library_view.view.hasFocus(), timeout=2000)
    qtbot.wait(50)
    edge_x, edge_y = item_rect.left() + 1, item_rect.center().y()
    unfocused = sidebar.viewport().grab().toImage().pixel(edge_x, edge_y)
    sidebar.setFocus()
    qtbot.waitUntil(sidebar.hasFocus, timeout=2000)
    qtbot.wait(50)
    focused = sidebar.viewport().grab().toImage().pixel(edge_x, edge_y)
    assert _near_accent(focused) and focused != unfocused

    grid = win.library_view.view
    win.library_view.select_row(0)

    def accent_pixels() -> int:
        rect = grid.visualRect(grid.proxy.index(0, 0))
        assert rect.height() > 20
        image = grid.viewport().grab().toImage()
        return sum(_near_accent(image.pixel(rect.center().x(), y)) for y in range(rect.top(), rect.center().y()))

    sidebar.setFocus()
    qtbot.wait(50)
    without = accent_pixels()  # selected, not focused: the selection's 1 px outline
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus, timeout=2000)
    qtbot.wait(50)
    assert accent_pixels() > without, (accent_pixels(), without)  # the 2 px ring over the 1 px outline
