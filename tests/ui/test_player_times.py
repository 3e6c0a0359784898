"""What the student sees of time in the player: a search hit seeks to its second (also on a clip seen before), the
duration of a reopened clip, resume where the clip was left (within a session and after a restart), and a seek bar
that takes the free width with time and speed side by side, never overlapping, at 1024x640 and 1440x900."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

from pathlib import Path

import pytest

# (exc_type: a missing libpulse raises ImportError, not ModuleNotFoundError, which alone pytest 9 would skip on)
pytest.importorskip("PySide6.QtMultimedia", exc_type=ImportError,
                    reason="Qt Multimedia cannot load here (on Linux: libpulse0 missing); "
                    "tests/ui/test_no_multimedia.py covers the clip view without playback")

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from studycompanion.services import Services
from studycompanion.ui.clip.media_player import MediaPlayerPanel as PlayerPanel
from studycompanion.ui.clip.view import ClipView
from studycompanion.ui.common.worker import Worker
from tests.ui.ui_fixtures import clip_with_cards
from tests.ui.window_fixtures import WindowFactory, make_window  # noqa: F401

MEDIA = Path(__file__).resolve().parent.parent / "fixtures" / "media"


@pytest.fixture
def clip(services: Services, tmp_path: Path) -> int:
    return clip_with_cards(services, tmp_path)


def _view(qtbot: QtBot, services: Services, worker: Worker) -> ClipView:
    v = ClipView(services, worker)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    return v


def _open(qtbot: QtBot, view: ClipView, vid: int, at: float | None = None) -> None:
    view.show_clip(vid, at)
    qtbot.waitUntil(lambda: (v := view.current_video()) is not None and v.id == vid
                    and view.player.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, timeout=10_000)


def test_a_search_hit_seeks_to_its_second_every_time(qtbot: QtBot, services: Services, worker: Worker,
                                                    clip: int) -> None:
    view = _view(qtbot, services, worker)
    _open(qtbot, view, clip)
    view.tabs.setCurrentWidget(view.cards)
    for at in (6.0, 2.5, 6.0):  # the clip is already open: each hit must still seek
        view.show_clip(clip, at)
        qtbot.waitUntil(lambda at=at: abs(view.player.position() - at) < 0.3, timeout=10_000)
        assert view.tabs.currentWidget() is view.transcript_pane  # the line the hit was found in shows
        assert view.player.time_label.text() == f"0:0{int(at)} / 1:04"


def test_a_reopened_clip_keeps_its_duration(qtbot: QtBot) -> None:
    panel = PlayerPanel()
    qtbot.addWidget(panel)
    panel.show()
    media = MEDIA / "murmurs.mp4"
    panel.load(media)
    qtbot.waitUntil(lambda: panel.duration() > 13, timeout=10_000)
    panel.load(media, at_seconds=4.0)  # the same clip again (the next card of one clip in Review, a reload)
    qtbot.waitUntil(lambda: abs(panel.position() - 4.0) < 0.3, timeout=10_000)
    assert panel.duration() > 13
    assert panel.time_label.text() == "0:04 / 0:14"
    # before its media has loaded, a clip shows the library's figure, never 0:00
    other = PlayerPanel()
    qtbot.addWidget(other)
    other.load(MEDIA / "beta_blockers.mp4", duration=21.0)
    assert other.time_label.text().endswith("/ 0:21")


def test_playback_resumes_where_it_was_left_also_after_a_restart(qtbot: QtBot, services: Services, worker: Worker,
                                                                 clip: int, tmp_path: Path) -> None:
    other = clip_with_cards(services, tmp_path, "02_beta_blockers", tags=("Cardio",))
    view = _view(qtbot, services, worker)
    _open(qtbot, view, clip)
    view.player.seek(7.0)
    qtbot.waitUntil(lambda: abs(view.player.position() - 7.0) < 0.3, timeout=5000)
    _open(qtbot, view, other)  # within a session: another clip, then back
    assert view.player.position() < 1.0
    view.show_clip(clip)
    qtbot.waitUntil(lambda: abs(view.player.position() - 7.0) < 0.3, timeout=10_000)
    view.player.seek(5.0)
    qtbot.waitUntil(lambda: abs(view.player.position() - 5.0) < 0.3, timeout=5000)
    view.save_position()
    view.positions.sync()
    view.close()

    restarted = _view(qtbot, services, worker)  # a new view reads the data folder again, like a restart
    restarted.show_clip(clip)
    qtbot.waitUntil(lambda: abs(restarted.player.position() - 5.0) < 0.3, timeout=10_000)
    assert restarted.player.time_label.text().startswith("0:05")


def _rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("size", [(1024, 640), (1440, 900)])
def test_the_seek_bar_takes_the_free_width(qtbot: QtBot, services: Services, make_window: WindowFactory,
                                          tmp_path: Path, size: tuple[int, int]) -> None:
    vid = clip_with_cards(services, tmp_path)
    win = make_window()
    win.resize(*size)
    win.open_clip(vid)
    view = win.clip_view
    qtbot.waitUntil(lambda: view.player.duration() > 1, timeout=10_000)
    qtbot.wait(50)
    player = view.player
    slider, time_label, speed, loop = (_rect(w, player) for w in (player.slider, player.time_label, player.speed,
                                                                  player.loop_button))
    assert player.width() > 300
    assert slider.width() >= player.width() - 8, (slider.width(), player.width())
    assert not time_label.intersects(speed) and not time_label.intersects(loop) and not speed.intersects(loop)
    assert time_label.width() >= player.time_label.fontMetrics().horizontalAdvance(player.time_label.text())
    for r in (time_label, speed, loop):
        assert r.right() <= player.width() and r.left() >= 0


def test_enter_on_a_search_hit_in_the_window_plays_from_its_second(qtbot: QtBot, services: Services,
                                                                  make_window: WindowFactory, tmp_path: Path) -> None:
    vid = clip_with_cards(services, tmp_path)
    hits = [h for h in services.library.search("hypokalemia") if h.video_id == vid and h.seconds]
    assert hits and hits[0].seconds is not None and hits[0].seconds > 3
    at = hits[0].seconds
    win = make_window()
    for _ in range(2):  # the second time the clip is already open in the clip view
        win.search.clear()
        qtbot.keyClicks(win.search, "hypokalemia")
        qtbot.waitUntil(lambda: win.library_model.rowCount() == 1 and win.library_model.item(0) is not None
                        and win.library_model.item(0).seconds is not None, timeout=5000)  # type: ignore[union-attr]
        qtbot.keyClick(win.search, Qt.Key.Key_Return)
        qtbot.waitUntil(win.library_view.view.hasFocus, timeout=2000)
        qtbot.keyClick(win.library_view.view, Qt.Key.Key_Return)
        assert win.current_page() == "clip"
        qtbot.waitUntil(lambda: abs(win.clip_view.player.position() - at) < 0.3, timeout=10_000)
        assert win.clip_view.tabs.currentWidget() is win.clip_view.transcript_pane
        win.clip_view.player.seek(1.0)  # watch somewhere else, go back to the results
        qtbot.keyClick(win.clip_view, Qt.Key.Key_Escape)
        assert win.current_page() == "library"
