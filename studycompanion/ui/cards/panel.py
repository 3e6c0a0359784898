"""A clip's card drafts: the list, an inline editor with accept / reject, the card as Anki will show it, and the
matching notes of the student's shared deck (`cards_shared_decks`).

Every read and write goes through the CardStore on the worker; the preview is rendered from the real note
fields (core/anki.build_note) of the text being edited, before it is saved. The parts: the list
(`card_list`), the editor (`card_editor`), the preview (`card_preview_pane`, kept current by its
`PreviewUpdater`); accept / reject / accept all are written by `card_decisions`, a card made by hand by
`card_maker`; this panel keeps them in step and sends the edits to the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardKind, CardState
from studycompanion.ui.cards.card_list import (
    CARD_ROLE,
    STATE_BADGES,
    CardList,
    card_summary,
)
from studycompanion.ui.cards.decisions import CardDecisions
from studycompanion.ui.cards.editor import CardEditor
from studycompanion.ui.cards.maker import CardMaker
from studycompanion.ui.cards.preview_pane import CardPreviewPane, PreviewUpdater
from studycompanion.ui.cards.shared_decks import SharedDecksSection
from studycompanion.ui.cards.summary_bar import CardsSummaryBar
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker

__all__ = ["CARD_ROLE", "STATE_BADGES", "CardsPanel", "card_store_of", "card_summary"]


def card_store_of(services: Any) -> CardStore:
    """The services' CardStore (or one over the same database when the composition root has none)."""
    store = getattr(services, "card_store", None)
    return store if isinstance(store, CardStore) else CardStore(services.db)


