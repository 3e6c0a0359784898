"""The library's health as the window sees it: a folder that vanishes while the app runs, a damaged database at
start, a read-only library (issue 15).

- `LibraryGuard` polls `services.check_library()` every 2 s (one stat). On a problem it stops the pipeline once
  and shows a modal with the reason and the ways out, "Choose another library…" or "Quit". Nothing recreates an
  empty library: the choice takes effect at the next start (paths.set_library_location), then the app quits.
- `offer_repair(paths, error)` is shown at start when build_services raised DamagedLibrary: "Restore the latest
  backup", "Rebuild" (every readable row kept) or "Quit"; returns the one-line outcome, or None for Quit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from studycompanion import paths as app_paths
from studycompanion.core.errors import StorageError, UserError
from studycompanion.services import Services

log = logging.getLogger(__name__)

POLL_MS = 2000


class LibraryGuard(QObject):
    """Watches the open library; `lost(StorageError)` fires once, after the pipeline was stopped."""

    lost = Signal(object)

    def __init__(self, services: Services, parent: QWidget, *, interval_ms: int = POLL_MS,
                 quit_app: Callable[[], None] | None = None,
                 background: Callable[[Callable[[], object]], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._background = background or (lambda fn: fn())  # the window passes its worker: joins stay off the UI
        self.window = parent
        self.problem: StorageError | None = None
        self.box: QMessageBox | None = None
        self._quit = quit_app or QCoreApplication.quit
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> StorageError | None:
        if self.problem is not None:
            return self.problem
        problem = self.services.check_library()  # one stat of the database file
        if problem is None:
            return None
        self.problem = problem
        self.timer.stop()
        log.error("library lost while running: %s", problem.message)
        self._background(self.services.pipeline.stop)  # no step writes into a folder that is gone (and the
        # database refuses writes from now on: presence() halted it)
        self.lost.emit(problem)
        self._show(problem)
        return problem

    def _show(self, problem: StorageError) -> None:
        title = QCoreApplication.translate("LibraryHealth", "The library is gone")
        box = QMessageBox(QMessageBox.Icon.Critical, title, problem.message, QMessageBox.StandardButton.NoButton,
                          self.window)
        box.setObjectName("libraryLostBox")
        box.setInformativeText(QCoreApplication.translate(
            "LibraryHealth", "StudyCompanion has stopped downloading and transcribing. Nothing was lost that was "
            "saved before; no new, empty library is made in its place."))
        choose = QCoreApplication.translate("LibraryHealth", "Choose another library…")
        self.choose_button = box.addButton(choose, QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = box.addButton(QCoreApplication.translate("LibraryHealth", "Quit"),
                                         QMessageBox.ButtonRole.RejectRole)
        for button in (self.choose_button, self.quit_button):
            button.setAccessibleName(button.text())
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.buttonClicked.connect(self._clicked)
        self.box = box
        box.open()  # modal, without a nested event loop (the window keeps painting)

    def _clicked(self, button: QPushButton) -> None:
        if button is self.choose_button:
            caption = QCoreApplication.translate("LibraryHealth", "Choose another library")
            folder = QFileDialog.getExistingDirectory(self.window, caption, str(Path.home()))
            if not folder:
                assert self.problem is not None
                self._show(self.problem)  # still no library: ask again
                return
            try:
                app_paths.set_library_location(Path(folder))
            except OSError as exc:
                log.error("cannot remember the library location: %s", exc)
            QMessageBox.information(self.window, QCoreApplication.translate("LibraryHealth", "Another library"),
                                    QCoreApplication.translate(
                                        "LibraryHealth", "StudyCompanion opens the library in {folder} when you "
                                        "start it again.").format(folder=folder))
        self._quit()


def repair_box(error: UserError, parent: QWidget | None = None) -> QMessageBox:
    """The start-up question for a damaged database: its one line, and Restore / Rebuild / Quit."""
    box = QMessageBox(QMessageBox.Icon.Critical, "StudyCompanion", error.message,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("damagedLibraryBox")
    box.setInformativeText(QCoreApplication.translate(
        "LibraryHealth", "Restoring puts the newest good backup in place; rebuilding keeps every row that can still "
        "be read. The damaged file is kept beside it either way."))
    restore = box.addButton(QCoreApplication.translate("LibraryHealth", "Restore the latest backup"),
                            QMessageBox.ButtonRole.AcceptRole)
    restore.setObjectName("restore")
    rebuild = box.addButton(QCoreApplication.translate("LibraryHealth", "Rebuild"),
                            QMessageBox.ButtonRole.ActionRole)
    rebuild.setObjectName("rebuild")
    quit_ = box.addButton(QCoreApplication.translate("LibraryHealth", "Quit"),
                          QMessageBox.ButtonRole.RejectRole)
    quit_.setObjectName("quit")
    for button in (restore, rebuild, quit_):
        button.setAccessibleName(button.text())
    box.setDefaultButton(restore)
    return box


def offer_repair(paths: app_paths.AppPaths, error: UserError, parent: QWidget | None = None) -> str | None:
    """Ask (modal, at start, before the window exists); run the chosen repair; its one line, or None to quit.

    A failed repair is said in a second box and counts as Quit: the start goes no further on a damaged file."""
    from studycompanion.core.library import opening

    box = repair_box(error, parent)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else "quit"
    if name not in ("restore", "rebuild"):
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:  # before the event loop runs and with no window yet: nothing to keep responsive
        return opening.restore_latest(paths) if name == "restore" else opening.rebuild(paths)
    except Exception as exc:  # noqa: BLE001 - whatever stopped the repair is said, then the start ends
        log.exception("repair failed")
        QMessageBox.critical(parent, "StudyCompanion", exc.message if isinstance(exc, UserError) else str(exc))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
