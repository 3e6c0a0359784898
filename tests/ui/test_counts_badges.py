"""Counts and badges as the student reads them: sidebar tag counts count clips (each once, suggestions not), the
"Cards ready" badge only on a clip with cards, empty-state text on the Key points tab, and "Make cards" that says
what happened; the sidebar's tag tree keeps its expansion across restarts."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studycompanion.core.types import JobState, Segment, TagSource, VideoStatus
from studycompanion.services import Services
from studycompanion.ui.clip.view import ClipView
from studycompanion.ui.common.worker import Worker
from tests.cards_fixtures import add_clip
from tests.ui.window_fixtures import WindowFactory, make_window  # noqa: F401


def _count(win: object, path: str) -> str:
    item = win.sidebar._tag_items.get(path)  # type: ignore[attr-defined]
    return item.text(1) if item is not None else ""


def test_tag_counts_count_clips_once_and_not_suggestions(qtbot: QtBot, services: Services,
                                                       make_window: WindowFactory, tmp_path: Path) -> None:
    lib = services.library
    a = add_clip(services, tmp_path, "01_loop_diuretics", tags=("Cardio", "Cardio::Murmurs"))
    b = add_clip(services, tmp_path, "05_murmurs", tags=("Cardio::Murmurs",))
    c = add_clip(services, tmp_path, "04_dka", tags=("Endo",))
    lib.tags.tag(c, ["Cardio::Arrhythmia"], TagSource.SUGGESTED)  # a suggestion, not accepted: not counted
    win = make_window()
    qtbot.waitUntil(lambda: _count(win, "Cardio") != "", timeout=5000)
    assert _count(win, "Cardio") == "2"  # a and b; a's two Cardio tags count it once
    assert _count(win, "Cardio::Murmurs") == "2"
    assert _count(win, "Cardio::Arrhythmia") == "" and _count(win, "Endo") == "1"
    assert {a, b} == {v.id for v in lib.list_videos(tag="Cardio::Murmurs")}

    services.suggestions.accept(c, ["Cardio::Arrhythmia"])
    win.sidebar.refresh()
    qtbot.waitUntil(lambda: _count(win, "Cardio") == "3", timeout=5000)
    assert _count(win, "Cardio::Arrhythmia") == "1"


def test_the_tag_tree_keeps_its_expansion_across_restarts(qtbot: QtBot, services: Services,
                                                          make_window: WindowFactory, tmp_path: Path) -> None:
    add_clip(services, tmp_path, "01_loop_diuretics", tags=("Cardio::Murmurs", "Renal::Diuretics"))
    win = make_window()
    qtbot.waitUntil(lambda: "Cardio" in win.sidebar.tag_names(), timeout=5000)
    win.sidebar._tag_items["Cardio"].setExpanded(True)
    win.sidebar._tag_items["Renal"].setExpanded(False)
    win.close()
    again = make_window()
    qtbot.waitUntil(lambda: "Cardio" in again.sidebar.tag_names(), timeout=5000)
    assert again.sidebar._tag_items["Cardio"].isExpanded()
    assert not again.sidebar._tag_items["Renal"].isExpanded()
    assert again.sidebar.expanded_tags() == ["Cardio"]


def test_no_cards_no_badge_and_make_cards_says_why(qtbot: QtBot, services: Services, worker: Worker,
                                                  tmp_path: Path) -> None:
    chat = [Segment(0.0, 2.0, "Hey everyone, welcome back to the channel."),
            Segment(2.0, 4.0, "Thanks for watching, see you next time.")]
    vid = add_clip(services, tmp_path, "15_day_in_the_life", segments=chat)
    services.library.set_status(vid, VideoStatus.TRANSCRIBED)
    view = ClipView(services, worker)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.show_clip(vid)
    qtbot.waitUntil(lambda: view.current_video() is not None, timeout=10_000)
    assert view.keypoints.count() == 0
    assert "Make cards" in view.keypoints.empty_text()  # never a blank tab
    view.tabs.setCurrentWidget(view.cards)
    qtbot.waitUntil(lambda: view.cards.generate_button.isVisible(), timeout=5000)

    services.pipeline.start(workers=1)
    try:
        view.cards.generate_button.click()
        assert view.status.text() == "Making cards (queued)"  # seen at once
        qtbot.waitUntil(lambda: all(j.state == JobState.DONE for j in services.jobs.list_jobs(video_id=vid))
                        and bool(services.jobs.list_jobs(video_id=vid)), timeout=30_000)
        qtbot.waitUntil(lambda: view.status.text().startswith("No cards were made")
                        or "nothing to make cards" in view.status.text(), timeout=10_000)
    finally:
        services.pipeline.stop()
    assert services.library.get(vid).status == VideoStatus.TRANSCRIBED  # not "Cards ready"
    qtbot.waitUntil(lambda: "No key points" in view.keypoints.empty_text(), timeout=5000)
    assert view.tabs.tabText(2) == "Cards"
