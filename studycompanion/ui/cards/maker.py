"""Cards the student asks for by hand: from the line said at a moment, or from the words said between two times
(core make_card_at on the worker), with the media the settings ask for."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.tables import Card
from studycompanion.core.jobs.cards_step import make_card_at
from studycompanion.core.types import CardKind
from studycompanion.ui.common.worker import Background


class CardMaker(QObject):
    """`make(video_id, seconds, ...)` drafts one card in the background; `made(card, video_id)` or `failed(failure)`
    tells how it went."""

    made = Signal(object, int)  # the Card, the clip it was made for
    failed = Signal(object)  # Failure

    def __init__(self, services: Any, store: CardStore, bg: Background, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services, self.store, self._bg = services, store, bg

    def make(self, video_id: int, seconds: float, *, until: float | None = None, cloze_word: str | None = None,
             basic: bool = False) -> None:
        library, store = self.services.library, self.store
        media = bool(getattr(self.services.settings, "card_media", True))
        kind = CardKind.BASIC if basic else CardKind.CLOZE

        def make() -> Card:
            return make_card_at(library, store, video_id, seconds, until=until, cloze_word=cloze_word, kind=kind,
                                with_media=media)

        self._bg(make, lambda card: self.made.emit(card, video_id), self.failed.emit)
