"""The settings dialog: edits persist, bad combinations are refused, models download with progress and cancel."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from studycompanion import paths as app_paths
from studycompanion.core.transcribe.download import download_model
from studycompanion.core.transcribe.models import resolve_model
from studycompanion.services import Services
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.dialogs.model_picker import ModelPicker
from studycompanion.ui.dialogs.settings import SettingsDialog
from tests.httpserver import ClipServer, Route
from tests.test_transcribe_models import REPO, _serve_repo


@pytest.fixture(autouse=True)
def pointer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The remembered library location goes to a temporary file, never the real user config."""
    file = tmp_path / "config" / "library-location.txt"
    monkeypatch.setattr(app_paths, "location_file", lambda: file)
    return file


def _dialog(qtbot: QtBot, services: Services, worker: Worker) -> SettingsDialog:
    dialog = SettingsDialog(services, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.is_available("tiny.en"), timeout=5_000)
    return dialog


def _select(combo: object, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))  # type: ignore[attr-defined]


def test_edits_are_saved_to_the_shared_settings_and_the_file(qtbot: QtBot, services: Services,
                                                             worker: Worker) -> None:
    dialog = _dialog(qtbot, services, worker)
    assert dialog.model.selected() == "base" and dialog.language.isEnabled()  # the default, multilingual
    _select(dialog.model.combo, "tiny.en")
    assert not dialog.language.isEnabled()  # an English-only model has no language to choose
    _select(dialog.model.combo, "base")
    assert not dialog.llm_enabled.isChecked() and not dialog.llm_url.isEnabled()  # off by default
    assert dialog.library_path.text() == str(services.paths.root)
    _select(dialog.device, "cpu")
    dialog.card_basic.setChecked(False)
    dialog.card_media.setChecked(False)
    dialog.default_deck.setText("Boards")
    dialog.llm_enabled.setChecked(True)
    assert dialog.llm_url.isEnabled()
    dialog.llm_model.setText("llama3.1:8b")
    _select(dialog.cookies_browser, "firefox")
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    s = services.settings
    assert (s.device, s.card_basic, s.card_media, s.default_deck, s.llm_enabled, s.llm_model, s.cookies_browser) \
        == ("cpu", False, False, "Boards", True, "llama3.1:8b", "firefox")
    saved = json.loads(services.paths.settings_file.read_text())
    assert saved["device"] == "cpu" and saved["llm_enabled"] is True and saved["cookies_browser"] == "firefox"
    assert services.settings_store.load().default_deck == "Boards"


