"""The watch folder in the window (issue 17): a file saved into the chosen folder is added once, through the
pipeline, on the worker; the message bar says what was added; a second pass adds nothing."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

import os
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from studycompanion.services import Services
from studycompanion.ui.shell.main_window import MainWindow
from tests.mediagen import make_mp4
from tests.ui.window_fixtures import make_window, window  # noqa: F401


def _settled(path: Path) -> Path:
    old = time.time() - 60  # saved a minute ago: no longer being written
    os.utime(path, (old, old))
    return path


def test_a_clip_saved_into_the_watch_folder_is_added_once(qtbot: QtBot, services: Services, window: MainWindow,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "phone-sync"
    folder.mkdir()
    _settled(make_mp4(folder / "cardiac cycle.mp4", seconds=1.0))
    (folder / "notes.txt").write_text("not a clip")
    (folder / "half.mp4.part").write_bytes(b"\0" * 100)  # a download still running
    window.watch.tick()  # no folder chosen yet: nothing happens
    assert services.library.count_videos() == 0
    services.settings.watch_folder = str(folder)  # what the Settings dialog's Save sets
    window.watch.timer.setInterval(50)
    qtbot.waitUntil(lambda: "Added from the watch folder: cardiac cycle.mp4" in window.message_bar.text.text(),
                    timeout=10_000)
    assert services.library.count_videos() == 1
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=5000)  # the grid shows it
    state = services.paths.root / "watch_folder.json"
    assert "cardiac cycle.mp4" in state.read_text()
    window.message_bar.hide()
    qtbot.wait(400)  # several more passes
    assert services.library.count_videos() == 1 and not window.message_bar.isVisible()  # once only

    _settled(make_mp4(folder / "second.mp4", seconds=1.2))
    qtbot.waitUntil(lambda: "second.mp4" in window.message_bar.text.text(), timeout=10_000)
    assert services.library.count_videos() == 2
