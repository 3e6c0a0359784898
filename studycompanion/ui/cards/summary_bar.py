"""The row above a clip's card list: how many cards in which state, "Make cards" while there are none, and
"Accept all drafts" while there are drafts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardState
from studycompanion.ui.cards.card_list import count_states, summary_text


class CardsSummaryBar(QWidget):
    """`summary`, `generate_button` and `accept_all_button`; the panel connects the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_all_button = QPushButton(self.tr("Accept all drafts"), self)
        self.accept_all_button.setToolTip(self.tr("Accept every draft of this clip (it asks first about drafts flagged "
                                                  "for checking)"))
        self.generate_button = QPushButton(self.tr("Make cards"), self)
        self.generate_button.setToolTip(self.tr("Find key points and draft cards from the transcript (runs in the "
                                                "background)"))
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.generate_button)
        top.addWidget(self.accept_all_button)

    def show_cards(self, cards: Sequence[Card], *, has_video: bool) -> dict[CardState, int]:
        """Count the cards, say so, and offer what fits; returns the counts."""
        counts = count_states(list(cards))
        self.summary.setText(summary_text(list(cards), counts, has_video=has_video))
        self.accept_all_button.setEnabled(counts.get(CardState.DRAFT, 0) > 0)
        self.generate_button.setVisible(not cards and has_video)
        return counts

    def add_note(self, note: str) -> None:
        """Add a remark to the summary (" · 2 flagged left to check")."""
        self.summary.setText(self.summary.text() + f" · {note}")