def test_bad_combinations_are_refused_with_a_reason(qtbot: QtBot, services: Services, worker: Worker,
                                                    tmp_path: Path) -> None:
    dialog = _dialog(qtbot, services, worker)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    dialog.llm_enabled.setChecked(True)
    dialog.llm_model.setText("")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "model name" in dialog.error_label.text() and dialog.isVisible()
    dialog.llm_enabled.setChecked(False)
    dialog.cookies_file.setText(str(tmp_path / "nope.txt"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "no cookies file" in dialog.error_label.text()
    dialog.cookies_file.setText("")
    _select(dialog.model.combo, "medium")  # not downloaded
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "not on this computer" in dialog.error_label.text()
    assert not services.paths.settings_file.exists()  # nothing was written


def test_library_folder_applies_at_next_start(qtbot: QtBot, services: Services, worker: Worker,
                                              tmp_path: Path, pointer: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(app_paths.HOME_ENV, raising=False)
    dialog = _dialog(qtbot, services, worker)
    target = tmp_path / "elsewhere"
    target.mkdir()
    monkeypatch.setattr("studycompanion.ui.dialogs.settings.QFileDialog.getExistingDirectory",
                        lambda *_a, **_k: str(target))
    dialog._choose_library()
    assert dialog.library_path.text() == str(target) and "next start" in dialog.library_note.text()
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        dialog.save()
    assert pointer.read_text().strip() == str(target.resolve())
    assert app_paths.app_paths().root == target.resolve()  # what the next start opens
    assert services.paths.root != target  # this run keeps its library


def test_a_model_downloads_with_progress(qtbot: QtBot, clip_server: ClipServer, tmp_path: Path,
                                         worker: Worker) -> None:
    files = _serve_repo(clip_server)
    models = tmp_path / "models"
    picker = ModelPicker(models, worker, "tiny.en",
                         downloader=functools.partial(download_model, base_url=clip_server.base_url))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.is_available("tiny.en"), timeout=5_000)
    _select(picker.combo, "small")
    assert picker.download_button.isVisible() and "Download" in picker.download_button.text()
    seen: list[tuple[int, int, str]] = []
    picker._progress.changed.connect(lambda d, t, n: seen.append((d, t, n)))
    with qtbot.waitSignal(picker.model_ready, timeout=20_000) as ready:
        qtbot.mouseClick(picker.download_button, Qt.MouseButton.LeftButton)
        assert picker.bar.isVisible() and picker.download_button.text() == "Cancel download"
    assert ready.args == ["small"]
    assert any(n == "model.bin" and d == t == len(files["model.bin"]) for d, t, n in seen)
    qtbot.waitUntil(lambda: picker.is_available("small"), timeout=5_000)
    assert "Ready" in picker.status.text() and not picker.download_button.isVisible()
    assert resolve_model("small", models).path == models / "small"


def test_after_a_download_the_model_is_timed_here_and_the_picker_shows_the_figures(
        qtbot: QtBot, clip_server: ClipServer, tmp_path: Path, worker: Worker) -> None:
    from studycompanion.core.transcribe.figures import Speed, save_speed

    _serve_repo(clip_server)
    models = tmp_path / "models"
    timed: list[str] = []

    def measure(name: str) -> Speed:  # the real one transcribes the demo clip (tests/test_model_figures.py)
        timed.append(name)
        speed = Speed(name, 0.25, 0.0)
        save_speed(models, speed)
        return speed

    picker = ModelPicker(models, worker, "base",
                         downloader=functools.partial(download_model, base_url=clip_server.base_url), measure=measure)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.is_available("base"), timeout=5_000)
    assert "0.318 on our held-out lectures" in picker.status.text()  # measured by bench/medical_asr.py
    names = [picker.combo.itemData(i) for i in range(picker.combo.count())]
    assert names[:2] == ["tiny.en", "base"] and names[2:6] == ["small.en", "medium.en", "distil-large-v3",
                                                              "large-v3-turbo"]  # the better ones come first
    _select(picker.combo, "small")
    assert "accuracy not measured by us yet" in picker.status.text()
    with qtbot.waitSignal(picker.model_ready, timeout=20_000):
        qtbot.mouseClick(picker.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "a 60 s clip in about 15 s on this computer" in picker.status.text(), timeout=10_000)
    assert timed == ["small"]


def test_a_model_download_can_be_cancelled_and_resumes(qtbot: QtBot, clip_server: ClipServer, tmp_path: Path,
                                                       worker: Worker) -> None:
    _serve_repo(clip_server)
    big = bytes(range(256)) * 4096 * 8  # 8 MiB, sent slowly: ~1 MiB every 0.8 s
    clip_server.add(f"{REPO}/model.bin", Route(body=big, chunk=65_536, delay=0.05))
    models = tmp_path / "models"
    picker = ModelPicker(models, worker, "tiny.en",
                         downloader=functools.partial(download_model, base_url=clip_server.base_url))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.is_available("tiny.en"), timeout=5_000)
    _select(picker.combo, "small")
    seen: list[int] = []
    picker._progress.changed.connect(lambda d, _t, n: seen.append(d) if n == "model.bin" else None)
    qtbot.mouseClick(picker.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=10_000)
    qtbot.mouseClick(picker.download_button, Qt.MouseButton.LeftButton)  # "Cancel download"
    qtbot.waitUntil(lambda: not picker.is_downloading(), timeout=5_000)
    assert "resumes" in picker.status.text()
    assert not picker.is_available("small")
    partial = models / ".partial" / "small" / "model.bin.part"
    assert partial.is_file() and 0 < partial.stat().st_size < len(big)
