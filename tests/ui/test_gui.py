"""`studycompanion gui --screenshot`, the light/dark palette, the icons, and the app's start and quit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studycompanion.core.types import JobStep, VideoStatus
from studycompanion.paths import AppPaths, resources_dir
from studycompanion.services import build_services
from studycompanion.ui.common.icons import icon
from studycompanion.ui.common.theme import ThemeWatcher, is_dark

ROOT = Path(__file__).resolve().parents[2]


def _library(home: AppPaths) -> None:
    services = build_services(home)
    for i, title in enumerate(("Heart murmurs for Step 1", "Loop diuretics in 60 seconds")):
        video, _ = services.library.create_queued("tiktok", str(100 + i), f"https://www.tiktok.com/@doc/video/{i}")
        assert video.id is not None
        services.library.update_metadata(video.id, title=title, creator_handle="doc")
        services.library.set_status(video.id, VideoStatus.READY)
        services.jobs.enqueue(JobStep.TRANSCRIBE, video.id, {"then": ["cards"]})
    services.close()


@pytest.mark.parametrize(("view", "size"), [("library", None), ("jobs", None), ("foryou", "1024x640"),
                                            ("clip", "1024x640")])
def test_gui_screenshot_saves_a_png_of_the_view(home: AppPaths, tmp_path: Path, view: str, size: str | None) -> None:
    _library(home)
    out = tmp_path / f"{view}.png"
    env = dict(os.environ, STUDYCOMPANION_HOME=str(home.root), QT_QPA_PLATFORM="offscreen")
    extra = ["--size", size] if size else []
    proc = subprocess.run([sys.executable, "-m", "studycompanion", "gui", "--screenshot", str(out), "--view", view,
                           *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]  # (a crash at quit fails here too)
    image = QImage(str(out))
    width, height = (int(v) for v in (size or "1280x800").split("x"))
    assert image.width() == width and image.height() == height
    # it shows something: more than a handful of distinct colours in the middle of the window
    colours = {image.pixel(x, y) for x in range(300, width - 80, 37) for y in range(120, height - 100, 29)}
    assert len(colours) > 2


def test_gui_without_a_display_runs_offscreen_and_says_so(home: AppPaths) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["STUDYCOMPANION_HOME"] = str(home.root)
    proc = subprocess.Popen([sys.executable, "-m", "studycompanion"], cwd=ROOT, env=env,  # no command: the app
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        assert "no display" in first and "offscreen" in first
        time.sleep(2.0)
        assert proc.poll() is None  # the app is up (not crashed for want of a display)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_dark_system_scheme_gives_a_dark_palette(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QPalette(app.palette())
    watcher = ThemeWatcher(app)
    try:
        # what QStyleHints.colorSchemeChanged delivers when the desktop switches (offscreen has no desktop to ask)
        watcher.apply(Qt.ColorScheme.Dark)
        assert is_dark(app.palette())
        assert app.palette().color(QPalette.ColorRole.Text).lightness() > 200
        watcher.apply(Qt.ColorScheme.Light)
        assert not is_dark(app.palette())
    finally:
        watcher.deleteLater()
        app.setPalette(original)


def test_icons_are_sharp_at_high_dpi_and_follow_the_palette(qtbot: QtBot) -> None:
    names = sorted(p.stem for p in (resources_dir() / "icons").glob("*.svg"))
    assert {"add", "search", "jobs", "cancel", "retry", "copy", "favourite", "tag", "export", "settings"} <= set(names)
    ico = icon("add")
    pixmap = ico.pixmap(QSize(24, 24), 2.0)  # a 200% screen
    assert pixmap.width() == 48 and pixmap.devicePixelRatio() == 2.0
    image = pixmap.toImage()
    painted = [image.pixelColor(x, y) for x in range(48) for y in range(48) if image.pixelColor(x, y).alpha() > 200]
    assert painted, "the icon drew nothing"
    text = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    assert abs(painted[0].lightness() - text.lightness()) < 40
