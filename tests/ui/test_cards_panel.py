# ruff: noqa: F811  (pytest fixtures imported from tests.ui.window_fixtures are parameters here)
"""The cards panel as a student uses it: Save keeps a draft a draft, Accept is its own step, switching cards never
accepts, check marks with their reasons and words (and one click to hear them), bulk accept asks about flagged
cards, a card made from a chosen moment, and badges that say where a card really went."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from studycompanion.core.anki.export import export_deck
from studycompanion.core.interests.models import Credibility
from studycompanion.core.types import CardState, ExportTarget
from studycompanion.services import Services
from studycompanion.ui.cards.card_list import CHECK_MARK
from studycompanion.ui.cards.panel import CardsPanel
from studycompanion.ui.common.worker import Worker
from tests.ui.ui_fixtures import clip_with_cards
from tests.ui.window_fixtures import WindowFactory, make_window  # noqa: F401

pytestmark = pytest.mark.slow  # real media and card generation


def _panel(qtbot: QtBot, services: Services, worker: Worker, vid: int) -> CardsPanel:
    panel = CardsPanel(services, worker)
    qtbot.addWidget(panel)
    panel.resize(700, 800)
    panel.show()
    panel.set_video(vid)
    qtbot.waitUntil(lambda: len(panel.cards()) > 0 and panel.current_card() is not None, timeout=10_000)
    return panel


def _row(panel: CardsPanel, i: int) -> str:
    return panel.list.item(i).text()


def test_save_keeps_a_draft_and_accept_is_its_own_step(qtbot: QtBot, services: Services, worker: Worker,
                                                       tmp_path: Path) -> None:
    vid = clip_with_cards(services, tmp_path)
    services.creators.mark("drmike.meded", Credibility.PHYSICIAN)
    panel = _panel(qtbot, services, worker, vid)
    store = services.card_store
    first = panel.current_card()
    assert first is not None and first.id is not None
    assert _row(panel, 0).startswith("Draft · Cloze")
    assert "stays a draft" in panel.save_button.toolTip()
    panel.front_edit.setPlainText("{{c1::Furosemide}} acts on the thick ascending limb, my words.")
    assert panel.is_dirty()
    panel.save()
    qtbot.waitUntil(lambda: store.get(first.id).edited, timeout=5_000)  # type: ignore[arg-type]
    assert store.get(first.id).state == CardState.DRAFT
    qtbot.waitUntil(lambda: not panel.is_dirty(), timeout=5_000)
    assert _row(panel, 0).startswith("Draft · ") and panel.accept_button.text() == "Accept"

    # an unsaved edit, then another card: the edit is kept as the draft's edit, never accepted
    panel.front_edit.setPlainText("{{c1::Furosemide}} is a loop diuretic, typed then left.")
    panel.list.setCurrentRow(1)
    qtbot.waitUntil(lambda: store.get(first.id).front.endswith("typed then left."), timeout=5_000)  # type: ignore
    assert store.get(first.id).state == CardState.DRAFT
    assert panel.current_card() is not None and panel.current_card().id != first.id  # type: ignore[union-attr]

    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.front_edit.toPlainText().endswith("typed then left."), timeout=5_000)
    text = panel.front_edit.toPlainText()
    cursor = panel.front_edit.textCursor()  # select " loop diuretic" (with the space before it) and hide it
    cursor.setPosition(text.index(" loop diuretic"))
    cursor.setPosition(text.index(" loop diuretic") + len(" loop diuretic"), cursor.MoveMode.KeepAnchor)
    panel.front_edit.setTextCursor(cursor)
    panel.cloze_selection()
    assert panel.front_edit.toPlainText() == "{{c1::Furosemide}} is a {{c2::loop diuretic}}, typed then left."
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get(first.id).state == CardState.ACCEPTED, timeout=5_000)  # type: ignore
    qtbot.waitUntil(lambda: _row(panel, 0).startswith("Accepted · "), timeout=5_000)
    assert store.get(first.id).front == "{{c1::Furosemide}} is a {{c2::loop diuretic}}, typed then left."  # type: ignore


def test_check_marks_show_reasons_highlight_words_and_play_them(qtbot: QtBot, services: Services,
                                                                worker: Worker, tmp_path: Path) -> None:
    vid = clip_with_cards(services, tmp_path)  # the creator is not verified: every card says check
    panel = _panel(qtbot, services, worker, vid)
    assert all(CHECK_MARK in _row(panel, i) for i in range(panel.list.count()))
    assert "not verified as a physician or resident" in panel.list.item(0).toolTip()
    editor = panel._editor
    assert editor.check_label.isVisible() and editor.check_label.text().startswith("⚠ Check: ")

    services.creators.mark("drmike.meded", Credibility.PHYSICIAN)
    card = panel.cards()[0]
    assert card.id is not None
    services.card_store.edit(card.id, front="Give {{c1::Furosemide}}, not less than 40 mg.")
    panel.reload()
    qtbot.waitUntil(lambda: "40 mg" in _row(panel, 0), timeout=5_000)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: "number or dose" in editor.check_label.text(), timeout=5_000)
    assert CHECK_MARK in _row(panel, 0) and CHECK_MARK not in _row(panel, 1)  # a verified creator now
    assert "negation" in editor.check_label.text()
    assert {w.lower() for w in editor.highlighted()} >= {"40 mg", "not"}  # the words in question, marked

    # a word the recogniser was unsure of: highlighted, and one click plays exactly it
    segments = services.library.transcript(vid)
    word = next(w for s in segments for w in s.words if w.text.strip().lower() == "furosemide")
    from dataclasses import replace

    from studycompanion.core.types import Segment

    unsure = [Segment(s.start, s.end, s.text, [replace(w, probability=0.2) if w == word else w for w in s.words])
              for s in segments]
    services.library.set_transcript(vid, unsure)
    services.card_store.edit(card.id, front="{{c1::Furosemide}} works on the thick ascending limb.")
    panel.reload()
    qtbot.waitUntil(lambda: "unsure" in editor.check_label.text(), timeout=5_000)
    assert "Furosemide" in editor.highlighted() and editor.hear_button.isVisible()
    with qtbot.waitSignal(panel.play_span_requested, timeout=2_000) as played:
        qtbot.mouseClick(editor.hear_button, Qt.MouseButton.LeftButton)
    assert played.args == [pytest.approx(word.start), pytest.approx(word.end)]


def test_bulk_accept_asks_before_accepting_flagged_cards(qtbot: QtBot, services: Services, worker: Worker,
                                                         tmp_path: Path) -> None:
    vid = clip_with_cards(services, tmp_path)
    services.creators.mark("drmike.meded", Credibility.PHYSICIAN)
    store = services.card_store
    flagged = store.list_cards(video_ids=[vid])[0]
    assert flagged.id is not None
    store.edit(flagged.id, front="Give {{c1::furosemide}} 40 mg IV.")  # a dose: check it
    panel = _panel(qtbot, services, worker, vid)
    qtbot.waitUntil(lambda: CHECK_MARK in _row(panel, 0), timeout=5_000)
    n = len(panel.cards())
    qtbot.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible(), timeout=5_000)
    box = panel.confirm_box
    assert box is not None and f"1 of these {n} drafts is flagged for checking" in box.text()
    only = next(b for b in box.buttons() if b.text() == f"Only the {n - 1} unflagged")
    assert next(b for b in box.buttons() if b.text() == f"Accept all {n}")
    qtbot.mouseClick(only, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(c.state == CardState.ACCEPTED for c in store.list_cards(video_ids=[vid])
                                if c.id != flagged.id), timeout=5_000)
    assert store.get(flagged.id).state == CardState.DRAFT
    qtbot.waitUntil(lambda: "1 flagged left to check" in panel.summary.text(), timeout=5_000)

    qtbot.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible(), timeout=5_000)
    box = panel.confirm_box
    assert box is not None
    assert not any(b.text().startswith("Only the") for b in box.buttons())  # every draft left is flagged: no
    cancel = box.button(QMessageBox.StandardButton.Cancel)                   # greyed "Only the 0 unflagged"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert store.get(flagged.id).state == CardState.DRAFT  # cancelled: nothing accepted
    qtbot.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible(), timeout=5_000)
    box = panel.confirm_box
    assert box is not None
    qtbot.mouseClick(next(b for b in box.buttons() if b.text() == "Accept all 1"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get(flagged.id).state == CardState.ACCEPTED, timeout=5_000)  # type: ignore


def test_a_card_from_a_chosen_moment_and_truthful_badges(qtbot: QtBot, services: Services, worker: Worker,
                                                         tmp_path: Path) -> None:
    vid = clip_with_cards(services, tmp_path)
    panel = _panel(qtbot, services, worker, vid)
    before = len(panel.cards())
    seg = next(s for s in services.library.transcript(vid) if "furosemide" in s.text.lower())
    word = next(w for w in seg.words if w.text.strip().lower() == "furosemide")
    panel.make_card_at(word.start, until=word.end)  # what the transcript view's "Make card" calls
    qtbot.waitUntil(lambda: len(panel.cards()) == before + 1, timeout=10_000)
    made = panel.current_card()
    assert made is not None and made.state == CardState.DRAFT and "{{c1::" in made.front
    assert made.start == word.start and made.frame_file and made.audio_file  # its sentence starts there
    assert panel.front_edit.toPlainText() == made.front  # shown in the editor, ready to check and accept

    store = services.card_store
    store.accept([c.id for c in store.list_cards(video_ids=[vid]) if c.id is not None])
    export_deck(store, services.library, tmp_path / "deck.apkg", creators=services.creators, video_ids=[vid])
    panel.reload()
    qtbot.waitUntil(lambda: _row(panel, 0).startswith("Exported to file · "), timeout=5_000)
    assert not any("In Anki" in _row(panel, i) for i in range(panel.list.count()))
    assert all(c.exported_to == ExportTarget.FILE for c in store.list_cards(video_ids=[vid]))


def test_in_a_1024x640_window_the_check_reasons_and_the_editor_buttons_are_shown_whole(
        qtbot: QtBot, services: Services, make_window: WindowFactory, tmp_path: Path) -> None:
    """The Cards tab of a clip in a small window: the reasons are not cut after a line or two (they were given
    one line's height beside the Hear button) and no editor button is narrower than its text (six in one row
    were squeezed to "de selectic")."""
    vid = clip_with_cards(services, tmp_path)  # unverified creator: every card has a reason to check
    window = make_window()
    window.resize(1024, 640)
    window.open_clip(vid)
    view = window.clip_view
    qtbot.waitUntil(lambda: view.current_video() is not None, timeout=10_000)
    view.tabs.setCurrentWidget(view.cards)
    editor = view.cards._editor
    qtbot.waitUntil(lambda: editor.check_label.isVisible(), timeout=5_000)
    services.card_store.edit(view.cards.cards()[0].id or 0, front="{{c1::Furosemide}} is a loop diuretic given "
                             "at 40 mg, and it does not spare potassium.")  # more reasons: a number, a negation
    view.cards.reload()
    qtbot.waitUntil(lambda: "number" in editor.check_label.text(), timeout=5_000)
    qtbot.wait(100)
    label = editor.check_label
    assert label.height() >= label.heightForWidth(label.width()) - 1, (label.width(), label.height(), label.text())
    for button in (editor.cloze_button, editor.play_button, editor.hear_button, editor.revert_button,
                   editor.save_button, editor.reject_button, editor.accept_button):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width() - 2, (button.text(), button.width())
