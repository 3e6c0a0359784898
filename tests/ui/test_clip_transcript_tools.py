"""The clip view's transcript tools: unsure and corrected words marked (with what was heard on hover), a fix
that flows to the transcript, key points and drafts and can be undone, cards from the selected words or from a
key pressed while playing, and the on-screen text track that follows playback."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolTip
from pytestqt.qtbot import QtBot

from studycompanion.core.cards.store import CardStore
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.core.screen.merge import Box, ScreenLine
from studycompanion.core.types import Segment, Word
from studycompanion.services import Services
from studycompanion.ui.clip.transcript_view import TranscriptView, WordMark
from studycompanion.ui.clip.view import ClipView
from studycompanion.ui.common.worker import Worker
from tests.cards_fixtures import EVAL, add_clip

WRONG, RIGHT = "autotoxicity", "ototoxicity"


def _word(w: Word) -> Word:
    """The eval transcript with the marks this test looks for: one corrected, one unsure, one misheard word."""
    bare = w.text.strip().rstrip(",.")
    if bare == "Furosemide":
        return dataclasses.replace(w, probability=0.41, corrected_from="Furious Mide")
    if bare == "thick":
        return dataclasses.replace(w, probability=0.3)
    if bare == RIGHT:
        return dataclasses.replace(w, text=w.text.replace(RIGHT, WRONG))
    return w


def marked_segments() -> list[Segment]:
    out = []
    for seg in EVAL["01_loop_diuretics"].segments:
        words = [_word(w) for w in seg.words]
        out.append(Segment(seg.start, seg.end, "".join(w.text for w in words).strip(), words))
    return out


SCREEN = [ScreenLine(1.0, 6.0, "LOOP DIURETICS", Box(10, 20, 150, 40), 0.97),
          ScreenLine(12.0, 18.0, "Furosemide: NKCC2", Box(10, 60, 150, 80), 0.93),
          ScreenLine(14.0, 18.0, "thick ascending limb", Box(10, 90, 150, 110), 0.9),
          ScreenLine(32.0, 44.0, "OH DANG", Box(10, 20, 150, 40), 0.95)]


@pytest.fixture
def clip(services: Services, tmp_path: Path) -> int:
    vid = add_clip(services, tmp_path, segments=marked_segments())
    generate_cards(services.library, CardStore(services.db), services.settings, vid)
    services.screen_text.save(vid, SCREEN)
    return vid


@pytest.fixture
def view(qtbot: QtBot, services: Services, worker: Worker, clip: int) -> ClipView:
    v = ClipView(services, worker)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    qtbot.waitExposed(v)
    v.show_clip(clip)
    qtbot.waitUntil(lambda: v.current_video() is not None and bool(v.transcript.lines()), timeout=10_000)
    qtbot.waitUntil(lambda: len(v.cards.cards()) > 0, timeout=10_000)
    return v


def _find(transcript: TranscriptView, bare: str) -> tuple[int, int]:
    for li, line in enumerate(transcript.lines()):
        for wi, cell in enumerate(line.cells):
            if cell[0].strip().strip(",.") == bare:
                return li, wi
    raise AssertionError(f"{bare} is not shown")


def _format_of(transcript: TranscriptView, ref: tuple[int, int]) -> QTextCharFormat:
    c0, _c1, _, _ = transcript.lines()[ref[0]].words[ref[1]]
    cursor = QTextCursor(transcript.document())
    cursor.setPosition(c0 + 1)
    return cursor.charFormat()


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).replace("&nbsp;", " ").replace("&amp;", "&").split())


def _text(view: ClipView) -> str:
    return " ".join(line.text for line in view.transcript.lines())


# ---- confidence you can see ------------------------------------------------------------------------------


def test_unsure_and_corrected_words_are_marked_with_what_was_heard(qtbot: QtBot, view: ClipView) -> None:
    t = view.transcript
    unsure, corrected, plain = _find(t, "thick"), _find(t, "Furosemide"), _find(t, "welcome")
    assert _format_of(t, unsure).underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert _format_of(t, corrected).underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert _format_of(t, plain).underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert _format_of(t, unsure).background().color() != _format_of(t, corrected).background().color()
    assert ("thick", WordMark.UNSURE) in t.marked_words() and ("Furosemide", WordMark.CORRECTED) in t.marked_words()
    # hovering the corrected word says what was heard; the unsure one how sure the model was; a plain one nothing
    center = t.word_rect(*corrected).center()
    assert t.tooltip_at(center).startswith("heard: “Furious Mide”")
    assert "30 % sure" in t.tooltip_at(t.word_rect(*unsure).center())
    assert t.tooltip_at(t.word_rect(*plain).center()) == ""
    QApplication.sendEvent(t.viewport(), QHelpEvent(QEvent.Type.ToolTip, center, t.viewport().mapToGlobal(center)))
    qtbot.waitUntil(lambda: QToolTip.text().startswith("heard: “Furious Mide”"), timeout=3_000)
    QToolTip.hideText()
    # the legend says what the marks mean, with their counts
    legend = view.transcript_pane.legend
    assert legend.isVisible()
    assert "unsure 1" in _plain(legend.text()) and "corrected 1 (hover: what was heard)" in _plain(legend.text())
    assert "F2 or right-click: Fix…" in _plain(legend.text())


# ---- fix once, and it flows everywhere ---------------------------------------------------------------------


def test_a_fix_flows_to_the_transcript_and_the_drafts_and_undo_puts_it_back(
        qtbot: QtBot, view: ClipView, services: Services, clip: int, tmp_path: Path) -> None:
    other = add_clip(services, tmp_path, "10_thyroid", segments=marked_segments())  # the same error elsewhere
    store = CardStore(services.db)
    assert WRONG in _text(view)
    assert any(WRONG in c.front for c in view.cards.cards())  # the drafts repeat the error
    ref = _find(view.transcript, WRONG)
    # the menu on the word offers to fix it
    menu = view.transcript.context_menu(view.transcript.word_rect(*ref).center())
    fix = next(a for a in menu.actions() if a.objectName() == "fixAction")
    assert WRONG in fix.text() and fix.shortcut().toString() == "F2"
    menu.deleteLater()
    # click the word, press F2: the dialog asks for the right words and counts the other clip
    qtbot.waitUntil(lambda: view.player.duration() > 0, timeout=10_000)
    qtbot.mouseClick(view.transcript.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.transcript.word_rect(*ref).center())
    view.activateWindow()
    view.tabs.setFocus()
    qtbot.keyClick(view.tabs, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: view.fixes.dialog is not None, timeout=3_000)
    dialog = view.fixes.dialog
    assert dialog is not None and dialog.right_edit.text() == WRONG
    qtbot.waitUntil(lambda: dialog.everywhere.isEnabled(), timeout=5_000)
    assert "1 other clip" in dialog.everywhere.text()
    dialog.right_edit.setText(RIGHT)
    dialog.everywhere.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    # the transcript, the key points and the drafts read the fix back; the status says what changed, with Undo
    qtbot.waitUntil(lambda: WRONG not in _text(view) and RIGHT in _text(view), timeout=10_000)
    qtbot.waitUntil(lambda: not any(WRONG in c.front for c in view.cards.cards()), timeout=10_000)
    assert not any(WRONG in view.keypoints.item(i).text() for i in range(view.keypoints.count()))
    assert view.status.text().startswith("Fixed") and "2 clips" in view.status.text()
    assert view.undo_button.isVisible()
    fixed = _find(view.transcript, RIGHT)
    assert view.transcript.lines()[fixed[0]].mark(fixed[1]) is WordMark.CORRECTED  # the fix shows what was heard
    assert "heard: “autotoxicity”" in view.transcript.tooltip_at(view.transcript.word_rect(*fixed).center())
    assert WRONG not in " ".join(s.text for s in services.library.transcript(other))  # everywhere
    assert not any(WRONG in c.front for c in store.list_cards(video_ids=[clip]))
    # Undo puts it all back
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: WRONG in _text(view), timeout=10_000)
    qtbot.waitUntil(lambda: any(WRONG in c.front for c in view.cards.cards()), timeout=10_000)
    assert view.status.text().startswith("Undone") and not view.undo_button.isVisible()
    assert WRONG in " ".join(s.text for s in services.library.transcript(other))


def test_selected_words_are_fixed_together(qtbot: QtBot, view: ClipView) -> None:
    last = _find(view.transcript, "Henle")
    first = (last[0], last[1] - 2)  # "loop of Henle"
    view.transcript.select_words(first, last)
    assert view.transcript.request_fix()
    qtbot.waitUntil(lambda: view.fixes.dialog is not None, timeout=3_000)
    assert view.fixes.dialog is not None and view.fixes.dialog.right_edit.text() == "loop of Henle"
    qtbot.waitUntil(lambda: "No other clip" in view.fixes.dialog.everywhere.text(), timeout=5_000)
    assert not view.fixes.dialog.everywhere.isEnabled()
    view.fixes.dialog.reject()


# ---- cards from the student's own choice ---------------------------------------------------------------


def test_a_card_from_the_selected_words(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    before = {c.id for c in view.cards.cards()}
    first, last = _find(view.transcript, "thick"), _find(view.transcript, "limb")
    view.transcript.select_words(first, last)
    menu = view.transcript.context_menu(view.transcript.word_rect(*first).center())
    make = next(a for a in menu.actions() if a.objectName() == "makeCardAction")
    assert make.text() == "Make card from the selected words"
    make.trigger()
    menu.deleteLater()
    qtbot.waitUntil(lambda: len(view.cards.cards()) == len(before) + 1, timeout=10_000)
    card = next(c for c in view.cards.cards() if c.id not in before)
    assert "{{c1::thick ascending limb}}" in card.front
    line = view.transcript.lines()[first[0]]
    assert card.start == pytest.approx(line.start, abs=0.05)
    qtbot.waitUntil(lambda: view.tabs.currentWidget() is view.cards, timeout=3_000)  # shown to check and accept
    assert view.cards.current_card() is not None and view.cards.current_card().id == card.id
    assert "Card drafted from" in view.status.text()
    # without a selection the menu offers no card
    view.transcript.moveCursor(QTextCursor.MoveOperation.Start)
    menu = view.transcript.context_menu(QPoint(5, 5))
    assert not any(a.objectName() == "makeCardAction" for a in menu.actions())
    menu.deleteLater()


def test_the_c_key_while_playing_makes_a_card_at_that_moment(qtbot: QtBot, view: ClipView) -> None:
    qtbot.waitUntil(lambda: view.player.duration() > 0, timeout=10_000)
    line = view.transcript.lines()[2]
    before = {c.id for c in view.cards.cards()}
    view.player.seek(line.start + 0.3)
    qtbot.waitUntil(lambda: abs(view.player.position() - (line.start + 0.3)) < 0.5, timeout=5_000)
    view.activateWindow()
    view.tabs.setFocus()
    qtbot.keyClick(view.tabs, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: len(view.cards.cards()) == len(before) + 1, timeout=10_000)
    card = next(c for c in view.cards.cards() if c.id not in before)
    assert card.start <= view.player.position() + 0.5 and card.end >= line.start
    assert "{{c1::" in card.front
    assert view.tabs.currentWidget() is view.transcript_pane  # watching goes on where it was


# ---- the on-screen text track ----------------------------------------------------------------------------


def test_on_screen_lines_follow_playback_and_seek(qtbot: QtBot, view: ClipView) -> None:
    track = view.screen_track
    qtbot.waitUntil(lambda: track.count() == len(SCREEN), timeout=5_000)
    assert view.transcript_pane.track_box.isVisible()
    assert "On screen</b> (4 lines)" in view.transcript_pane.track_heading.text()
    assert [track.item(i).text().split("   ", 1)[1] for i in range(track.count())] == [s.text for s in SCREEN]
    view._on_position(15.0)  # two lines are on screen at 0:15
    assert track.active_rows() == [1, 2]
    assert track.item(1).font().bold() and track.item(2).font().bold() and not track.item(0).font().bold()
    view._on_position(18.0)  # [start, end): at 0:18 both have gone
    assert track.active_rows() == []
    view._on_position(33.0)
    assert track.active_rows() == [3]
    qtbot.waitUntil(lambda: view.player.duration() > 0, timeout=10_000)
    rect = track.visualItemRect(track.item(1))
    qtbot.mouseClick(track.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(view.player.position() - 12.0) < 0.5, timeout=5_000)


def test_a_clip_without_on_screen_text_shows_no_track(qtbot: QtBot, services: Services, worker: Worker,
                                                      tmp_path: Path) -> None:
    vid = add_clip(services, tmp_path)
    v = ClipView(services, worker)
    qtbot.addWidget(v)
    v.show()
    v.show_clip(vid)
    qtbot.waitUntil(lambda: bool(v.transcript.lines()), timeout=10_000)
    assert v.screen_track.count() == 0 and not v.transcript_pane.track_box.isVisible()
    assert "unsure 0" in _plain(v.transcript_pane.legend.text())


def test_a_transcript_elsewhere_marks_words_but_offers_no_fix(qtbot: QtBot) -> None:
    from studycompanion.ui.clip.transcript_view import build_lines

    t = TranscriptView()  # as the For You feed shows it: nothing there acts on a fix or a card
    qtbot.addWidget(t)
    t.resize(600, 400)
    t.show()
    t.set_lines(build_lines(marked_segments()))
    corrected = _find(t, "Furosemide")
    assert _format_of(t, corrected).underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert t.tooltip_at(t.word_rect(*corrected).center()) == "heard: “Furious Mide” (corrected to “Furosemide”)"
    t.select_words(corrected, (corrected[0], corrected[1] + 2))
    menu = t.context_menu(t.word_rect(*corrected).center())
    assert not {a.objectName() for a in menu.actions()} & {"fixAction", "makeCardAction"}
    menu.deleteLater()
    assert not t.request_fix()
