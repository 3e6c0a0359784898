"""The cards panel's list: one row per card with its state, kind and time, and its text (cloze shown as [term])."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from studycompanion.core.cards import cloze
from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.cards.lifecycle import place_label
from studycompanion.core.cards.source import format_time
from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardKind, CardState, ExportTarget
from studycompanion.ui.common.blocking import signals_blocked
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_BADGES = {
    CardState.DRAFT: QT_TRANSLATE_NOOP("CardList", "Draft"),
    CardState.ACCEPTED: QT_TRANSLATE_NOOP("CardList", "Accepted"),
    CardState.REJECTED: QT_TRANSLATE_NOOP("CardList", "Rejected"),
    CardState.EXPORTED: QT_TRANSLATE_NOOP("CardList", "Exported"),  # the row says "In Anki" / "Exported to file"
}  # English source texts: show them through QCoreApplication.translate("CardList", ...)
CHECK_MARK = QT_TRANSLATE_NOOP("CardList", "⚠ check")


def card_summary(card: Card) -> str:
    """One line for the list: cloze deletions shown as [term], a basic card as question → answer."""
    if card.kind == CardKind.CLOZE:
        return cloze.answer(card.front)
    return f"{card.front} → {card.back}"


def check_tip(check: CardCheck | None, *, accepted: bool = False) -> str:
    """A flagged card's reasons for its tooltip ("" when there is nothing to check); an accepted card is asked to
    be checked against the clip, a draft before it is accepted."""
    if check is None or not check.flagged:
        return ""
    translate = QCoreApplication.translate
    head = (translate("CardList", "Accepted, but check it against the clip:\n{reasons}") if accepted
            else translate("CardList", "Check before you accept it:\n{reasons}"))
    return head.format(reasons="\n".join(f"• {m}" for m in check.messages()))


def card_item(card: Card, palette: QPalette, check: CardCheck | None = None) -> QListWidgetItem:
    """The card's row: where it is (truthfully), a check mark with its reasons, rejected ones struck out and
    greyed, accepted ones green (lighter on a dark palette)."""
    translate = QCoreApplication.translate
    kind = translate("CardList", "Cloze") if card.kind == CardKind.CLOZE else translate("CardList", "Basic")
    flagged = check is not None and check.flagged and card.state != CardState.REJECTED
    flag = f" · {translate('CardList', CHECK_MARK)}" if flagged else ""
    item = QListWidgetItem(f"{place_label(card.state, card.exported_to)} · {kind} · {format_time(card.start)}{flag}\n"
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
    tip = translate("CardList", "Edit it below; the preview shows it as Anki will.")
    if flag and check is not None:
        tip = check_tip(check, accepted=card.state in (CardState.ACCEPTED, CardState.EXPORTED))
    item.setToolTip(tip)
    return item


def count_states(cards: Sequence[Card]) -> dict[CardState, int]:
    counts: dict[CardState, int] = {}
    for c in cards:
        counts[c.state] = counts.get(c.state, 0) + 1
    return counts


def summary_text(cards: Sequence[Card], counts: dict[CardState, int], *, has_video: bool) -> str:
    """'3 cards: 2 draft, 1 accepted'; 'No cards yet.' for a clip without any, nothing without a clip."""
    translate = QCoreApplication.translate
    if not cards:
        return translate("CardList", "No cards yet.") if has_video else ""
    parts = [state_count(s, n) for s, n in counts.items()]
    in_anki = sum(1 for c in cards if c.exported_to == ExportTarget.ANKI and c.state == CardState.EXPORTED)
    if in_anki:
        parts.append(translate("CardList", "{n} in Anki").format(n=in_anki))
    head = (translate("CardList", "{n} card: {parts}") if len(cards) == 1
            else translate("CardList", "{n} cards: {parts}"))
    return head.format(n=len(cards), parts=", ".join(parts))


def state_count(state: CardState, n: int) -> str:
    """'2 draft', '1 accepted': one English form, but a singular and a plural source each (the disambiguation),
    so a translation agrees in number and gender ("2 borradores", "1 aceptada", "6 aceptadas")."""
    translate = QCoreApplication.translate
    one = n == 1
    if state == CardState.DRAFT:
        text = translate("CardList", "{n} draft", "one card") if one else translate("CardList", "{n} draft", "cards")
    elif state == CardState.ACCEPTED:
        text = (translate("CardList", "{n} accepted", "one card") if one
                else translate("CardList", "{n} accepted", "cards"))
    elif state == CardState.REJECTED:
        text = (translate("CardList", "{n} rejected", "one card") if one
                else translate("CardList", "{n} rejected", "cards"))
    else:
        text = (translate("CardList", "{n} exported", "one card") if one
                else translate("CardList", "{n} exported", "cards"))
    return text.format(n=n)


class CardList(QListWidget):
    """Rows in the order given; `CARD_ROLE` holds each row's card id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Cards"))
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    def fill(self, cards: Sequence[Card], palette: QPalette, checks: Mapping[int, CardCheck] | None = None) -> None:
        """One row per card, without signalling a change of the current row."""
        with signals_blocked(self):
            self.clear()
            for card in cards:
                self.addItem(card_item(card, palette, (checks or {}).get(card.id or 0)))

    def refresh_row(self, row: int, card: Card, palette: QPalette, check: CardCheck | None = None) -> None:
        """Show a card's new state and text in its row (the row stays, and so does the selection)."""
        item = self.item(row)
        fresh = card_item(card, palette, check)
        item.setText(fresh.text())
        item.setFont(fresh.font())
        item.setForeground(fresh.foreground())
        item.setToolTip(fresh.toolTip())

    @staticmethod
    def card_id(item: QListWidgetItem | None) -> int | None:
        return item.data(CARD_ROLE) if item is not None else None
