"""A clip's card drafts: the list, an inline editor with accept / reject, and the card as Anki will show it.

Every read and write goes through the CardStore on the worker; the preview is rendered from the real note
fields (core/anki.build_note) of the text being edited, before it is saved. The parts: the list
(`card_list`), the editor (`card_editor`), the preview (`card_preview_pane`); this panel keeps them in step
and sends the edits to the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget

from studycompanion.core.anki import notes as anki
from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardKind, CardState
from studycompanion.ui.cards.card_list import (
    CARD_ROLE,
    STATE_BADGES,
    CardList,
    card_summary,
    count_states,
    summary_text,
)
from studycompanion.ui.cards.editor import CardEditor
from studycompanion.ui.cards.preview_pane import CardPreviewPane, PreviewResult, build_preview
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

    def __init__(self, services: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.store = card_store_of(services)
        self._video_id: int | None = None
        self._cards: list[Card] = []
        self._card: Card | None = None
        self._dirty = False
        self._loading = False
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self._render_preview)
        self._build()

    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any] | None = None,
            failed: Callable[[Failure], Any] | None = None) -> None:
        """Run `fn` on the worker; its callbacks are dropped if this widget is gone by then."""
        self.worker.run(fn, owned(self, done) if done else None, owned(self, failed) if failed else None)

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_all_button = QPushButton("Accept all drafts", self)
        self.accept_all_button.setToolTip("Accept every draft of this clip that is not rejected")
        self.accept_all_button.clicked.connect(self.accept_all)
        self.generate_button = QPushButton("Make cards", self)
        self.generate_button.setToolTip("Find key points and draft cards from the transcript (runs in the background)")
        self.generate_button.clicked.connect(self.generate_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.generate_button)
        top.addWidget(self.accept_all_button)

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
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save(),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.cloze_selection,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.preview = CardPreviewPane(self)
        self.preview.play_requested.connect(self._play_span)

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
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
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
        self._cards, self._card, self._dirty = [], None, False
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
        self._bg(lambda: self.store.list_cards(video_ids=[vid]),
                        lambda cards: self._set_cards(cards, keep) if vid == self._video_id else None,
                        self._on_failure)

    def _set_cards(self, cards: list[Card], select_id: int | None) -> None:
        self._cards = list(cards)
        self._loading = True
        try:
            self.list.fill(self._cards, self.palette())
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
        counts = count_states(self._cards)
        self.summary.setText(summary_text(self._cards, counts, has_video=self._video_id is not None))
        self.accept_all_button.setEnabled(counts.get(CardState.DRAFT, 0) > 0)
        self.generate_button.setVisible(not self._cards and self._video_id is not None)
        self.counts_changed.emit(counts)

    # ---- the editor -------------------------------------------------------------------------------

    def _show_card(self, card: Card | None) -> None:
        self._card = card
        self._dirty = False
        self._loading = True
        try:
            self._editor.show_card(card)
        finally:
            self._loading = False
        self._update_buttons()
        if card is None:
            self.preview.clear()
        else:
            self._preview_timer.start(0)

    def _update_buttons(self) -> None:
        self._editor.set_buttons(self._card, self._dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    def _on_text_changed(self) -> None:
        if self._loading or self._card is None:
            return
        self._dirty = self._editor.differs_from(self._card)
        self.error_label.hide()
        self._update_buttons()
        self._preview_timer.start()

    def cloze_selection(self) -> None:
        """Wrap the selected words of the front in the next free cloze number."""
        card = self._card
        if card is None or card.kind != CardKind.CLOZE:
            return
        if not self._editor.hide_selection():
            self._show_error("Select the words to hide first.")

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._loading:
            return
        self.flush()
        card_id = CardList.card_id(current)
        self._show_card(next((c for c in self._cards if c.id == card_id), None))

    # ---- saving -----------------------------------------------------------------------------------

    def flush(self) -> None:
        """Save a pending edit now (switching cards or clips never loses typing)."""
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

        def done(saved: Card) -> None:
            self._replace(saved)
            if then is not None:
                then(saved)

        self._bg(lambda: self.store.edit(card_id, **values), done, self._on_edit_failed(card_id))

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
            self.save(then=lambda _saved: self._set_state(card_id, CardState.ACCEPTED, advance=True))
        else:
            self._set_state(card_id, CardState.ACCEPTED, advance=True)

    def toggle_reject(self) -> None:
        card = self._card
        if card is None or card.id is None:
            return
        if card.state == CardState.REJECTED:
            self._set_state(card.id, CardState.DRAFT)
        else:
            self._dirty = False  # a rejected card's unsaved edit is dropped with it
            self._set_state(card.id, CardState.REJECTED, advance=True)

    def accept_all(self) -> None:
        self.flush()
        ids = [c.id for c in self._cards if c.state == CardState.DRAFT and c.id is not None]
        if ids:
            self._bg(lambda: self.store.accept(ids), self._replace_all, self._on_failure)

    def _set_state(self, card_id: int, state: CardState, advance: bool = False) -> None:
        action = {CardState.ACCEPTED: self.store.accept, CardState.REJECTED: self.store.reject,
                  CardState.DRAFT: self.store.restore}[state]

        def done(cards: list[Card]) -> None:
            self._replace_all(cards)
            if advance:
                self._select_next_draft(card_id)

        self._bg(lambda: action([card_id]), done, self._on_failure)

    def _replace_all(self, cards: list[Card]) -> None:
        for card in cards:
            self._replace(card)

    def _replace(self, card: Card) -> None:
        for i, c in enumerate(self._cards):
            if c.id == card.id:
                self._cards[i] = card
                self.list.refresh_row(i, card, self.palette())
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

    def _render_preview(self) -> None:
        card = self._card
        if card is None or card.id is None:
            return
        values = self._editor.values() if self._dirty else {}
        library = self.services.library
        deck_root = getattr(self.services.settings, "default_deck", "") or anki.TAG_ROOT
        self._bg(lambda: build_preview(library, deck_root, card, values), self._show_preview,
                 lambda f: self.preview.setPlainText(f"No preview: {f.message}"))

    def _show_preview(self, result: PreviewResult) -> None:
        if self._card is None or self._card.id != result.card_id:
            return
        self.preview.show_result(result, dark=self.palette().window().color().lightness() < 128)

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def _play_span(self) -> None:
        if self._card is not None:
            self.play_span_requested.emit(self._card.start, self._card.end)

    # ---- failures ---------------------------------------------------------------------------------

    def _on_failure(self, failure: Failure) -> None:
        self._show_error(failure.message)
