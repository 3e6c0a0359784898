"""The clip view: player frames, transcript following and seeking, key points, card edits, tags, notes, favourite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# (exc_type: a missing libpulse raises ImportError, not ModuleNotFoundError, which alone pytest 9 would skip on)
pytest.importorskip("PySide6.QtMultimedia", exc_type=ImportError,
                    reason="Qt Multimedia cannot load here (on Linux: libpulse0 missing); "
                    "tests/ui/test_no_multimedia.py covers the clip view without playback")

from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QVideoFrame
from pytestqt.qtbot import QtBot

from studycompanion.core.cards.store import CardStore
from studycompanion.core.types import CardState, TagSource
from studycompanion.services import Services
from studycompanion.ui.cards.preview import cloze_side, fill
from studycompanion.ui.clip.media_player import MediaPlayerPanel as PlayerPanel
from studycompanion.ui.clip.tag_editor import SuggestedChip, TagChip
from studycompanion.ui.clip.view import ClipView
from studycompanion.ui.common.worker import Worker
from tests.ui.ui_fixtures import clip_with_cards

MEDIA = Path(__file__).resolve().parent.parent / "fixtures" / "media"


@pytest.fixture
def clip(services: Services, tmp_path: Path) -> int:
    return clip_with_cards(services, tmp_path)


@pytest.fixture
def view(qtbot: QtBot, services: Services, worker: Worker, clip: int) -> ClipView:
    v = ClipView(services, worker)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    v.show_clip(clip)
    qtbot.waitUntil(lambda: v.current_video() is not None and bool(v.transcript.lines()), timeout=10_000)
    qtbot.waitUntil(lambda: len(v.cards.cards()) > 0, timeout=10_000)
    return v


# ---- player ------------------------------------------------------------------------------------------


def test_the_player_receives_frames_and_seeks(qtbot: QtBot) -> None:
    panel = PlayerPanel()
    qtbot.addWidget(panel)
    panel.show()
    frames: list[QVideoFrame] = []
    panel.video_sink().videoFrameChanged.connect(lambda f: frames.append(f) if f.isValid() else None)
    panel.load(MEDIA / "murmurs.mp4")
    qtbot.waitUntil(lambda: panel.duration() > 13, timeout=10_000)
    panel.play()
    qtbot.waitUntil(lambda: len(frames) >= 2, timeout=10_000)
    assert frames[-1].size().width() == 160 and frames[-1].size().height() == 96
    qtbot.waitUntil(lambda: panel.position() > 0.4, timeout=10_000)  # the clock runs
    assert panel.is_playing()
    panel.set_rate(1.5)
    assert panel.rate() == pytest.approx(1.5)
    panel.pause()
    panel.seek(9.0)
    qtbot.waitUntil(lambda: abs(panel.position() - 9.0) < 0.6, timeout=5_000)
    assert panel.time_label.text().startswith("0:09")
    panel.unload()


def test_a_loop_keeps_playback_inside_its_span(qtbot: QtBot) -> None:
    panel = PlayerPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.load(MEDIA / "murmurs.mp4")
    qtbot.waitUntil(lambda: panel.duration() > 13, timeout=10_000)
    panel.set_loop((2.0, 3.0))
    assert panel.loop_button.isChecked() and "0:02" in panel.loop_button.text()
    panel.play()
    positions: list[float] = []
    panel.position_changed.connect(positions.append)
    qtbot.wait(2500)  # longer than the span: it must have wrapped
    assert positions and max(positions) < 3.6 and min(positions) >= 1.9
    assert panel.is_playing()
    panel.set_loop(None)
    assert not panel.loop_button.isChecked()
    panel.unload()


def test_a_clip_without_media_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    panel = PlayerPanel()
    qtbot.addWidget(panel)
    panel.load(tmp_path / "missing.mp4", missing="Waiting to download")
    assert panel.poster.text() == "Waiting to download"
    assert not panel.play_button.isEnabled()


# ---- the view ----------------------------------------------------------------------------------------


def test_view_shows_the_clip(view: ClipView, services: Services, clip: int) -> None:
    video = services.library.get(clip)
    assert view.title.text() == video.title
    assert "@drmike.meded" in view.meta.text() and "Open source" in view.meta.text()
    lines = view.transcript.lines()
    assert len(lines) >= 5 and lines[0].text.startswith(services.library.transcript(clip)[0].words[0].text.strip())
    assert view.keypoints.count() == len(services.library.keypoints(clip)) > 0
    assert view.tabs.tabText(1) == f"Key points ({view.keypoints.count()})"
    assert view.tags.tags() == ["Renal::Diuretics"]
    assert len(view.cards.cards()) == len(CardStore(services.db).list_cards(video_ids=[clip]))


def test_transcript_follows_playback_and_seeks_on_click(qtbot: QtBot, view: ClipView) -> None:
    lines = view.transcript.lines()
    target = lines[3]
    view._on_position(target.start + 0.1)
    assert view.transcript.current_line() == target
    assert len(view.transcript.extraSelections()) == 2  # the sentence and the word
    # a click on another line's word seeks the player there
    qtbot.waitUntil(lambda: view.player.duration() > 0, timeout=10_000)
    line = lines[1]
    c0, _c1, t0, _ = line.words[2]
    cursor = view.transcript.textCursor()
    cursor.setPosition(c0 + 1)
    rect = view.transcript.cursorRect(cursor)
    qtbot.mouseClick(view.transcript.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(view.player.position() - t0) < 0.5, timeout=5_000)
    assert view.transcript.current_line() == line


def test_key_point_click_seeks(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    qtbot.waitUntil(lambda: view.player.duration() > 0, timeout=10_000)
    view.tabs.setCurrentWidget(view.keypoints)
    point = services.library.keypoints(clip)[2]
    rect = view.keypoints.visualItemRect(view.keypoints.item(2))
    qtbot.mouseClick(view.keypoints.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(view.player.position() - point.start) < 0.5, timeout=5_000)
    view.keypoints.setCurrentRow(2)
    view.player.loop_requested.emit()  # the loop button with a key point selected loops that point
    assert view.player.loop() == pytest.approx((point.start, point.end))


def test_keyboard_space_and_jkl(qtbot: QtBot, view: ClipView) -> None:
    qtbot.waitUntil(lambda: view.player.duration() > 0, timeout=10_000)
    view.activateWindow()
    view.tabs.setFocus()
    view.player.seek(20.0)
    qtbot.waitUntil(lambda: abs(view.player.position() - 20.0) < 0.5, timeout=5_000)
    qtbot.keyClick(view.tabs, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: abs(view.player.position() - 25.0) < 0.6, timeout=5_000)
    qtbot.keyClick(view.tabs, Qt.Key.Key_J)
    qtbot.keyClick(view.tabs, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: abs(view.player.position() - 15.0) < 0.6, timeout=5_000)
    qtbot.keyClick(view.tabs, Qt.Key.Key_Space)
    qtbot.waitUntil(view.player.is_playing, timeout=5_000)
    qtbot.keyClick(view.tabs, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: not view.player.is_playing(), timeout=5_000)
    # typing in the notes types, it does not play
    view.notes.setFocus()
    qtbot.keyClick(view.notes, Qt.Key.Key_Space)
    qtbot.keyClick(view.notes, Qt.Key.Key_J)
    assert view.notes.toPlainText().endswith(" j")
    assert not view.player.is_playing()


def test_a_card_edit_persists(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    store = CardStore(services.db)
    panel = view.cards
    view.tabs.setCurrentWidget(panel)
    panel.list.setCurrentRow(1)
    card = panel.current_card()
    assert card is not None and card.id is not None
    qtbot.waitUntil(lambda: "[...]" in panel.preview_text(), timeout=5_000)
    new_text = "Loop diuretics waste {{c1::calcium}}; thiazides spare it."
    panel.front_edit.setPlainText(new_text)
    assert panel.save_button.isEnabled()
    # the preview shows the unsaved text as Anki will (cloze hidden on the front, shown on the back)
    qtbot.waitUntil(lambda: "thiazides spare it" in panel.preview_text(), timeout=5_000)
    assert "Loop diuretics waste [...]" in panel.preview_text()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get(card.id).front == new_text, timeout=5_000)
    saved = store.get(card.id)
    assert saved.edited and saved.state == CardState.DRAFT  # Save keeps a draft a draft; Accept is its own action
    qtbot.waitUntil(lambda: not panel.is_dirty() and not panel.save_button.isEnabled(), timeout=5_000)
    assert panel.accept_button.text() == "Accept" and panel.accept_button.isEnabled()
    assert "Draft" in panel.list.item(1).text() and "Accepted" not in panel.list.item(1).text()
    # a fresh view reads the edit back
    view.show_clip(clip)
    qtbot.waitUntil(lambda: any(c.front == new_text for c in view.cards.cards()), timeout=10_000)


def test_an_invalid_edit_is_refused_with_the_reason(qtbot: QtBot, view: ClipView, services: Services) -> None:
    panel = view.cards
    view.tabs.setCurrentWidget(panel)
    panel.list.setCurrentRow(0)
    card = panel.current_card()
    assert card is not None and card.id is not None
    panel.front_edit.setPlainText("No deletion left in this text")
    panel.save()
    qtbot.waitUntil(lambda: panel.error_label.isVisible(), timeout=5_000)
    assert "cloze" in panel.error_label.text().lower()
    assert panel.is_dirty()  # the typing is kept to fix
    assert CardStore(services.db).get(card.id).front == card.front


def test_reject_restore_accept_and_cloze_selection(qtbot: QtBot, view: ClipView, services: Services) -> None:
    store = CardStore(services.db)
    panel = view.cards
    panel.list.setCurrentRow(0)
    first = panel.current_card()
    assert first is not None and first.id is not None
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get(first.id).state == CardState.REJECTED, timeout=5_000)
    qtbot.waitUntil(lambda: panel.list.item(0).font().strikeOut(), timeout=5_000)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.reject_button.text() == "Restore", timeout=5_000)
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get(first.id).state == CardState.DRAFT, timeout=5_000)
    # hide the selected words as a new deletion, then accept (saves the edit first)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.current_card() is not None and panel.current_card().id == first.id,
                    timeout=5_000)
    text = panel.front_edit.toPlainText()
    # the drafted cloze follows the key-point rules: hide the first longer word that is not hidden yet
    hidden = [(m.start(), m.end()) for m in re.finditer(r"\{\{c\d+::.*?\}\}", text)]
    numbers = [int(n) for n in re.findall(r"\{\{c(\d+)::", text)]
    match = next(m for m in re.finditer(r"[A-Za-z]{5,}", text)
                 if not any(a <= m.start() < b for a, b in hidden))
    word, expected = match.group(0), f"{{{{c{max(numbers, default=0) + 1}::{match.group(0)}}}}}"
    cursor = panel.front_edit.textCursor()
    cursor.setPosition(match.start())
    cursor.setPosition(match.end(), cursor.MoveMode.KeepAnchor)
    panel.front_edit.setTextCursor(cursor)
    panel.cloze_selection()
    assert expected in panel.front_edit.toPlainText(), (word, panel.front_edit.toPlainText())
    assert panel.is_dirty()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get(first.id).state == CardState.ACCEPTED, timeout=5_000)
    assert expected in store.get(first.id).front
    qtbot.waitUntil(lambda: "Accepted" in panel.list.item(0).text(), timeout=5_000)


def test_tags_added_and_removed_in_the_ui_persist(qtbot: QtBot, view: ClipView, services: Services,
                                                  clip: int) -> None:
    services.library.tags.tag(clip, ["Pharm::Diuretics"])  # another tag in the library: offered by the completer
    view.show_clip(clip)
    qtbot.waitUntil(lambda: "Pharm::Diuretics" in view.tags.tags(), timeout=10_000)
    services.library.tags.untag(clip, ["Pharm::Diuretics"])
    view.show_clip(clip)
    qtbot.waitUntil(lambda: "Pharm::Diuretics" not in view.tags.tags(), timeout=10_000)
    assert "Pharm::Diuretics" in view.tags.known_tags()
    view.tags.completer.setCompletionPrefix("pharm")
    assert view.tags.completer.currentCompletion() == "Pharm::Diuretics"
    qtbot.keyClicks(view.tags.input, "Step1")
    qtbot.keyClick(view.tags.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Step1" in services.library.tags.tags_for(clip), timeout=5_000)
    qtbot.waitUntil(lambda: "Step1" in view.tags.tags(), timeout=5_000)
    chip = next(c for c in view.tags.findChildren(TagChip) if c.name == "Renal::Diuretics")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.library.tags.tags_for(clip) == ["Step1"], timeout=5_000)
    qtbot.waitUntil(lambda: view.tags.tags() == ["Step1"], timeout=5_000)


def test_suggested_tags_are_kept_or_dropped(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    from studycompanion.core.interests.suggestions import TagSuggestions

    services.library.tags.tag(clip, ["Pharm::Diuretics", "Renal::Physiology"], TagSource.SUGGESTED)
    view.show_clip(clip)
    qtbot.waitUntil(lambda: len(view.tags.suggested()) == 2, timeout=10_000)
    chips = {c.name: c for c in view.tags.findChildren(SuggestedChip)}
    assert set(chips) == {"Pharm::Diuretics", "Renal::Physiology"}
    assert not any(c.name in chips for c in view.tags.findChildren(TagChip))  # shown apart from the own tags
    qtbot.mouseClick(chips["Pharm::Diuretics"], Qt.MouseButton.LeftButton)  # a click keeps it
    suggestions = TagSuggestions(services.library)
    qtbot.waitUntil(lambda: suggestions.suggested(clip) == ["Renal::Physiology"], timeout=5_000)
    qtbot.waitUntil(lambda: view.tags.suggested() == ["Renal::Physiology"], timeout=5_000)
    assert "Pharm::Diuretics" in view.tags.tags()
    chip = next(c for c in view.tags.findChildren(SuggestedChip) if c.name == "Renal::Physiology")
    chip.drop_action.trigger()
    qtbot.waitUntil(lambda: "Renal::Physiology" not in services.library.tags.tags_for(clip), timeout=5_000)
    qtbot.waitUntil(lambda: view.tags.suggested() == [], timeout=5_000)
    assert "renal::physiology" in suggestions.rejected(clip)


def test_the_creator_mark_shows_and_can_be_set(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    from studycompanion.core.interests.creators import Creators
    from studycompanion.core.interests.models import Credibility

    assert view.creator_button.isVisible() and "check the facts" in view.creator_button.text()
    menu = view.creator_button.menu()
    assert menu is not None
    physician = next(a for a in menu.actions() if a.text() == "Physician")
    physician.trigger()
    qtbot.waitUntil(lambda: Creators(services.db).get("drmike.meded").credibility == Credibility.PHYSICIAN,
                    timeout=5_000)
    qtbot.waitUntil(lambda: view.creator_button.text() == "✓ Physician", timeout=5_000)


def test_notes_are_saved_after_typing_pauses(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "Check the sulfa allergy list")
    assert services.library.get(clip).notes == ""  # not on every key press
    qtbot.waitUntil(lambda: services.library.get(clip).notes == "Check the sulfa allergy list", timeout=5_000)
    qtbot.waitUntil(lambda: view.notes_state.text() == "Saved", timeout=5_000)
    # leaving the clip saves at once
    qtbot.keyClicks(view.notes, "!")
    view.show_clip(clip)
    qtbot.waitUntil(lambda: services.library.get(clip).notes.endswith("list!"), timeout=5_000)


def test_favourite_toggle_persists(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    changed: list[object] = []
    view.clip_changed.connect(changed.append)
    qtbot.mouseClick(view.favourite_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.library.get(clip).favourite, timeout=5_000)
    qtbot.waitUntil(lambda: bool(changed), timeout=5_000)
    qtbot.mouseClick(view.favourite_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not services.library.get(clip).favourite, timeout=5_000)


def test_source_link_opens_only_when_clicked(qtbot: QtBot, view: ClipView, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("studycompanion.ui.clip.view.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toString()))
    assert opened == []
    view.meta.linkActivated.emit("https://www.youtube.com/shorts/x")
    view.meta.linkActivated.emit("file:///etc/passwd")  # never anything but a web link
    assert opened == ["https://www.youtube.com/shorts/x"]


def test_back_saves_and_asks_to_go_back(qtbot: QtBot, view: ClipView, services: Services, clip: int) -> None:
    view.notes.setPlainText("to revise")
    with qtbot.waitSignal(view.back_requested, timeout=2_000):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.library.get(clip).notes == "to revise", timeout=5_000)


def test_a_missing_clip_reads_as_a_message(qtbot: QtBot, services: Services, worker: Worker) -> None:
    v = ClipView(services, worker)
    qtbot.addWidget(v)
    v.show_clip(4242)
    qtbot.waitUntil(lambda: v.title.text() == "This clip cannot be shown", timeout=5_000)
    assert "4242" in v.meta.text()


def test_a_finished_job_refreshes_the_view(qtbot: QtBot, services: Services, worker: Worker,
                                           tmp_path: Path) -> None:
    from tests.cards_fixtures import add_clip

    vid = add_clip(services, tmp_path, "10_thyroid", tags=["Endo::Thyroid"])
    v = ClipView(services, worker)
    qtbot.addWidget(v)
    v.show()
    v.show_clip(vid)
    qtbot.waitUntil(lambda: v.current_video() is not None, timeout=10_000)
    v.tabs.setCurrentWidget(v.cards)
    assert v.cards.generate_button.isVisible() and not v.cards.cards()
    qtbot.mouseClick(v.cards.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(services.jobs.list_jobs(video_id=vid)), timeout=5_000)
    services.pipeline.run_pending(1)  # the job runs on this thread; its events reach the view by signal
    qtbot.waitUntil(lambda: len(v.cards.cards()) > 0, timeout=10_000)
    qtbot.waitUntil(lambda: v.keypoints.count() > 0, timeout=5_000)


# ---- the preview renderer ------------------------------------------------------------------------------


def test_cloze_sides_render_like_anki() -> None:
    text = "{{c1::Furosemide}} blocks {{c2::NKCC2::a cotransporter}}"
    assert cloze_side(text, 1, answer=False) == '<span class="cloze">[...]</span> blocks NKCC2'
    assert cloze_side(text, 2, answer=False) == 'Furosemide blocks <span class="cloze">[a cotransporter]</span>'
    assert cloze_side(text, 2, answer=True) == 'Furosemide blocks <span class="cloze">NKCC2</span>'
    template = "{{cloze:Text}}{{#Extra}}<div>{{Extra}}</div>{{/Extra}}{{^Audio}}silent{{/Audio}}"
    assert fill(template, {"Text": text, "Extra": ""}, cloze=1) == '<span class="cloze">[...]</span> blocks NKCC2silent'
    assert "<div>more</div>" in fill(template, {"Text": text, "Extra": "more", "Audio": "x"}, cloze=1)

