"""The settings added for issues 12, 15 and 17 in the Settings dialog: on-screen text, the Anki note type and a
deck per tag, review limits per day, the watch folder; each survives Save and a reload from the file. And the
first-run page's offer of a bigger model opens the dialog at the model picker, with its size."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from studycompanion import paths as app_paths
from studycompanion.services import Services
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.dialogs.settings import SettingsDialog
from studycompanion.ui.shell.main_window import MainWindow
from tests.ui.window_fixtures import make_window, window  # noqa: F401


@pytest.fixture(autouse=True)
def pointer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    file = tmp_path / "config" / "library-location.txt"
    monkeypatch.setattr(app_paths, "location_file", lambda: file)
    return file


def test_new_settings_round_trip_through_save(qtbot: QtBot, services: Services, worker: Worker,
                                              tmp_path: Path) -> None:
    services.settings.screen_text = True  # the default (the test fixture turns it off)
    dialog = SettingsDialog(services, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.screen_text.isChecked()  # on by default
    assert not dialog.deck_per_tag.isChecked() and dialog.note_type.currentData() == "ours"
    assert (dialog.new_per_day.value(), dialog.reviews_per_day.value()) == (20, 200)
    assert dialog.watch_folder.text() == ""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    dialog.screen_text.setChecked(False)
    dialog.deck_per_tag.setChecked(True)
    dialog.note_type.setCurrentIndex(dialog.note_type.findData("anki"))
    dialog.new_per_day.setValue(35)
    dialog.reviews_per_day.setValue(450)
    dialog.watch_folder.setText(str(tmp_path / "missing"))
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "no folder" in dialog.error_label.text() and dialog.isVisible()  # a folder that is not there: refused
    dialog.watch_folder.setText(str(folder))
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = json.loads(services.paths.settings_file.read_text())
    assert (saved["screen_text"], saved["anki_deck_per_tag"], saved["anki_note_type"], saved["review_new_per_day"],
            saved["review_reviews_per_day"], saved["watch_folder"]) == (False, True, "anki", 35, 450, str(folder))
    loaded = services.settings_store.load()
    assert (loaded.screen_text, loaded.anki_deck_per_tag, loaded.anki_note_type, loaded.review_new_per_day,
            loaded.review_reviews_per_day, loaded.watch_folder) == (False, True, "anki", 35, 450, str(folder))

    again = SettingsDialog(services, worker)  # the next opening shows what was saved
    qtbot.addWidget(again)
    assert not again.screen_text.isChecked() and again.deck_per_tag.isChecked()
    assert again.note_type.currentData() == "anki" and again.new_per_day.value() == 35
    assert again.watch_folder.text() == str(folder)


def test_a_custom_note_type_is_offered_once_set(qtbot: QtBot, services: Services, worker: Worker) -> None:
    services.settings.anki_custom_name = "AnKingOverhaul"
    services.settings.anki_note_type = "custom"
    dialog = SettingsDialog(services, worker)
    qtbot.addWidget(dialog)
    assert dialog.note_type.currentData() == "custom"
    assert dialog.note_type.currentText() == "My own: AnKingOverhaul"


def test_first_run_offers_a_better_model_with_its_size(qtbot: QtBot, window: MainWindow) -> None:
    empty = window.library_view.empty
    assert window.library_view.stack.currentWidget() is empty
    button = empty.model_button
    assert button.isVisible() and button.text() == "Better accuracy: download small.en (484 MB)…"
    assert "medical-WER" in button.toolTip() or "accuracy" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=5000)
    dialog = window.findChild(SettingsDialog)
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.model.selected() == "small.en"
    qtbot.waitUntil(lambda: "484 MB" in dialog.model.status.text(), timeout=5000)  # the picker's size line
    assert dialog.model.download_button.isVisible()
    dialog.reject()


def test_no_offer_once_a_downloaded_model_is_in_use(qtbot: QtBot, services: Services,
                                                    make_window: object) -> None:
    services.settings.model = "medium.en"
    win = make_window()  # type: ignore[operator]
    assert not win.library_view.empty.model_button.isVisible()


def test_appearance_dark_applies_at_once_and_is_kept(qtbot, services, worker) -> None:  # type: ignore[no-untyped-def]
    """Settings → Appearance: Dark turns the window dark on Save (whatever the desktop says) and is saved;
    'Like the system' goes back to the desktop's palette."""
    from PySide6.QtWidgets import QApplication

    from studycompanion.ui.common.theme import apply_theme, is_dark
    from studycompanion.ui.dialogs.settings import SettingsDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    watcher = apply_theme(app)
    try:
        for choice, dark in (("dark", True), ("system", is_dark(watcher._light))):
            dialog = SettingsDialog(services, worker)
            qtbot.addWidget(dialog)
            dialog.appearance.setCurrentIndex(dialog.appearance.findData(choice))
            with qtbot.waitSignal(dialog.finished, timeout=5_000):
                dialog.save()
            assert is_dark(app.palette()) is dark
            assert services.settings_store.load().appearance == choice
    finally:
        watcher.set_appearance("system")
        watcher.deleteLater()
