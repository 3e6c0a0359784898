"""A machine where Qt Multimedia cannot load (Linux without libpulse0): the clip view shows the transcript, cards,
notes and one line naming the package that brings playback; transcript clicks still move the position; Review still
reveals; For You still shows its clips; the import failure is logged once with its details."""

from __future__ import annotations

import logging
import math
import sys
from collections.abc import Iterator
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.cards.store import CardStore
from studycompanion.services import Services
from studycompanion.ui.clip import playback
from studycompanion.ui.clip.playback import NoPlaybackPanel, make_player, multimedia_problem, playback_hint
from studycompanion.ui.clip.view import ClipView
from studycompanion.ui.common import system_libs
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.foryou.view import ForYouView
from studycompanion.ui.review.view import ReviewView
from tests.ui.ui_fixtures import clip_with_cards

APT_LINE = "Playback needs PulseAudio's client library: sudo apt-get install libpulse0"
FPS = 5  # the fixture clips' frame rate (tests/cards_fixtures.py): frame i is coloured red (7 i) % 256


def _shows_frame_at(panel: NoPlaybackPanel, seconds: float) -> bool:
    """The poster shows the fixture clip's frame at `seconds`: its colour says which frame it is (mediagen.py)."""
    image = panel.poster.pixmap().toImage()
    if image.isNull():
        return False
    i = math.ceil(seconds * FPS - 1e-6)  # the first frame at or after the second (core/media.save_frame)
    colour = image.pixelColor(image.width() // 2, image.height() // 2)  # (away from the white corner)
    return abs(colour.red() - (i * 7) % 256) <= 16 and abs(colour.green() - (255 - (i * 7) % 256)) <= 16


@pytest.fixture
def no_multimedia(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Qt Multimedia fails to load as it does without libpulse; this machine is a Debian/Ubuntu one."""
    monkeypatch.setenv(playback.NO_MULTIMEDIA_ENV, "1")
    monkeypatch.setattr(system_libs, "package_manager", lambda: "apt-get")
    multimedia_problem.cache_clear()
    yield
    multimedia_problem.cache_clear()


@pytest.fixture
def clip(services: Services, tmp_path: Path) -> int:
    return clip_with_cards(services, tmp_path)


def _clip_view(qtbot: QtBot, services: Services, worker: Worker, clip: int) -> ClipView:
    view = ClipView(services, worker)
    qtbot.addWidget(view)
    view.resize(1024, 640)
    view.show()
    view.show_clip(clip)
    qtbot.waitUntil(lambda: view.current_video() is not None and bool(view.transcript.lines()), timeout=10_000)
    qtbot.waitUntil(lambda: len(view.cards.cards()) > 0, timeout=10_000)
    return view


def test_a_clip_opens_with_transcript_cards_notes_and_the_package_line(
        qtbot: QtBot, services: Services, worker: Worker, clip: int, no_multimedia: None) -> None:
    view = _clip_view(qtbot, services, worker, clip)
    player = view.player
    assert isinstance(player, NoPlaybackPanel)
    assert player.hint.isVisible() and player.hint.text() == APT_LINE
    video = services.library.get(clip)
    assert view.title.text() == video.title
    assert len(view.transcript.lines()) >= 5
    assert view.keypoints.count() == len(services.library.keypoints(clip)) > 0
    view.tabs.setCurrentWidget(view.cards)
    assert view.cards.isVisible()
    assert len(view.cards.cards()) == len(CardStore(services.db).list_cards(video_ids=[clip])) > 0
    assert player.time_label.text() == f"0:00 / {format_time(video.duration)}"
    assert not player.play_button.isEnabled() and player.slider.isEnabled()
    if video.thumbnail_file:  # the clip's frame stands where the video would play
        assert player.poster.pixmap() is not None and not player.poster.pixmap().isNull()
    qtbot.keyClick(view.tabs, Qt.Key.Key_Space)  # Space plays nothing and breaks nothing
    assert not player.is_playing()
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "Check K+ before the loop")
    qtbot.waitUntil(lambda: services.library.get(clip).notes == "Check K+ before the loop", timeout=5_000)


def test_a_transcript_click_moves_the_position_and_the_highlight(
        qtbot: QtBot, services: Services, worker: Worker, clip: int, no_multimedia: None) -> None:
    view = _clip_view(qtbot, services, worker, clip)
    view.tabs.setCurrentWidget(view.transcript_pane)
    lines = view.transcript.lines()
    line = lines[3]
    c0, _c1, t0, _ = line.words[1]
    cursor = view.transcript.textCursor()
    cursor.setPosition(c0 + 1)
    rect = view.transcript.cursorRect(cursor)
    qtbot.mouseClick(view.transcript.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(view.player.position() - t0) < 0.05, timeout=5_000)
    assert view.transcript.current_line() == line
    assert view.player.time_label.text().startswith(format_time(t0) + " /")
    assert view.player.slider.value() == int(view.player.position() * 1000)
    assert isinstance(view.player, NoPlaybackPanel)
    qtbot.waitUntil(lambda: _shows_frame_at(view.player, t0), timeout=10_000)  # the frame of the word clicked
    qtbot.keyClick(view.tabs, Qt.Key.Key_L)  # J / L still step through the clip
    assert view.player.position() == pytest.approx(t0 + 5.0)
    qtbot.waitUntil(lambda: _shows_frame_at(view.player, t0 + 5.0), timeout=10_000)
    # a key point click lands on its second too, and "Make card" (C) drafts from where the position is
    view.tabs.setCurrentWidget(view.keypoints)
    point = services.library.keypoints(clip)[1]
    item_rect = view.keypoints.visualItemRect(view.keypoints.item(1))
    qtbot.mouseClick(view.keypoints.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    qtbot.waitUntil(lambda: abs(view.player.position() - point.start) < 0.05, timeout=5_000)
    before = len(view.cards.cards())
    view.make_card_now()
    qtbot.waitUntil(lambda: len(view.cards.cards()) == before + 1, timeout=10_000)


def test_review_reveals_the_answer_without_playing(qtbot: QtBot, services: Services, worker: Worker, clip: int,
                                                    no_multimedia: None) -> None:
    store = services.card_store
    store.accept([c.id for c in store.list_cards(video_ids=[clip]) if c.id is not None])
    view = ReviewView(services, worker)
    qtbot.addWidget(view)
    view.resize(1024, 640)
    view.show()
    view.reload()
    qtbot.waitUntil(view.start_button.isEnabled, timeout=10_000)
    view.start()
    qtbot.waitUntil(lambda: view.page() == "card", timeout=10_000)
    item = view.current_item()
    assert item is not None and view.answer_label.text() == ""
    view.reveal()
    assert view.is_revealed() and view.answer_label.text() != ""
    assert isinstance(view.player, NoPlaybackPanel) and view.moment_shown() and not view.player.is_playing()
    assert view.player.hint.text() == APT_LINE
    assert view.player.position() == pytest.approx(item.start)
    qtbot.waitUntil(lambda: _shows_frame_at(view.player, item.start), timeout=10_000)  # the key moment's frame
    duration = services.library.get(clip).duration
    assert duration  # read from the file (a review item carries none), never "0:10 / 0:00"
    qtbot.waitUntil(lambda: view.player.time_label.text() == f"{format_time(item.start)} / {format_time(duration)}",
                    timeout=10_000)
    qtbot.keyClick(view, Qt.Key.Key_3)  # grading goes on as with playback
    qtbot.waitUntil(lambda: view.page() == "summary" or view.current_item() != item, timeout=5_000)


def test_for_you_shows_its_clips_without_playback(qtbot: QtBot, services: Services, worker: Worker,
                                                 tmp_path: Path, no_multimedia: None) -> None:
    ids = [clip_with_cards(services, tmp_path, name, tags=(tag,)) for name, tag in (
        ("01_loop_diuretics", "Renal::Diuretics"), ("05_murmurs", "Cardio::Valves"))]
    view = ForYouView(services, worker)
    qtbot.addWidget(view)
    view.resize(1024, 640)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=15_000):
        view.reload()
    feed = view.feed
    order = [i.video_id for i in feed.items()]
    assert sorted(order) == sorted(ids)
    qtbot.waitUntil(lambda: (s := feed.shown()) is not None and s.video_id == order[0], timeout=10_000)
    assert isinstance(feed.player, NoPlaybackPanel) and feed.player.hint.text() == APT_LINE
    assert feed.transcript.lines() and feed.cards.count() > 0
    assert feed.title.text() == feed.items()[0].title
    qtbot.keyClick(feed, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: (s := feed.shown()) is not None and s.video_id == order[1], timeout=10_000)
    assert feed.transcript.lines()


class _NoPulse:
    """An import finder that fails Qt Multimedia the way a missing libpulse does."""

    def find_spec(self, name: str, path: object = None, target: ModuleType | None = None) -> ModuleSpec | None:
        if name in ("PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets"):
            raise ImportError(playback.SIMULATED_ERROR, name=name)
        return None


def test_a_failing_import_is_caught_and_logged_once_with_its_details(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    for name in ("studycompanion.ui.clip.media_player", "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPulse(), *sys.meta_path])
    monkeypatch.delenv(playback.NO_MULTIMEDIA_ENV, raising=False)
    monkeypatch.setattr(system_libs, "package_manager", lambda: "dnf")
    multimedia_problem.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger=playback.__name__):
            panels = [make_player(), make_player()]
        for panel in panels:
            qtbot.addWidget(panel)
            assert isinstance(panel, NoPlaybackPanel)
            assert panel.hint.text() == "Playback needs PulseAudio's client library: sudo dnf install pulseaudio-libs"
        logged = [r for r in caplog.records if "Qt Multimedia cannot load" in r.getMessage()]
        assert len(logged) == 1 and "libpulse.so.0: cannot open shared object file" in logged[0].getMessage()
        assert logged[0].exc_info is not None  # the traceback goes to the log
    finally:
        multimedia_problem.cache_clear()


def test_the_line_names_what_brings_playback_on_each_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system_libs, "package_manager", lambda: None)
    assert playback_hint(playback.SIMULATED_ERROR, "linux") == (
        "Playback needs PulseAudio's client library (libpulse0): install it with your package manager.")
    assert playback_hint("libfoo.so.3: cannot open shared object file: No such file or directory", "linux") == (
        "Playback needs libfoo.so.3, which is not installed on this system.")
    for platform in ("darwin", "win32"):
        assert "reinstall StudyCompanion" in playback_hint("DLL load failed while importing QtMultimedia", platform)
    assert "reinstall" in playback_hint("No module named 'PySide6.QtMultimedia'", "linux")
