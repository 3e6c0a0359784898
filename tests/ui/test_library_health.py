"""A library that survives (issue 15), as the window shows it: a library folder deleted under the running window
stops the jobs and says so in a modal with the ways out; a read-only library says so in the title; what opening
the library noted shows in the message bar; a damaged database at start offers Restore / Rebuild / Quit."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

import shutil

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studycompanion.core.db.engine import DamagedLibrary
from studycompanion.paths import AppPaths
from studycompanion.services import Services, build_services
from studycompanion.ui.shell.library_health import offer_repair, repair_box
from studycompanion.ui.shell.main_window import MainWindow
from tests.faults.storage import add_rows, damage_page_of
from tests.ui.window_fixtures import WindowFactory, make_window, window  # noqa: F401


def test_a_vanished_library_folder_stops_the_jobs_and_says_so(qtbot: QtBot, services: Services,
                                                              make_window: WindowFactory, home: AppPaths) -> None:
    win = make_window(pipeline=True)
    win.guard.timer.setInterval(50)
    assert win.guard.problem is None
    shutil.rmtree(home.root)  # deleted while the window runs
    qtbot.waitUntil(lambda: win.guard.box is not None and win.guard.box.isVisible(), timeout=5000)
    box = win.guard.box
    assert box is not None
    assert "disappeared" in box.text() and str(home.root) in box.text()
    assert "no new, empty library" in box.informativeText()
    assert sorted(b.text() for b in box.buttons()) == ["Choose another library…", "Quit"]
    qtbot.waitUntil(lambda: not services.pipeline._threads, timeout=10_000)  # the job runners stopped
    assert not home.root.exists()  # nothing recreated it
    quits: list[bool] = []
    win.guard._quit = lambda: quits.append(True)
    win.guard.quit_button.click()
    assert quits == [True]


def test_a_read_only_library_says_so_in_the_title(qtbot: QtBot, services: Services,
                                                  make_window: WindowFactory) -> None:
    services.read_only = True
    services.notices.append("The library at /x is read-only: browsing, search and export work.")
    win = make_window()
    assert win.windowTitle() == "StudyCompanion — read-only"
    qtbot.waitUntil(lambda: "read-only" in win.message_bar.text.text() and win.message_bar.isVisible(),
                    timeout=5000)


def test_a_writable_library_has_the_plain_title(window: MainWindow) -> None:
    assert window.windowTitle() == "StudyCompanion"


def _click_when_shown(name: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        for button in box.buttons():
            if button.objectName() == name:
                button.click()
                return

    QTimer.singleShot(20, click)


def test_a_damaged_library_at_start_offers_restore_rebuild_quit(qtbot: QtBot, services: Services,
                                                                home: AppPaths) -> None:
    services.close()
    add_rows(home.db, 200)
    damage_page_of(home.db, "video", nth_leaf=3)
    try:
        build_services(home)
    except DamagedLibrary as exc:
        error = exc
    else:
        raise AssertionError("the damage went unnoticed")
    box = repair_box(error)
    qtbot.addWidget(box)
    assert "damaged" in box.text()
    assert sorted(b.text() for b in box.buttons()) == ["Quit", "Rebuild", "Restore the latest backup"]
    assert all(b.accessibleName() for b in box.buttons())

    _click_when_shown("quit")
    assert offer_repair(home, error) is None  # Quit: nothing was touched
    _click_when_shown("rebuild")
    line = offer_repair(home, error)
    assert line is not None and "rows saved" in line
    again = build_services(home)
    try:
        assert 150 <= again.library.count_videos() < 200  # a page of clips lost, the rest kept
    finally:
        again.close()
