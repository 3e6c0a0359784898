"""The For You feed's key cards, checked in place: the list of the clip's cards, accept / reject / edit (one key
each), the one-line editor, and the note under them; each change written through the CardStore on the worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardState
from studycompanion.ui.cards.card_list import check_tip
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.foryou.feed_clip import FeedClip, card_row_text

if TYPE_CHECKING:
    from studycompanion.services import Services

CARD_ROLE = Qt.ItemDataRole.UserRole + 1


class FeedCards(QObject):
    """Makes the widgets (`list`, `editor`, the three buttons, `note`) for the feed to lay out, and acts on them.
    `clip_of(video_id)` is the feed's cached clip (its cards are updated in place), `current_id()` the clip on
    screen, `done_editing()` gives the keys back to the feed."""

    def __init__(self, services: Services, worker: Worker, owner: QWidget, *,
                 clip_of: Callable[[int], FeedClip | None], current_id: Callable[[], int | None],
                 done_editing: Callable[[], None]) -> None:
        super().__init__(owner)
        self.services, self.worker, self._owner = services, worker, owner
        self._clip_of, self._current_id, self._done_editing = clip_of, current_id, done_editing
        self.list = QListWidget(owner)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.editor = QLineEdit(owner)
        self.editor.setPlaceholderText(self.tr("Fix the card, Enter saves, Esc cancels"))
        self.editor.returnPressed.connect(self.save_edit)
        self.editor.hide()
        self.accept_button = QPushButton(self.tr("Accept (A)"))
        self.reject_button = QPushButton(self.tr("Reject (X)"))
        self.edit_button = QPushButton(self.tr("Edit (E)"))
        self.accept_button.clicked.connect(lambda: self.set_state(CardState.ACCEPTED))
        self.reject_button.clicked.connect(lambda: self.set_state(CardState.REJECTED))
        self.edit_button.clicked.connect(self.edit)
        self.buttons = (self.accept_button, self.reject_button, self.edit_button)
        self.note = QLabel("")
        self.note.setWordWrap(True)

    def column(self) -> QVBoxLayout:
        """The cards' column as the feed lays it out: "Key cards" and the buttons, the list, the editor, the note."""
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("<b>Key cards</b>")))
        buttons.addStretch(1)
        for b in self.buttons:
            buttons.addWidget(b)
        column = QVBoxLayout()
        column.addLayout(buttons)
        column.addWidget(self.list, 1)
        column.addWidget(self.editor)
        column.addWidget(self.note)
        return column

    @staticmethod
    def card_of(item: QListWidgetItem) -> Card:
        card = item.data(CARD_ROLE)
        assert isinstance(card, Card)
        return card

    def current(self) -> Card | None:
        item = self.list.currentItem()
        return self.card_of(item) if item is not None else None

    def fill(self, cards: list[Card], select_id: int | None = None, checks: dict[int, CardCheck] | None = None
             ) -> None:
        """The clip's cards, each flagged "⚠ check" with its reasons on hover when it holds an unsure word, a
        number, a term nobody said ... (core/cards/checks.py): what is uncertain says so before it is accepted."""
        self.list.clear()
        for card in cards:
            check = (checks or {}).get(card.id or 0)
            item = QListWidgetItem(card_row_text(card, check))
            item.setData(CARD_ROLE, card)
            item.setToolTip(check_tip(check, accepted=card.state in (CardState.ACCEPTED, CardState.EXPORTED)))
            self.list.addItem(item)
            if card.id == select_id:
                self.list.setCurrentItem(item)
        if cards and self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.note.setText("" if cards else self.tr("No cards for this clip yet: open it and “Make cards”."))
        for b in self.buttons:
            b.setEnabled(bool(cards))

    def set_state(self, state: CardState) -> None:
        card = self.current()
        if card is None or card.id is None:
            return
        store, card_id = self.services.card_store, card.id
        fn: Callable[[list[int]], list[Card]] = store.accept if state == CardState.ACCEPTED else store.reject
        self._change(lambda: fn([card_id])[0])

    def edit(self) -> None:
        card = self.current()
        if card is None:
            return
        self.editor.setText(card.front)
        self.editor.show()
        self.editor.setFocus()

    def save_edit(self) -> None:
        card = self.current()
        text = self.editor.text()
        if card is None or card.id is None:
            return
        store, card_id = self.services.card_store, card.id
        self._change(lambda: store.edit(card_id, front=text), close_editor=True)

    def _change(self, work: Callable[[], Card], *, close_editor: bool = False) -> None:
        vid = self._current_id()
        checks = self.services.card_checks

        def run() -> tuple[Card, CardCheck]:  # on the worker: the change, then the card's check again (an edit
            card = work()                     # may have taken the unsure word out)
            return card, checks.for_card(card)

        def done(result: tuple[Card, CardCheck]) -> None:
            card, check = result
            if close_editor:
                self.editor.hide()
                self._done_editing()
            self.note.setText("")
            clip = self._clip_of(card.video_id)
            if clip is None:
                return
            rejected = card.state == CardState.REJECTED
            if rejected:
                clip.cards = [c for c in clip.cards if c.id != card.id]
            else:
                clip.cards = [card if c.id == card.id else c for c in clip.cards]
                if card.id is not None:
                    clip.checks[card.id] = check
            if vid == self._current_id():
                self.fill(clip.cards, None if rejected else card.id, clip.checks)
                if rejected:
                    self.note.setText(self.tr("Rejected: it will not go to Anki."))

        def failed(failure: Failure) -> None:
            self.note.setText(failure.message)  # e.g. "A cloze card needs at least one deletion"

        self.worker.run(run, owned(self._owner, done), owned(self._owner, failed))
