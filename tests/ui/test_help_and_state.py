"""Help (shortcut sheet on `?`, library folder, log, report a problem), the last folder the file dialogs used, the
status bar after an add, and the window's commands as a composed controller with typed parts (issue 11)."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from studycompanion import __version__
from studycompanion.services import Services
from studycompanion.ui.shell.adding_actions import WindowCommands
from studycompanion.ui.shell.help import ShortcutSheet
from studycompanion.ui.shell.main_window import MainWindow
from tests.ui.window_fixtures import WindowFactory, make_window, window  # noqa: F401


def test_question_mark_shows_the_shortcut_sheet(qtbot: QtBot, window: MainWindow) -> None:
    window.library_view.view.setFocus()
    qtbot.keyClick(window.library_view.view, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, ShortcutSheet) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=3000)
    sheet = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutSheet))
    text = sheet.label.text()
    assert "Play / pause" in text and "Next / previous clip" in text and "Paste a link" in text
    sheet.close()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.text() for a in help_menu.actions() if a.text()] == [
        "Keyboard shortcuts", "Open library folder", "Open log", "Report a problem…", "About StudyCompanion"]


def test_open_folder_and_log_and_report_a_problem(qtbot: QtBot, window: MainWindow, services: Services,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.acts.open_folder.trigger()
    logging.getLogger("studycompanion.test").warning("a line the report must carry")
    window.acts.open_log.trigger()
    assert [u.toLocalFile() for u in opened] == [str(services.paths.root),
                                                  str(services.paths.logs / "studycompanion.log")]
    QGuiApplication.clipboard().setText("")
    window.acts.report.trigger()
    qtbot.waitUntil(lambda: "a line the report must carry" in QGuiApplication.clipboard().text(), timeout=5000)
    text = QGuiApplication.clipboard().text()
    assert text.startswith(f"StudyCompanion {__version__}\nPython ") and "PySide6" in text and "Qt " in text
    assert "Copied the versions" in window.message_bar.text.text()


def test_file_dialogs_start_in_the_last_folder_used(qtbot: QtBot, make_window: WindowFactory, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, sample_mp4: Path) -> None:
    starts: list[str] = []
    picked = tmp_path / "clips" / "a.mp4"
    picked.parent.mkdir()
    picked.write_bytes(sample_mp4.read_bytes())

    def fake(_parent: object, _title: str, start: str, _filter: str) -> tuple[list[str], str]:
        starts.append(start)
        return [str(picked)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake)
    win = make_window()
    win.acts.files.trigger()
    assert starts == [str(Path.home())]
    qtbot.waitUntil(lambda: win.library_model.rowCount() == 1, timeout=10_000)
    assert win.statusBar().currentMessage() == ""  # "Adding 1 file…" is gone once it is added
    assert "Downloading" not in win.message_bar.text.text()  # a local file is not downloaded
    win.close()
    again = make_window()  # after a restart too
    again.acts.files.trigger()
    assert starts[-1] == str(picked.parent)


def test_the_commands_are_a_composed_controller(window: MainWindow) -> None:
    assert isinstance(window.commands, WindowCommands)
    assert WindowCommands not in type(window).__mro__
    assert window.commands.p.sidebar is window.sidebar and window.commands.p.adding is window.adding
