"""Importing a TikTok export from the window (issue 17): the counts are read on the worker, the choice dialog asks
favourites / likes / both, the queueing drives a progress bar, and the summary says what was skipped."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from studycompanion.core.capture.importers import ImportChoice
from studycompanion.services import Services
from studycompanion.ui.shell.main_window import MainWindow
from tests.ui.window_fixtures import make_window, window  # noqa: F401

SHARE = "https://www.tiktokv.com/share/video/{}/"


def _export(tmp_path: Path, favourites: int = 3, likes: int = 4, posts: int = 2, name: str = "user_data.json") -> Path:
    data = {"Activity": {
        "Favorite Videos": {"FavoriteVideoList": [{"Link": SHARE.format(7300000000000000000 + i)}
                                                  for i in range(favourites)]},
        "Like List": {"ItemFavoriteList": [{"Link": SHARE.format(7400000000000000000 + i)} for i in range(likes)]},
    }, "Video": {"Videos": {"VideoList": [{"Link": SHARE.format(7100000000000000000 + i), "Likes": "2"}
                                          for i in range(posts)]}}}
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_export_with_both_lists_asks_then_queues_the_choice_with_progress(
        qtbot: QtBot, services: Services, window: MainWindow, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    window.adding.progress.connect(lambda done, total: seen.append((done, total)))
    window.adding.import_file(_export(tmp_path))
    qtbot.waitUntil(lambda: window.adding.choice_dialog is not None, timeout=5000)
    dialog = window.adding.choice_dialog
    assert dialog is not None and dialog.isVisible()
    texts = {c: b.text() for c, b in dialog.buttons.items()}  # type: ignore[attr-defined]
    assert texts == {ImportChoice.FAVOURITES: "Favourites (3)", ImportChoice.LIKES: "Liked videos (4)",
                     ImportChoice.BOTH: "Both (7)"}
    assert "Your own posts, never imported: 2" in dialog.note.text()  # type: ignore[attr-defined]
    assert services.library.count_videos() == 0  # nothing is queued before the student chooses
    dialog.buttons[ImportChoice.BOTH].click()  # type: ignore[attr-defined]
    dialog.accept()
    qtbot.waitUntil(lambda: "Added 7 clips" in window.message_bar.text.text(), timeout=10_000)
    assert "2 of your own posts skipped" in window.message_bar.text.text()
    assert services.library.count_videos() == 7 and services.library.count_videos(favourite=True) == 3
    assert seen and seen[0] == (0, 7) and seen[-1] == (7, 7)  # the bar went from 0 to all of them
    assert window.import_bar.maximum() == 7 and window.import_bar.value() == 7 and not window.import_bar.isVisible()

    # the same export again: everything is already there, and the summary says so
    window.adding.import_file(_export(tmp_path))
    qtbot.waitUntil(lambda: window.adding.choice_dialog is not None, timeout=5000)
    window.adding.choice_dialog.accept()  # type: ignore[union-attr]  # favourites
    qtbot.waitUntil(lambda: "3 already in the library" in window.message_bar.text.text(), timeout=10_000)
    assert "4 likes not imported" in window.message_bar.text.text()
    assert services.library.count_videos() == 7


def test_progress_bar_shows_while_a_big_import_queues(qtbot: QtBot, window: MainWindow) -> None:
    window.upkeep.import_progress(500, 6000)
    assert window.import_bar.isVisible() and window.import_bar.text() == "Queueing 500 of 6000"
    window.upkeep.import_progress(6000, 6000)
    assert not window.import_bar.isVisible()


def test_cancelling_the_choice_adds_nothing(qtbot: QtBot, services: Services, window: MainWindow,
                                            tmp_path: Path) -> None:
    window.adding.import_file(_export(tmp_path))
    qtbot.waitUntil(lambda: window.adding.choice_dialog is not None, timeout=5000)
    window.adding.choice_dialog.reject()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "Import cancelled" in window.statusBar().currentMessage(), timeout=5000)
    assert services.library.count_videos() == 0


def test_likes_only_export_imports_its_likes_without_asking(qtbot: QtBot, services: Services, window: MainWindow,
                                                           tmp_path: Path) -> None:
    window.adding.import_file(_export(tmp_path, favourites=0, likes=5, posts=0))
    qtbot.waitUntil(lambda: "Added 5 clips" in window.message_bar.text.text(), timeout=10_000)
    assert window.adding.choice_dialog is None
    assert services.library.count_videos() == 5


def test_posts_only_export_queues_nothing_and_says_why(qtbot: QtBot, services: Services, window: MainWindow,
                                                      tmp_path: Path) -> None:
    window.adding.import_file(_export(tmp_path, favourites=0, likes=0, posts=4))
    qtbot.waitUntil(lambda: "only your own posts (4)" in window.message_bar.text.text(), timeout=10_000)
    assert services.library.count_videos() == 0 and window.adding.choice_dialog is None
