"""Accessible names (issue 17): every interactive control a student reaches (buttons, fields, combo boxes,
sliders, spin boxes, lists) has a name a screen reader can say, through QAccessible. Walks the main window (with a
clip, in grid and list mode), the Settings, Add, import-choice and damaged-library dialogs, and the clip view."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from studycompanion.core.capture.import_model import ExportCounts
from studycompanion.core.errors import UserError
from studycompanion.services import Services
from studycompanion.ui.adding.dialog import AddDialog
from studycompanion.ui.adding.import_choice import ImportChoiceDialog
from studycompanion.ui.common.accessible import accessible_name, controls, unnamed_controls
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.dialogs.settings import SettingsDialog
from studycompanion.ui.shell.help import ShortcutSheet
from studycompanion.ui.shell.library_health import repair_box
from studycompanion.ui.shell.main_window import MainWindow
from tests.mediagen import make_mp4
from tests.ui.window_fixtures import make_window, window  # noqa: F401


def test_the_walker_sees_a_nameless_control(qtbot: QtBot) -> None:
    """The check itself: an icon-only button with no name is reported, and naming it clears the report."""
    from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    button = QToolButton(root)
    QVBoxLayout(root).addWidget(button)
    assert unnamed_controls(root) == ["QToolButton '' in QWidget"]
    button.setAccessibleName("Play")
    assert unnamed_controls(root) == []
    iface = QAccessible.queryAccessibleInterface(button)
    assert iface is not None and iface.text(QAccessible.Text.Name) == "Play"


def test_every_control_of_the_main_window_has_a_name(qtbot: QtBot, services: Services, window: MainWindow,
                                                     tmp_path: Path) -> None:
    services.pipeline.add_file(make_mp4(tmp_path / "clip.mp4", seconds=1.0), transcribe=False)
    window.library_model.refresh()
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=5000)
    assert len(controls(window)) > 15  # the toolbar, the search field, the sidebar, the grid, the message bar
    assert unnamed_controls(window) == []
    window.set_grid(False)
    assert unnamed_controls(window) == []
    assert accessible_name(window.search) == "Search the library"
    assert accessible_name(window.library_view.view) == "Clips"


def test_every_control_of_the_dialogs_has_a_name(qtbot: QtBot, services: Services) -> None:
    worker = Worker()
    try:
        settings = SettingsDialog(services, worker)
        counts = ExportCounts("tiktok-json", favourites=2, likes=5, posts=1, links=0, in_both=1, invalid=0)
        dialogs = [settings, AddDialog(), ShortcutSheet(), ImportChoiceDialog(counts),
                   repair_box(UserError("The library database is damaged."))]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            assert unnamed_controls(dialog) == [], type(dialog).__name__
        assert len(controls(settings)) > 25
        # a field in a row with buttons is read with its row's label
        assert accessible_name(settings.watch_folder) == "Watch folder"
        assert accessible_name(settings.new_per_day) == "New cards per day"
    finally:
        worker.wait(10_000)


def test_every_control_of_the_clip_view_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    view = window.clip_view
    assert len(controls(view)) > 5
    assert unnamed_controls(view) == []
    player = view.player
    assert [accessible_name(w) for w in (player.play_button, player.back_button, player.forward_button,
                                         player.slider)] == ["Play or pause", "Back 5 seconds", "Forward 5 seconds",
                                                             "Position in the clip"]
    assert accessible_name(view.back_button) == "Back"
    assert accessible_name(view.tags.input) == "Add a tag"
    assert (accessible_name(view.keypoints), accessible_name(view.cards.list)) == ("Key points", "Cards")
