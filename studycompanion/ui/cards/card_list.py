"""The cards panel's list: one row per card with its state, kind and time, and its text (cloze shown as [term])."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardKind, CardState
from studycompanion.ui.common.blocking import signals_blocked

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_BADGES = {
    CardState.DRAFT: "Draft",
    CardState.ACCEPTED: "Accepted",
    CardState.REJECTED: "Rejected",
    CardState.EXPORTED: "In Anki",
}
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::.*?)?\}\}", re.DOTALL)


def card_summary(card: Card) -> str:
    """One line for the list: cloze deletions shown as [term], a basic card as question → answer."""
    if card.kind == CardKind.CLOZE:
        return _CLOZE.sub(lambda m: f"[{m.group(1)}]", card.front)
    return f"{card.front} → {card.back}"


def card_item(card: Card, palette: QPalette) -> QListWidgetItem:
    """The card's row: rejected ones struck out and greyed, accepted ones green (lighter on a dark palette)."""
    kind = "Cloze" if card.kind == CardKind.CLOZE else "Basic"
    item = QListWidgetItem(f"{STATE_BADGES[card.state]} · {kind} · {format_time(card.start)}\n"
                           f"{card_summary(card)}")
    item.setData(CARD_ROLE, card.id)
    font = item.font()
    if card.state == CardState.REJECTED:
        font.setStrikeOut(True)
        item.setForeground(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
    elif card.state in (CardState.ACCEPTED, CardState.EXPORTED):
        item.setForeground(QColor("#2e7d32") if palette.window().color().lightness() > 128
                           else QColor("#81c784"))
    item.setFont(font)
    item.setToolTip("Edit it below; the preview shows it as Anki will.")
    return item


def count_states(cards: Sequence[Card]) -> dict[CardState, int]:
    counts: dict[CardState, int] = {}
    for c in cards:
        counts[c.state] = counts.get(c.state, 0) + 1
    return counts


def summary_text(cards: Sequence[Card], counts: dict[CardState, int], *, has_video: bool) -> str:
    """'3 cards: 2 draft, 1 accepted'; 'No cards yet.' for a clip without any, nothing without a clip."""
    if not cards:
        return "No cards yet." if has_video else ""
    parts = [f"{n} {STATE_BADGES[s].lower()}" for s, n in counts.items()]
    return f"{len(cards)} cards: " + ", ".join(parts)


class CardList(QListWidget):
    """Rows in the order given; `CARD_ROLE` holds each row's card id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    def fill(self, cards: Sequence[Card], palette: QPalette) -> None:
        """One row per card, without signalling a change of the current row."""
        with signals_blocked(self):
            self.clear()
            for card in cards:
                self.addItem(card_item(card, palette))

    def refresh_row(self, row: int, card: Card, palette: QPalette) -> None:
        """Show a card's new state and text in its row (the row stays, and so does the selection)."""
        item = self.item(row)
        fresh = card_item(card, palette)
        item.setText(fresh.text())
        item.setFont(fresh.font())
        item.setForeground(fresh.foreground())

    @staticmethod
    def card_id(item: QListWidgetItem | None) -> int | None:
        return item.data(CARD_ROLE) if item is not None else None
