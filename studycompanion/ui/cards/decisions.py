"""What the student decides about a clip's cards: accept, reject or restore one, and accept all drafts (asking
first, window-modal, when some are flagged for checking); each written through the CardStore on the worker."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from studycompanion.core.cards.store import BulkAccept, CardStore
from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardState
from studycompanion.ui.common.worker import Background


class CardDecisions(QObject):
    """`decided(cards, after_id)`: the cards as the store holds them now, and the card to move on from (None: stay);
    `flagged_left(n)`: an "accept all" left n flagged drafts; `failed(failure)`: a write did not happen."""

    decided = Signal(object, object)  # list[Card], int | None
    flagged_left = Signal(int)
    failed = Signal(object)  # Failure

    def __init__(self, store: CardStore, bg: Background, parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self._bg, self._parent = store, bg, parent
        self.confirm_box: QMessageBox | None = None  # the open "accept flagged cards too?" question

    def set_state(self, card_id: int, state: CardState, advance: bool = False) -> None:
        action = {CardState.ACCEPTED: self.store.accept, CardState.REJECTED: self.store.reject,
                  CardState.DRAFT: self.store.restore}[state]
        self._bg(lambda: action([card_id]), lambda cards: self.decided.emit(cards, card_id if advance else None),
                 self.failed.emit)

    def accept_all(self, drafts: Sequence[Card], flagged: set[int]) -> None:
        """Accept every draft; when some are flagged for checking, ask first (all of them, or only the others)."""
        drafts = list(drafts)
        if not drafts:
            return
        if not flagged:
            self._accept_drafts(drafts, set(), include_flagged=False)
            return
        n, others = len(flagged), len(drafts) - len(flagged)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Accept flagged cards?"),
                          (self.tr("{n} of these {total} drafts is flagged for checking (an unsure or corrected word, "
                                   "a term nobody said, a number, a negation, or an unverified creator). Accept them "
                                   "too?") if n == 1 else
                           self.tr("{n} of these {total} drafts are flagged for checking (an unsure or corrected word, "
                                   "a term nobody said, a number, a negation, or an unverified creator). Accept them "
                                   "too?")).format(n=n, total=len(drafts)),
                          QMessageBox.StandardButton.NoButton, self._parent)
        all_button = box.addButton(self.tr("Accept all {n}").format(n=len(drafts)), QMessageBox.ButtonRole.AcceptRole)
        some_button = None  # offered only when some drafts are unflagged (a greyed "Only the 0 unflagged" said nothing)
        if others:
            some_button = box.addButton(self.tr("Only the {n} unflagged").format(n=others),
                                        QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(some_button or all_button)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            self.confirm_box = None
            if clicked is all_button:
                self._accept_drafts(drafts, flagged, include_flagged=True)
            elif some_button is not None and clicked is some_button:
                self._accept_drafts(drafts, flagged, include_flagged=False)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()  # window-modal, not a nested event loop: the UI keeps running

    def _accept_drafts(self, drafts: list[Card], flagged: set[int], *, include_flagged: bool) -> None:
        store = self.store

        def done(outcome: BulkAccept) -> None:
            self.decided.emit(outcome.accepted, None)
            if outcome.left_flagged:
                self.flagged_left.emit(len(outcome.left_flagged))

        self._bg(lambda: store.accept_drafts(drafts, flagged, include_flagged=include_flagged), done,
                 self.failed.emit)
