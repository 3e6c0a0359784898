"""The review session view: choose tags, each card with its key moment, reveal, grade with the keys, summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studycompanion.core.interests.creators import Creators
from studycompanion.core.interests.models import Credibility
from studycompanion.core.review.sessions import Grade, Reviews
from studycompanion.core.types import CardState
from studycompanion.services import Services
from studycompanion.ui.clip.playback import multimedia_problem
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.review.view import ReviewView, cloze_html
from tests.interest_fixtures import ClipSpec, card_ids, set_card_state
from tests.interest_fixtures import add_clip as add_draft_clip
from tests.ui.ui_fixtures import clip_with_cards


def add_clip(library: Any, spec: ClipSpec) -> int:
    """A clip whose cards the student accepted (review quizzes accepted cards only, by default)."""
    vid = add_draft_clip(library, spec)
    for cid in card_ids(library, vid):
        set_card_state(library, cid, CardState.ACCEPTED)
    return vid


def _view(qtbot: QtBot, services: Services, worker: Worker) -> ReviewView:
    view = ReviewView(services, worker, autoplay=False)
    qtbot.addWidget(view)
    view.resize(1000, 760)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.reload()
    return view


def test_cloze_html_blanks_then_answers() -> None:
    text = "{{c1::Furosemide}} acts on the <loop> with {{c2::NKCC2::a cotransporter}}"
    assert cloze_html(text, False) == ("<span style='color:#0a66c2'>[...]</span> acts on the &lt;loop&gt; with "
                                       "<span style='color:#0a66c2'>[a cotransporter]</span>")
    assert "<b style='color:#0a66c2'>NKCC2</b>" in cloze_html(text, True)


def test_a_session_by_tag_with_the_keyboard(qtbot: QtBot, services: Services, worker: Worker) -> None:
    add_clip(services.library, ClipSpec("as", "Aortic stenosis", creator="anon", tags=["Cardio::Murmurs"],
                                        cards=["{{c1::Aortic stenosis}} is crescendo decrescendo",
                                               "AS radiates to the {{c1::carotids}}"]))
    add_clip(services.library, ClipSpec("pulm", "Asthma", creator="drmike", tags=["Pulm"],
                                        cards=["{{c1::Albuterol}} relieves wheeze"]))
    Creators(services.db).mark("drmike", Credibility.PHYSICIAN)
    view = _view(qtbot, services, worker)
    qtbot.waitUntil(lambda: view.tag_list.count() == 2, timeout=5000)
    view.set_scope(["Cardio"])
    qtbot.waitUntil(lambda: view.counts_label.text() == "0 due · 2 new", timeout=5000)
    assert view.start_button.isEnabled()

    qtbot.keyClick(view, Qt.Key.Key_Space)  # Space starts from the setup page
    qtbot.waitUntil(lambda: view.page() == "card", timeout=5000)
    item = view.current_item()
    assert item is not None and item.clip_title == "Aortic stenosis"
    assert "[...]" in view.prompt_label.text() and view.answer_label.text() == ""
    assert view.verify_label.isVisibleTo(view)  # an unmarked creator: check the fact
    assert not view.grade_buttons[Grade.GOOD].isEnabled()
    assert view.progress_label.text() == "Card 1 · 2 left"
    qtbot.keyClick(view, Qt.Key.Key_3)  # grading before the reveal does nothing
    assert view.current_item() == item

    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.is_revealed() and "<b" in view.answer_label.text()
    qtbot.keyClick(view, Qt.Key.Key_1)  # Again: the card comes back in this session
    qtbot.waitUntil(lambda: view.current_item() is not None and view.current_item() != item
                    and not view.is_revealed(), timeout=5000)
    assert view.progress_label.text() == "Card 2 · 1 left · 1 coming back"  # right after the grade
    while view.page() == "card" and view.current_item() is not None:
        current = view.current_item()
        view.reveal()
        qtbot.keyClick(view, Qt.Key.Key_3)
        qtbot.waitUntil(lambda c=current: view.page() != "card" or view.current_item() != c or not view.is_revealed(),
                        timeout=5000)
    qtbot.waitUntil(lambda: view.page() == "summary", timeout=5000)
    summary = view.summary()
    assert summary is not None and summary.cards == 2 and summary.counts[Grade.AGAIN] == 1
    shown = view.summary_label.text()
    assert "Session done" in shown and "Again 1" in shown and "UTC" not in shown
    assert "to see again today" in shown or "Nothing more to see today" in shown
    assert Reviews(services.library).history()[0].session_id == summary.session_id


@pytest.mark.skipif(multimedia_problem() is not None,
                    reason="plays the clip: Qt Multimedia cannot load here (libpulse0)")
def test_for_you_session_plays_the_key_moment(qtbot: QtBot, services: Services, worker: Worker,
                                              tmp_path: Path) -> None:
    vid = clip_with_cards(services, tmp_path)
    view = _view(qtbot, services, worker)
    qtbot.waitUntil(lambda: view.counts_label.text() == "Nothing to review here yet.", timeout=10_000)
    store = services.card_store  # drafts are not quizzed; accepted cards are
    store.accept([c.id for c in store.list_cards(video_ids=[vid]) if c.id is not None])
    view.reload()
    qtbot.waitUntil(lambda: view.start_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(view.open_clip_requested, timeout=5000) as opened:
        view.start()
        qtbot.waitUntil(lambda: view.page() == "card", timeout=10_000)
        item = view.current_item()
        assert item is not None and item.video_id == vid and item.media_path is not None
        # before the answer: no frame, no audio (they would give it away)
        assert view.player is None or not view.player.isVisible()
        assert view.moment_label.text() == "The clip's key moment plays once you show the answer."
        view.reveal()
        assert view.player is not None and view.player.isVisible() and view.moment_shown()
        assert view.player.loop() == (item.start, max(item.end, item.start + 1.0))
        assert not view.player.player.source().isEmpty()
        assert view.moment_label.text().startswith("Key moment ")
        view.open_button.click()
    assert opened.args == [vid, item.start]
    view.end_session()
    qtbot.waitUntil(lambda: view.page() == "summary", timeout=5000)
    assert view.summary() is not None and view.summary().reviewed == 0  # type: ignore[union-attr]


def test_the_extra_line_shows_the_card_s_text_as_written(qtbot: QtBot, services: Services,
                                                         worker: Worker) -> None:
    """The Extra is plain text: an apostrophe, a '<' and an '&' show as typed, never as "that&#x27;s"."""
    vid = add_clip(services.library, ClipSpec("k", "Hypokalaemia", tags=["Renal"],
                                              cards=["{{c1::Loop diuretics}} waste potassium"]))
    extra = "That's why K+ < 3.5 & falls"
    (cid,) = card_ids(services.library, vid)
    services.card_store.edit(cid, extra=extra)
    set_card_state(services.library, cid, CardState.ACCEPTED)
    view = _view(qtbot, services, worker)
    qtbot.waitUntil(lambda: view.start_button.isEnabled(), timeout=5000)
    view.start()
    qtbot.waitUntil(lambda: view.page() == "card", timeout=5000)
    assert view.extra_label.text() == ""  # nothing before the reveal
    view.reveal()
    assert view.extra_label.textFormat() == Qt.TextFormat.PlainText
    assert view.extra_label.text() == extra and "&#x27;" not in view.extra_label.text()
    assert view.extra_label.isVisibleTo(view)
    view.end_session()


def test_nothing_to_review_says_so(qtbot: QtBot, services: Services, worker: Worker) -> None:
    add_clip(services.library, ClipSpec("x", "No cards", tags=["Renal"]))
    view = _view(qtbot, services, worker)
    qtbot.waitUntil(lambda: view.counts_label.text() == "Nothing to review here yet.", timeout=5000)
    assert not view.start_button.isEnabled()
    view.set_scope(["Renal"])
    qtbot.waitUntil(lambda: view.counts_label.text() == "Nothing to review here yet.", timeout=5000)


def test_the_tag_list_counts_clips_as_the_sidebar_does(qtbot: QtBot, services: Services, worker: Worker) -> None:
    from studycompanion.core.types import TagSource

    add_clip(services.library, ClipSpec("a", "Aortic stenosis", tags=["Cardio", "Cardio::Murmurs"],
                                        cards=["{{c1::AS}} is crescendo decrescendo"]))
    add_clip(services.library, ClipSpec("b", "Mitral regurgitation", tags=["Cardio::Murmurs"],
                                        cards=["{{c1::MR}} is holosystolic"]))
    c = add_clip(services.library, ClipSpec("c", "Heart failure", tags=["Cardio"], cards=["{{c1::BNP}} rises"]))
    services.library.tags.tag(c, ["Renal"], TagSource.SUGGESTED)  # a suggestion nobody confirmed
    services.library.tags.tag(c, ["Cardio::Murmurs"], TagSource.SUGGESTED)  # would count clip c a second time
    view = _view(qtbot, services, worker)
    qtbot.waitUntil(lambda: view.tag_list.count() == 2, timeout=5000)
    shown = [view.tag_list.item(i).text() for i in range(view.tag_list.count())]
    sidebar = services.library.tags.tag_clip_counts()
    # Cardio: clips a, b (below it, in Cardio::Murmurs) and c, each once; Murmurs: a and b; Renal (only suggested) not
    assert shown == ["Cardio  (3 clips)", "Cardio::Murmurs  (2 clips)"]
    assert sidebar["Cardio"] == 3 and sidebar["Cardio::Murmurs"] == 2 and "Renal" not in sidebar