class CardsPanel(QWidget):
    """List + editor + preview for one clip's cards."""

    seek_requested = Signal(float)
    play_span_requested = Signal(float, float)
    counts_changed = Signal(object)  # dict[CardState, int]
    generate_requested = Signal()
    card_made = Signal(object)  # the Card make_card_at made, once it is in the list
    card_failed = Signal(str)  # why make_card_at could not make one (readable)

    def __init__(self, services: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.store = card_store_of(services)
        self._video_id: int | None = None
        self._cards: list[Card] = []
        self._checks: dict[int, CardCheck] = {}
        self._card: Card | None = None
        self.decisions = CardDecisions(self.store, self._bg, self)
        self.decisions.decided.connect(self._on_decided)
        self.decisions.flagged_left.connect(lambda n: self.summary_bar.add_note(
            self.tr("{n} flagged left to check").format(n=n)))
        self.decisions.failed.connect(self._on_failure)
        self.maker = CardMaker(services, self.store, self._bg, self)
        self.maker.made.connect(self._on_made)
        self.maker.failed.connect(self._on_make_failed)
        self._dirty = False
        self._loading = False
        self._build()

    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any] | None = None,
            failed: Callable[[Failure], Any] | None = None) -> None:
        """Run `fn` on the worker; its callbacks are dropped if this widget is gone by then."""
        self.worker.run(fn, owned(self, done) if done else None, owned(self, failed) if failed else None)

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        top = self.summary_bar = CardsSummaryBar(self)
        self.summary, self.generate_button, self.accept_all_button = (top.summary, top.generate_button,
                                                                      top.accept_all_button)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.generate_button.clicked.connect(self.generate_requested)

        self.list = CardList(self)
        self.list.currentItemChanged.connect(self._on_current_changed)

        editor = self._editor = CardEditor(self)
        self.front_label, self.back_label, self.extra_label = (editor.front_label, editor.back_label,
                                                               editor.extra_label)
        self.front_edit, self.back_edit, self.extra_edit = editor.edits
        self.hint, self.error_label = editor.hint, editor.error_label
        self.cloze_button, self.play_button, self.revert_button = (editor.cloze_button, editor.play_button,
                                                                   editor.revert_button)
        self.save_button, self.reject_button, self.accept_button = (editor.save_button, editor.reject_button,
                                                                    editor.accept_button)
        for edit in editor.edits:
            edit.textChanged.connect(self._on_text_changed)
        self.cloze_button.clicked.connect(self.cloze_selection)
        self.play_button.clicked.connect(self._play_span)
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(lambda: self.save())
        self.reject_button.clicked.connect(self.toggle_reject)
        self.accept_button.clicked.connect(self.accept)
        editor.hear_button.clicked.connect(self.hear_check)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save(),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.cloze_selection,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.preview = CardPreviewPane(self)
        self.preview.play_requested.connect(self._play_span)
        self.previews = PreviewUpdater(self.preview, self.services, self._bg, self.current_card,
                                       lambda: self._editor.values() if self._dirty else {}, self)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("cardsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 3)
        self.list.setMinimumHeight(72)
        self._sized = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(top)
        layout.addWidget(self.splitter, 1)
        self.shared = SharedDecksSection(self.services, self.worker, self)  # the student's AnKing notes (issue 17)
        layout.addWidget(self.shared)
        self._show_card(None)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._sized:  # first show: a short list, the editor as it needs, the preview gets the rest
            self._sized = True
            total = self.splitter.height()
            editor = self._editor.sizeHint().height()
            listed = max(90, min(180, total // 5))
            self.splitter.setSizes([listed, editor, max(120, total - listed - editor)])

    # ---- loading ----------------------------------------------------------------------------------

    def set_video(self, video_id: int | None) -> None:
        self.flush()
        self._video_id = video_id
        self.shared.set_video(video_id)
        self._cards, self._card, self._dirty, self._checks = [], None, False, {}
        self.list.clear()
        self._show_card(None)
        self.reload()

    def video_id(self) -> int | None:
        return self._video_id

    def cards(self) -> list[Card]:
        return list(self._cards)

    def current_card(self) -> Card | None:
        return self._card

    def reload(self, select_id: int | None = None) -> None:
        vid = self._video_id
        if vid is None:
            self._set_cards([], None)
            return
        keep = select_id if select_id is not None else (self._card.id if self._card else None)
        store, checks = self.store, self.services.card_checks

        def read() -> tuple[list[Card], dict[int, CardCheck]]:
            cards = store.list_cards(video_ids=[vid])
            return cards, checks.for_cards(cards)

        self._bg(read, lambda got: self._set_cards(got[0], keep, got[1]) if vid == self._video_id else None,
                 self._on_failure)

    def _set_cards(self, cards: list[Card], select_id: int | None,
                   checks: dict[int, CardCheck] | None = None) -> None:
        self._cards = list(cards)
        if checks is not None:
            self._checks = dict(checks)
        self._loading = True
        try:
            self.list.fill(self._cards, self.palette(), self._checks)
            row = next((i for i, c in enumerate(self._cards) if c.id == select_id), 0 if self._cards else -1)
        finally:
            self._loading = False
        if row >= 0:
            self.list.setCurrentRow(row)
            self._show_card(self._cards[row])
        else:
            self._show_card(None)
        self._update_summary()

    def _update_summary(self) -> None:
        self.counts_changed.emit(self.summary_bar.show_cards(self._cards, has_video=self._video_id is not None))

    # ---- the editor -------------------------------------------------------------------------------

    def check_of(self, card_id: int | None) -> CardCheck | None:
        return self._checks.get(card_id or 0)

    def _show_card(self, card: Card | None) -> None:
        self._card = card
        self._dirty = False
        self._loading = True
        try:
            self._editor.show_card(card)
            if card is not None:
                self._editor.show_check(self.check_of(card.id) if card.state != CardState.REJECTED else None)
        finally:
            self._loading = False
        self._update_buttons()
        if card is None:
            self.preview.clear()
        else:
            self.previews.render_now()

    def _update_buttons(self) -> None:
        self._editor.set_buttons(self._card, self._dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    def _on_text_changed(self) -> None:
        if self._loading or self._card is None:
            return
        self._dirty = self._editor.differs_from(self._card)
        self._editor.highlight()
        self.error_label.hide()
        self._update_buttons()
        self.previews.render_later()

    def cloze_selection(self) -> None:
        """Wrap the selected words of the front in the next free cloze number."""
        card = self._card
        if card is None or card.kind != CardKind.CLOZE:
            return
        if not self._editor.hide_selection():
            self._show_error(self.tr("Select the words to hide first."))

    @property
    def confirm_box(self) -> QMessageBox | None:
        """The open "accept flagged cards too?" question, if any."""
        return self.decisions.confirm_box

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._loading:
            return
        self.flush()
        card_id = CardList.card_id(current)
        self._show_card(next((c for c in self._cards if c.id == card_id), None))

    # ---- saving -----------------------------------------------------------------------------------

    def flush(self) -> None:
        """Save a pending edit now as the card's edit (switching cards or clips never loses typing, and never
        accepts: a draft stays a draft)."""
        if self._dirty and self._card is not None:
            self.save()

    def save(self, then: Callable[[Card], None] | None = None) -> None:
        card = self._card
        if card is None or card.id is None or not self._dirty:
            return
        card_id, values = card.id, self._editor.values()
        if card.kind == CardKind.CLOZE:
            values.pop("back")
        self._dirty = False
        self._update_buttons()

        store, checks = self.store, self.services.card_checks

        def write() -> tuple[Card, CardCheck]:
            saved = store.edit(card_id, **values)
            return saved, checks.for_card(saved)  # the words changed: so may the reasons to check them

        def done(result: tuple[Card, CardCheck]) -> None:
            saved, check = result
            self._checks[card_id] = check
            self._replace(saved)
            if then is not None:
                then(saved)

        self._bg(write, done, self._on_edit_failed(card_id))

    def _on_edit_failed(self, card_id: int) -> Callable[[Failure], None]:
        def failed(failure: Failure) -> None:
            if self._card is not None and self._card.id == card_id:
                self._dirty = True
                self._update_buttons()
                self._show_error(failure.message)
            else:  # the student moved on: tell them where
                self._on_failure(failure)

        return failed

    def _show_error(self, message: str) -> None:
        self._editor.show_error(message)

    def revert(self) -> None:
        self._show_card(self._card)

    def accept(self) -> None:
        card = self._card
        if card is None or card.id is None:
            return
        card_id = card.id
        if self._dirty:
            self.save(then=lambda _saved: self.decisions.set_state(card_id, CardState.ACCEPTED, advance=True))
        else:
            self.decisions.set_state(card_id, CardState.ACCEPTED, advance=True)

    def toggle_reject(self) -> None:
        card = self._card
        if card is None or card.id is None:
            return
        if card.state == CardState.REJECTED:
            self.decisions.set_state(card.id, CardState.DRAFT)
        else:
            self._dirty = False  # a rejected card's unsaved edit is dropped with it
            self.decisions.set_state(card.id, CardState.REJECTED, advance=True)

    def accept_all(self) -> None:
        """Accept every draft; when some are flagged for checking, ask first (all of them, or only the others)."""
        self.flush()
        drafts = [c for c in self._cards if c.state == CardState.DRAFT and c.id is not None]
        flagged = {c.id for c in drafts if c.id is not None and self._checks.get(c.id) is not None
                   and self._checks[c.id].flagged}
        self.decisions.accept_all(drafts, flagged)

    def _on_decided(self, cards: list[Card], after_id: int | None) -> None:
        self._replace_all(cards)
        if after_id is not None:
            self._select_next_draft(after_id)

    def _replace_all(self, cards: list[Card]) -> None:
        for card in cards:
            self._replace(card)

    def _replace(self, card: Card) -> None:
        for i, c in enumerate(self._cards):
            if c.id == card.id:
                self._cards[i] = card
                self.list.refresh_row(i, card, self.palette(), self.check_of(card.id))
                if self._card is not None and self._card.id == card.id:
                    if self._dirty:
                        self._card = card
                        self._on_text_changed()
                    else:
                        self._show_card(card)
        self._update_summary()

    def _select_next_draft(self, after_id: int) -> None:
        ids = [c.id for c in self._cards]
        start = ids.index(after_id) + 1 if after_id in ids else 0
        for i in list(range(start, len(self._cards))):
            if self._cards[i].state == CardState.DRAFT:
                self.list.setCurrentRow(i)
                return

    # ---- preview ----------------------------------------------------------------------------------

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def _play_span(self) -> None:
        if self._card is not None:
            self.play_span_requested.emit(self._card.start, self._card.end)

    def hear_check(self) -> None:
        """Play exactly the words in question (from the first one's start to the last one's end)."""
        check = self._editor.check()
        span = check.span() if check is not None else None
        if span is not None:
            self.play_span_requested.emit(span[0], span[1])

    # ---- cards from the student's own choice -----------------------------------------------------------

    def make_card_at(self, seconds: float, *, until: float | None = None, cloze_word: str | None = None,
                     basic: bool = False) -> None:
        """Make a card from the line said at `seconds` (or the words said from `seconds` to `until`) in the
        background, then show it selected in the list, ready to check and accept. For the transcript view's
        "Make card" (selected words) and the key pressed while playing (a moment)."""
        vid = self._video_id
        if vid is None:
            return
        self.flush()
        self.maker.make(vid, seconds, until=until, cloze_word=cloze_word, basic=basic)

    def _on_made(self, card: Card, video_id: int) -> None:
        if video_id == self._video_id:
            self.reload(select_id=card.id)
            self.card_made.emit(card)

    def _on_make_failed(self, failure: Failure) -> None:
        self._on_failure(failure)
        self.card_failed.emit(failure.message)

    # ---- failures ---------------------------------------------------------------------------------

    def _on_failure(self, failure: Failure) -> None:
        self._show_error(failure.message)
