"""Adding from the UI: what a paste holds, the Add dialog's clipboard offer, imports, first run and the demo clip."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from studycompanion.core.types import JobState, JobStep
from studycompanion.services import Services
from studycompanion.ui.adding.adding import parse_text
from studycompanion.ui.adding.dialog import AddDialog
from studycompanion.ui.common.empty_state import find_demo
from studycompanion.ui.shell.main_window import MainWindow
from tests.ui.window_fixtures import WindowFactory, make_window, window  # noqa: F401


def test_parse_text_finds_links_files_and_imports(tmp_path: Path, sample_mp4: Path) -> None:
    export = tmp_path / "user_data.json"
    export.write_text("{}")
    text = (f"look https://www.tiktok.com/@dr.a/video/7301234567890123456?is_from_webapp=1, and\n"
            f"https://youtu.be/dQw4w9WgXcQ {sample_mp4}\n{export}\nnot-a-link\n"
            f"https://www.tiktok.com/@dr.a/video/7301234567890123456")
    parsed = parse_text(text)
    assert [r.platform for r in parsed.links] == ["tiktok", "youtube"]  # the duplicate is kept once
    assert parsed.files == [sample_mp4] and parsed.imports == [export]
    assert "not-a-link" in parsed.invalid and not parsed.empty
    assert parse_text("hello world").empty


def test_add_dialog_offers_the_link_on_the_clipboard(qtbot: QtBot) -> None:
    QGuiApplication.clipboard().setText("https://www.tiktok.com/@dr.a/video/7301234567890123456")
    dialog = AddDialog()
    qtbot.addWidget(dialog)
    assert "Found 1 link on the clipboard" in dialog.hint.text()
    assert dialog.edit.toPlainText() == "https://www.tiktok.com/@dr.a/video/7301234567890123456"
    assert dialog.add_button.isEnabled()
    with qtbot.waitSignal(dialog.links_entered, timeout=1000) as got:
        dialog.accept()
    assert "7301234567890123456" in got.args[0]

    QGuiApplication.clipboard().setText("just some notes")
    empty = AddDialog()
    qtbot.addWidget(empty)
    assert empty.edit.toPlainText() == "" and not empty.add_button.isEnabled()
    empty.edit.setPlainText("ftp://example.com/x")
    assert not empty.add_button.isEnabled() and "not a link" in empty.status.text()


def test_a_pasted_link_appears_at_once_as_a_queued_clip(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("https://www.tiktok.com/@dr.a/video/7301234567890123456")
    window.commands.paste()  # the pipeline is not running here: the clip waits for its download
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: window.library_model.item(0) is not None, timeout=5000)
    item = window.library_model.item(0)
    assert item is not None and item.title == "TikTok clip by @dr.a"
    jobs = services.jobs.list_jobs()
    assert [(j.step, j.state) for j in jobs] == [(JobStep.CAPTURE, JobState.QUEUED)]
    assert jobs[0].payload["then"] == ["transcribe", "cards"]
    qtbot.waitUntil(lambda: window.library_model.job_badge(item.id) is not None
                    or window.sidebar.jobs_item.text(1) == "1", timeout=5000)

    window.commands.paste()  # the same link again: nothing new, and the message says so
    qtbot.waitUntil(lambda: "already in the library" in window.message_bar.text.text(), timeout=5000)
    assert services.library.count_videos() == 1


def test_import_a_tiktok_export_from_the_ui(qtbot: QtBot, services: Services, window: MainWindow,
                                            tmp_path: Path) -> None:
    export = tmp_path / "user_data_tiktok.json"
    export.write_text(json.dumps({"Activity": {
        "Favorite Videos": {"FavoriteVideoList": [
            {"Date": "2025-01-02 10:00:00", "Link": "https://www.tiktokv.com/share/video/7301234567890123451/"},
            {"Date": "2025-01-03 10:00:00", "Link": "https://www.tiktokv.com/share/video/7301234567890123452/"},
            {"Date": "2025-01-04 10:00:00", "Link": "not a link"},
        ]},
        "Like List": {"ItemFavoriteList": [
            {"Date": "2025-01-05 10:00:00", "Link": "https://www.tiktokv.com/share/video/7301234567890123453/"}]},
    }}))
    window.adding.import_file(export)
    qtbot.waitUntil(lambda: window.adding.choice_dialog is not None, timeout=5000)  # favourites and likes: ask
    window.adding.choice_dialog.accept()  # type: ignore[union-attr]  # favourites, the default
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 2, timeout=5000)
    assert services.library.count_videos(favourite=True) == 2  # favourites keep their flag
    qtbot.waitUntil(lambda: "Added 2 clips" in window.message_bar.text.text(), timeout=5000)
    assert "1 skipped" in window.message_bar.text.text()
    assert "1 like not imported" in window.message_bar.text.text()
    qtbot.waitUntil(lambda: window.sidebar.favourites_item.text(1) == "2", timeout=5000)


def test_a_broken_import_says_why(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "user_data.json"
    bad.write_text('{"Activity": {"Favorite Videos": ')
    window.adding.import_file(bad)
    qtbot.waitUntil(window.message_bar.isVisible, timeout=5000)
    assert "not valid JSON" in window.message_bar.text.text()
    assert window.message_bar.copy_button.isVisible()


def test_first_run_offers_the_demo_clip_when_it_ships(qtbot: QtBot, services: Services, window: MainWindow) -> None:
    empty = window.library_view.empty
    assert window.library_view.stack.currentWidget() is empty
    assert empty.heading.text() == "Your library is empty"
    assert empty.paste_button.isVisible() and empty.import_button.isVisible()
    demo = find_demo()
    assert empty.demo_button.isVisible() == (demo is not None)
    if demo is None:
        pytest.skip("resources/demo/demo.mp4 is not there yet")
    qtbot.mouseClick(empty.demo_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=15_000)
    video = services.library.list_videos()[0]
    assert video.title == demo.title and video.platform == "local"
    assert [j.step for j in services.jobs.list_jobs()] == [JobStep.TRANSCRIBE]  # then cards: the whole pipeline
