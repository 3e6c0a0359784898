"""The For You feed as a student uses it: one clip fills the page and plays, why it is there in words, Up / Down and
the wheel move through the feed, M / F for more / less, cards accepted, rejected and fixed in place, study mode's
cloze before the moment, the compact table with columns that fit, and a 100k-clip library that stays smooth."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)

from __future__ import annotations

import gc
import itertools
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studycompanion.app import configure_runtime, freeze_startup_objects
from studycompanion.core.interests.models import Credibility
from studycompanion.core.interests.profile import SignalKind
from studycompanion.core.types import CardState
from studycompanion.services import Services
from studycompanion.ui.cards.card_list import CHECK_MARK
from studycompanion.ui.clip.playback import multimedia_problem
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.foryou import feed as feed_module
from studycompanion.ui.foryou.feed import ForYouFeed
from studycompanion.ui.foryou.view import ForYouView
from tests.ui.bulk_library import fill
from tests.ui.ui_fixtures import clip_with_cards
from tests.ui.window_fixtures import WindowFactory, make_window  # noqa: F401


@pytest.fixture
def clips(services: Services, tmp_path: Path) -> list[int]:
    return [clip_with_cards(services, tmp_path, name, tags=(tag,)) for name, tag in (
        ("01_loop_diuretics", "Renal::Diuretics"), ("05_murmurs", "Cardio::Valves"), ("04_dka", "Endo::DKA"))]


def _view(qtbot: QtBot, services: Services, worker: Worker, size: tuple[int, int] = (1100, 760)) -> ForYouView:
    view = ForYouView(services, worker)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.loaded, timeout=15_000):
        view.reload()
    return view


def _wait_shown(qtbot: QtBot, feed: ForYouFeed, vid: int | None = None) -> None:
    qtbot.waitUntil(lambda: (s := feed.shown()) is not None and s.video_id == (vid or feed.current_id()),
                    timeout=10_000)


@pytest.mark.skipif(multimedia_problem() is not None,
                    reason="plays the clip: Qt Multimedia cannot load here (libpulse0)")
def test_one_clip_fills_the_page_plays_and_says_why(qtbot: QtBot, services: Services, worker: Worker,
                                                   clips: list[int]) -> None:
    view = _view(qtbot, services, worker)
    feed = view.feed
    assert view.is_feed()  # the feed is what For You opens on
    _wait_shown(qtbot, feed)
    assert feed.player.height() > view.height() * 0.4 and feed.player.width() > view.width() * 0.8
    qtbot.waitUntil(lambda: feed.player.is_playing() and feed.player.position() > 0.3, timeout=10_000)
    assert feed.place.text() == "1 of 3"
    assert feed.why.text().startswith("Why this clip: ") and feed.why.text().endswith(".")
    first = feed.items()[0]
    assert first.reason in feed.why.text()
    assert feed.transcript.lines()  # the transcript follows underneath
    assert feed.cards.count() == len(services.card_store.list_cards(video_ids=[first.video_id],
                                                                    include_rejected=False)) > 0


def test_up_down_and_the_wheel_move_through_the_feed(qtbot: QtBot, services: Services, worker: Worker,
                                                     clips: list[int]) -> None:
    view = _view(qtbot, services, worker)
    feed = view.feed
    ids = [i.video_id for i in feed.items()]
    _wait_shown(qtbot, feed, ids[0])
    qtbot.keyClick(feed, Qt.Key.Key_Down)
    _wait_shown(qtbot, feed, ids[1])
    assert feed.place.text() == "2 of 3" and feed.title.text() == feed.items()[1].title
    qtbot.keyClick(feed, Qt.Key.Key_Up)
    _wait_shown(qtbot, feed, ids[0])
    qtbot.keyClick(feed, Qt.Key.Key_Up)  # the top stays the top
    assert feed.index() == 0

    def wheel(dy: int) -> None:
        pos = QPointF(feed.player.mapTo(feed, QPoint(20, 20)))
        event = QWheelEvent(pos, QPointF(feed.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, dy),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(feed, event)

    wheel(-120)  # one notch down: the next clip
    _wait_shown(qtbot, feed, ids[1])
    wheel(-120)  # at once again: a flick is one clip, not several
    assert feed.index() == 1
    time.sleep(feed_module.WHEEL_PAUSE)
    wheel(120)
    _wait_shown(qtbot, feed, ids[0])


def test_more_and_less_of_this_are_one_key_each(qtbot: QtBot, services: Services, worker: Worker,
                                                clips: list[int]) -> None:
    view = _view(qtbot, services, worker)
    feed = view.feed
    _wait_shown(qtbot, feed)
    vid = feed.current_id()
    with qtbot.waitSignal(feed.adjusted, timeout=5000) as got:
        qtbot.keyClick(feed, Qt.Key.Key_M)
    assert got.args == [vid, True]
    assert "More of" in feed.why.text()
    tag = services.library.tags.tags_for(vid)[0]  # type: ignore[arg-type]
    assert next(t for t in services.interests.profile().top(30) if t.tag == tag).adjusted == 1
    qtbot.waitUntil(lambda: feed.current_id() == vid, timeout=5000)  # the reload keeps the clip on screen
    with qtbot.waitSignal(feed.adjusted, timeout=5000) as got:
        qtbot.keyClick(feed, Qt.Key.Key_F)
    assert got.args == [vid, False]
    profile = services.interests.profile()
    interest = next(t for t in profile.top(30) + profile.top(30, negative=True) if t.tag == tag)
    assert SignalKind.LESS in interest.sources and SignalKind.MORE in interest.sources


def test_cards_are_accepted_rejected_and_fixed_in_place(qtbot: QtBot, services: Services, worker: Worker,
                                                       clips: list[int]) -> None:
    view = _view(qtbot, services, worker)
    feed = view.feed
    _wait_shown(qtbot, feed)
    store = services.card_store
    first = feed.current_card()
    assert first is not None and first.id is not None
    qtbot.keyClick(feed, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: store.get(first.id).state == CardState.ACCEPTED, timeout=5000)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "(accepted)" in feed.cards.item(0).text(), timeout=5000)

    n = feed.cards.count()
    qtbot.keyClick(feed, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: feed.cards.count() == n - 1, timeout=5000)
    assert store.get(first.id).state == CardState.REJECTED  # type: ignore[arg-type]
    assert feed.cards_note.text() == "Rejected: it will not go to Anki."

    card = feed.current_card()
    assert card is not None and card.id is not None
    qtbot.keyClick(feed, Qt.Key.Key_E)
    assert feed.card_editor.isVisible() and feed.card_editor.text() == card.front
    feed.card_editor.setText("no deletion here")  # refused, with the reason, the editor stays
    qtbot.keyClick(feed.card_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "deletion" in feed.cards_note.text(), timeout=5000)
    assert feed.card_editor.isVisible()
    feed.card_editor.setText("Furosemide causes {{c1::hypokalemia}}.")
    qtbot.keyClick(feed.card_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not feed.card_editor.isVisible(), timeout=5000)
    saved = store.get(card.id)
    assert saved.front == "Furosemide causes {{c1::hypokalemia}}." and saved.edited
    assert "Furosemide causes [hypokalemia]." in feed.cards.currentItem().text()


def test_the_feed_s_cards_say_what_to_check_before_they_are_accepted(qtbot: QtBot, services: Services,
                                                                     worker: Worker, clips: list[int]) -> None:
    """Cards accepted in place show the same "⚠ check" flag and reasons as the Cards tab (here: the creator is
    not verified), and an edit that is saved is checked again (now the creator is verified, but the edit names a
    drug the clip does not say at that moment)."""
    view = _view(qtbot, services, worker)
    feed = view.feed
    _wait_shown(qtbot, feed)
    rows = [feed.cards.item(i) for i in range(feed.cards.count())]
    assert rows and all(CHECK_MARK in r.text() for r in rows)
    assert "not verified as a physician or resident" in rows[0].toolTip()
    services.creators.mark("drmike.meded", Credibility.PHYSICIAN)
    card = feed.current_card()
    assert card is not None
    qtbot.keyClick(feed, Qt.Key.Key_E)
    feed.card_editor.setText("{{c1::Dexamethasone}} is a loop diuretic.")
    qtbot.keyClick(feed.card_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Dexamethasone" in feed.cards.currentItem().text(), timeout=5000)
    tip = feed.cards.currentItem().toolTip()
    assert CHECK_MARK in feed.cards.currentItem().text()
    assert "Not in what was said: 'Dexamethasone'" in tip and "not verified" not in tip


def test_study_mode_shows_the_cloze_before_it_is_said(qtbot: QtBot, services: Services, worker: Worker,
                                                     clips: list[int]) -> None:
    view = _view(qtbot, services, worker)
    feed = view.feed
    feed.autoplay = False
    _wait_shown(qtbot, feed)
    feed.player.pause()
    shown = feed.shown()
    assert shown is not None
    card = sorted(shown.cards, key=lambda c: c.start)[1]
    qtbot.keyClick(feed, Qt.Key.Key_S)
    assert feed.study_label.isVisible()
    feed.player.seek(max(0.0, card.start - 2.0))
    qtbot.waitUntil(lambda: feed.study_text().startswith("Coming up at"), timeout=5000)
    assert "[...]" in feed.study_text() or "[" in feed.study_text()
    answer_words = feed_module.card_text(card)
    assert feed_module.card_text(card, reveal=False) in feed.study_text() and answer_words not in feed.study_text()
    feed.player.seek(card.start + 0.2)
    qtbot.waitUntil(lambda: feed.study_text().startswith("Said now:"), timeout=5000)
    qtbot.keyClick(feed, Qt.Key.Key_S)
    assert not feed.study_label.isVisible()


def test_the_compact_table_has_columns_that_fit(qtbot: QtBot, services: Services, worker: Worker,
                                                clips: list[int]) -> None:
    services.interests.more_of(video_id=clips[1])
    view = _view(qtbot, services, worker, size=(1024 - 220, 600))  # the page at a 1024x640 window
    qtbot.keyClick(view.feed, Qt.Key.Key_T)
    assert not view.is_feed() and view.mode_button.text() == "Feed (T)"
    qtbot.waitUntil(lambda: view.panel.tree.topLevelItemCount() > 0, timeout=5000)
    qtbot.wait(50)
    for tree in (view.list, view.panel.tree):
        header = tree.header()
        metrics = header.fontMetrics()
        for col in range(header.count()):
            label = tree.headerItem().text(col)
            assert header.sectionSize(col) >= metrics.horizontalAdvance(label) + 8, (label, header.sectionSize(col))
        last = header.count() - 1  # and every column is inside the view: no heading cut by the edge
        assert header.sectionViewportPosition(last) + header.sectionSize(last) <= tree.viewport().width() + 1
    tree = view.panel.tree
    for row in range(tree.topLevelItemCount()):
        text = tree.topLevelItem(row).text(1)  # the interest gauge is never cut to "▮▮▮▯ +…"
        assert tree.columnWidth(1) >= tree.fontMetrics().horizontalAdvance(text) + 4
    view.toggle_mode()
    assert view.is_feed()


@pytest.mark.slow
def test_a_100k_library_loads_nothing_beyond_the_next_two_and_reads_off_the_ui_thread(qtbot: QtBot, services: Services,
                                                                           worker: Worker, clips: list[int]) -> None:
    fill(services, 100_000, thumbnails=False)
    loads_on: list[str] = []
    real = feed_module.load_feed_clip

    def spy(svc: Services, vid: int) -> feed_module.FeedClip:
        loads_on.append(threading.current_thread().name)
        return real(svc, vid)

    feed_module.load_feed_clip = spy  # type: ignore[assignment]
    thresholds = gc.get_threshold()
    configure_runtime()  # the app's settings (the GC's full passes once froze the window ~150 ms here)
    beats: list[float] = []
    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(lambda: beats.append(time.perf_counter()))
    try:
        view = ForYouView(services, worker)
        qtbot.addWidget(view)
        view.resize(1100, 760)
        view.show()
        freeze_startup_objects()
        heart.start()
        with qtbot.waitSignal(view.loaded, timeout=60_000):
            view.reload()  # ranking 100k clips on the worker while the window keeps ticking
        feed = view.feed
        ids = [i.video_id for i in feed.items()]
        _wait_shown(qtbot, feed, ids[0])
        qtbot.waitUntil(lambda: len(feed.loads) == 3, timeout=5000)
        assert feed.loads == ids[:3]  # the clip on screen and the next two, nothing more
        slowest = 0.0
        for step in range(1, 6):
            t0 = time.perf_counter()
            qtbot.keyClick(feed, Qt.Key.Key_Down)
            slowest = max(slowest, time.perf_counter() - t0)
            _wait_shown(qtbot, feed, ids[step])
            assert set(feed.loads) == set(ids[:step + 3])
            assert set(feed.cached_ids()) <= set(ids[step - 1:step + 3])
        t0 = time.perf_counter()
        view.set_items(view.items())  # what the UI thread does with a fresh ranking
        slowest = max(slowest, time.perf_counter() - t0)
        # timings are printed, never asserted (a shared machine's load decides them): bench/foryou.py measures
        # the stall target; what is asserted is that every read runs on the worker, never the UI thread
        print(f"\nfeed on 100k clips: slowest UI-thread step {slowest * 1000:.1f} ms; reads {len(feed.loads)}")
        assert loads_on and threading.main_thread().name not in loads_on  # every read on the worker
        heart.stop()
        stall = max(b - a for a, b in itertools.pairwise(beats))
        print(f"longest event-loop gap while ranking and scrolling: {stall * 1000:.1f} ms")
    finally:
        heart.stop()
        feed_module.load_feed_clip = real  # type: ignore[assignment]
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_a_silent_clip_shows_its_on_screen_text(qtbot: QtBot, services: Services, worker: Worker,
                                                tmp_path: Path) -> None:
    from studycompanion.core.screen import Box, ScreenLine
    from tests.cards_fixtures import add_clip

    vid = add_clip(services, tmp_path, "04_dka", segments=[])
    services.screen_text.save(vid, [ScreenLine(0.5, 4.0, "DKA: fluids first", Box(0.1, 0.1, 0.9, 0.2), 0.95),
                                    ScreenLine(4.0, 9.0, "then insulin 0.1 U/kg/h", Box(0.1, 0.1, 0.9, 0.2), 0.93)])
    view = _view(qtbot, services, worker)
    feed = view.feed
    _wait_shown(qtbot, feed, vid)
    assert feed.text_heading.text() == "<b>On-screen text</b>"
    assert [ln.text.strip() for ln in feed.transcript.lines()] == ["DKA: fluids first", "then insulin 0.1 U/kg/h"]


def test_the_feed_in_the_window_opens_its_clip_and_comes_back(qtbot: QtBot, services: Services,
                                                              clips: list[int], make_window: WindowFactory) -> None:
    win = make_window()
    win.show_view("foryou")
    view = win.foryou_view
    qtbot.waitUntil(lambda: len(view.feed.items()) == 3, timeout=10_000)
    feed = view.feed
    _wait_shown(qtbot, feed)
    qtbot.keyClick(feed, Qt.Key.Key_Down)
    second = feed.items()[1].video_id
    _wait_shown(qtbot, feed, second)
    qtbot.keyClick(feed, Qt.Key.Key_Return)
    assert win.current_page() == "clip"
    qtbot.waitUntil(lambda: (v := win.clip_view.current_video()) is not None and v.id == second, timeout=10_000)
    assert not feed.player.is_playing()  # one clip plays at a time
    qtbot.keyClick(win.clip_view, Qt.Key.Key_Escape)
    assert win.current_page() == "foryou" and feed.current_id() == second
