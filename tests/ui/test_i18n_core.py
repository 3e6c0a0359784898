"""What core builds for the window reads in Spanish once the Spanish translators are installed (ui/common/i18n.py
hands core/text.py QCoreApplication.translate): a card's check reasons and its badge in the Cards tab, For You's
"why this clip" reasons, a review session's summary and an error core raises; removing them brings English back."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.errors import BadInput
from studycompanion.core.review.items import Grade
from studycompanion.core.text import translator_installed
from studycompanion.core.types import CardState
from studycompanion.services import Services
from studycompanion.ui.cards.card_list import summary_text
from studycompanion.ui.cards.panel import CardsPanel
from studycompanion.ui.common.i18n import install_translators, remove_translators
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.foryou.feed_clip import why_text
from studycompanion.ui.foryou.table import for_you_rows
from studycompanion.ui.review.view import ReviewView
from tests.interest_fixtures import ClipSpec, add_clip, card_ids, set_card_state


@pytest.fixture
def spanish() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale("es_ES"))
    assert translators and translator_installed()
    try:
        yield
    finally:
        remove_translators(app, translators)
    assert not translator_installed()


def _clip(services: Services) -> int:
    """A clip from a creator nobody verified (every card is flagged), the first card also holding a dose."""
    return add_clip(services.library, ClipSpec(
        "k1", "Furosemida", transcript="Furosemide forty milligrams IV acts on the loop.", creator="drx",
        tags=["Renal"], cards=["Give {{c1::furosemide}} 40 mg IV.", "{{c1::Furosemide}} acts on the loop."]))


def test_a_card_s_check_reasons_and_badge_are_spanish(qtbot: QtBot, services: Services, worker: Worker,
                                                      spanish: None) -> None:
    vid = _clip(services)
    panel = CardsPanel(services, worker)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_video(vid)
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=10_000)
    row, tip = panel.list.item(0).text(), panel.list.item(0).toolTip()
    assert row.startswith("Borrador · Cloze") and "⚠ revisar" in row
    assert tip.startswith("Revísala antes de aceptarla:")
    assert "• Contiene una cifra o una dosis (40 mg): compruébala." in tip
    assert "• @drx no está verificado como médico ni como residente: contrasta el dato en otra fuente." in tip
    assert "dose" not in tip and "verified" not in tip  # nothing left in English
    checks = services.card_checks.for_cards(panel.cards())
    assert all(isinstance(c, CardCheck) and c.flagged for c in checks.values())
    # the summary line agrees in number and gender ("2 borradores", "1 aceptada"), the old "6 aceptada" bug
    cards = services.card_store.list_cards(video_ids=[vid])
    set_card_state(services.library, cards[0].id or 0, CardState.ACCEPTED)
    cards = services.card_store.list_cards(video_ids=[vid])
    counts = {CardState.ACCEPTED: 1, CardState.DRAFT: 1}
    assert summary_text(cards, counts, has_video=True) == "2 tarjetas: 1 aceptada, 1 borrador"
    assert summary_text(cards, {CardState.ACCEPTED: 6}, has_video=True) == "2 tarjetas: 6 aceptadas"
    assert summary_text(cards[:1], {CardState.DRAFT: 1}, has_video=True) == "1 tarjeta: 1 borrador"
    # an error core raises reads in Spanish too
    with pytest.raises(BadInput) as refused:
        services.card_store.edit(cards[0].id or 0, front="no deletion here")
    assert refused.value.message == "Una tarjeta cloze necesita al menos un hueco, como {{c1::furosemida}}."


def test_for_you_says_why_in_spanish(qtbot: QtBot, services: Services, spanish: None) -> None:
    vid = _clip(services)
    for cid in card_ids(services.library, vid):
        set_card_state(services.library, cid, CardState.ACCEPTED)
    items = services.interests.for_you(10)
    assert items
    spanish_reasons = {"nunca repasado (2 tarjetas)", "nuevo en tu biblioteca", "porque estudias Renal",
                       "está en tu biblioteca"}
    assert set(items[0].reasons) <= spanish_reasons and items[0].reasons, items[0].reasons
    assert "nunca repasado (2 tarjetas)" in items[0].reasons
    why = why_text(items[0])
    assert why.startswith("Por qué este clip: ") and "never" not in why and "library" not in why
    rows, _note = for_you_rows(services)
    assert "nunca repasado (2 tarjetas)" in rows[0].reason


def test_the_review_summary_is_spanish(qtbot: QtBot, services: Services, spanish: None) -> None:
    vid = _clip(services)
    for cid in card_ids(services.library, vid):
        set_card_state(services.library, cid, CardState.ACCEPTED)
    worker = Worker()
    try:
        view = ReviewView(services, worker, autoplay=False)
        qtbot.addWidget(view)
        view.show()
        view.reload()
        view.start()
        qtbot.waitUntil(lambda: view.page() == "card", timeout=5000)
        view.reveal()
        view.grade(Grade.GOOD)
        qtbot.waitUntil(lambda: view.progress_label.text().startswith("Tarjeta 2"), timeout=5000)
        view.end_session()
        qtbot.waitUntil(lambda: view.page() == "summary", timeout=5000)
        text = view.summary_label.text()
        assert text.startswith("<h2>Sesión terminada</h2><p>1 respuesta sobre 1 tarjeta en ")
        assert "(Para ti).</p>" in text  # the view starts with For You
        assert "<p>Otra vez 0  Difícil 0  Bien 1  Fácil 0</p>" in text
        assert "<p>Recordaste el 100 % de ellas.</p>" in text
        # Good on a new card: back in a few minutes (tomorrow, just before midnight); "a la 1:05", "a las 9:05"
        clock = r"(a las (?!1:)\d+|a la 1):\d\d"
        assert re.search(rf"<p>(1 tarjeta por volver a ver hoy; la próxima, |Nada más que ver hoy: la próxima "
                         rf"tarjeta, mañana ){clock}\.</p>", text), text
        for english in ("answer", "cards", "Again", "recalled", "today", "tomorrow"):
            assert english not in text
    finally:
        worker.wait(10_000)
