"""A clip's card drafts: the list, an inline editor with accept / reject, and the card as Anki will show it.

Every read and write goes through the CardStore on the worker; the preview is rendered from the real note
fields (core/anki.build_note) of the text being edited, before it is saved.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QKeySequence, QPalette, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core import anki
from studycompanion.core.card_store import CardStore
from studycompanion.core.cards import format_time
from studycompanion.core.models import Card
from studycompanion.core.types import CardKind, CardState
from studycompanion.ui.blocking import signals_blocked
from studycompanion.ui.card_preview import NotePreview, preview_css, preview_html, render_note
from studycompanion.ui.owned import owned
from studycompanion.ui.worker import Failure, Worker

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


def card_store_of(services: Any) -> CardStore:
    """The services' CardStore (or one over the same database when the composition root has none)."""
    store = getattr(services, "card_store", None)
    return store if isinstance(store, CardStore) else CardStore(services.db)


@dataclass
class _PreviewResult:
    card_id: int
    preview: NotePreview
    images: dict[str, QImage]


def _grow_to_lines(edit: QPlainTextEdit, lines: int) -> None:
    height = edit.fontMetrics().lineSpacing() * lines + 2 * edit.frameWidth() + 10
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 2 + 12)
    edit.setMaximumHeight(height)


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

        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.currentItemChanged.connect(self._on_current_changed)

        editor = self._editor = QWidget(self)
        form = QFormLayout(editor)
        form.setContentsMargins(0, 4, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.front_label = QLabel("Text", editor)
        self.front_edit = QPlainTextEdit(editor)
        self.front_edit.setAccessibleName("Card front")
        self.back_label = QLabel("Back", editor)
        self.back_edit = QPlainTextEdit(editor)
        self.back_edit.setAccessibleName("Card back")
        self.extra_label = QLabel("Extra", editor)
        self.extra_edit = QPlainTextEdit(editor)
        self.extra_edit.setAccessibleName("Card extra")
        for edit, lines in ((self.front_edit, 4), (self.back_edit, 3), (self.extra_edit, 3)):
            _grow_to_lines(edit, lines)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._on_text_changed)
        self.hint = QLabel(editor)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error_label = QLabel(editor)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        form.addRow(self.front_label, self.front_edit)
        form.addRow(self.back_label, self.back_edit)
        form.addRow(self.extra_label, self.extra_edit)
        form.addRow(self.hint)
        form.addRow(self.error_label)

        self.cloze_button = QPushButton("Hide selection", editor)
        self.cloze_button.setToolTip("Turn the selected words into a cloze deletion {{cN::…}} (Ctrl+Shift+C)")
        self.cloze_button.clicked.connect(self.cloze_selection)
        self.play_button = QPushButton("Play span", editor)
        self.play_button.setToolTip("Play the part of the clip this card comes from")
        self.play_button.clicked.connect(self._play_span)
        self.revert_button = QPushButton("Revert", editor)
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton("Save", editor)
        self.save_button.setToolTip("Save the edit (Ctrl+S); an edited card counts as accepted")
        self.save_button.clicked.connect(lambda: self.save())
        self.reject_button = QPushButton("Reject", editor)
        self.reject_button.clicked.connect(self.toggle_reject)
        self.accept_button = QPushButton("Accept", editor)
        self.accept_button.setDefault(False)
        self.accept_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.cloze_button)
        buttons.addWidget(self.play_button)
        buttons.addStretch(1)
        for b in (self.revert_button, self.save_button, self.reject_button, self.accept_button):
            buttons.addWidget(b)
        form.addRow(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save(),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.cloze_selection,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName("Card preview")
        self.preview.anchorClicked.connect(self._on_preview_link)
        self.preview.setPlaceholderText("The card as Anki will show it appears here.")

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
            with signals_blocked(self.list):
                self.list.clear()
                for card in self._cards:
                    self.list.addItem(self._item_for(card))
            row = next((i for i, c in enumerate(self._cards) if c.id == select_id), 0 if self._cards else -1)
        finally:
            self._loading = False
        if row >= 0:
            self.list.setCurrentRow(row)
            self._show_card(self._cards[row])
        else:
            self._show_card(None)
        self._update_summary()

    def _item_for(self, card: Card) -> QListWidgetItem:
        kind = "Cloze" if card.kind == CardKind.CLOZE else "Basic"
        item = QListWidgetItem(f"{STATE_BADGES[card.state]} · {kind} · {format_time(card.start)}\n"
                               f"{card_summary(card)}")
        item.setData(CARD_ROLE, card.id)
        font = item.font()
        if card.state == CardState.REJECTED:
            font.setStrikeOut(True)
            item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        elif card.state in (CardState.ACCEPTED, CardState.EXPORTED):
            item.setForeground(QColor("#2e7d32") if self.palette().window().color().lightness() > 128
                               else QColor("#81c784"))
        item.setFont(font)
        item.setToolTip("Edit it below; the preview shows it as Anki will.")
        return item

    def _update_summary(self) -> None:
        counts: dict[CardState, int] = {}
        for c in self._cards:
            counts[c.state] = counts.get(c.state, 0) + 1
        if not self._cards:
            self.summary.setText("No cards yet." if self._video_id is not None else "")
        else:
            parts = [f"{n} {STATE_BADGES[s].lower()}" for s, n in counts.items()]
            self.summary.setText(f"{len(self._cards)} cards: " + ", ".join(parts))
        self.accept_all_button.setEnabled(counts.get(CardState.DRAFT, 0) > 0)
        self.generate_button.setVisible(not self._cards and self._video_id is not None)
        self.counts_changed.emit(counts)

    # ---- the editor -------------------------------------------------------------------------------

    def _show_card(self, card: Card | None) -> None:
        self._card = card
        self._dirty = False
        self._loading = True
        try:
            for edit in (self.front_edit, self.back_edit, self.extra_edit):
                with signals_blocked(edit):
                    edit.setPlainText("")
            if card is not None:
                with signals_blocked(self.front_edit):
                    self.front_edit.setPlainText(card.front)
                with signals_blocked(self.back_edit):
                    self.back_edit.setPlainText(card.back)
                with signals_blocked(self.extra_edit):
                    self.extra_edit.setPlainText(card.extra)
        finally:
            self._loading = False
        cloze = card is None or card.kind == CardKind.CLOZE
        self.front_label.setText("Text" if cloze else "Front")
        self.back_label.setVisible(not cloze)
        self.back_edit.setVisible(not cloze)
        self.cloze_button.setVisible(cloze)
        self.hint.setText("Hidden words go between {{c1:: and }}; select words and press Hide selection."
                          if cloze else "A question on the front, its answer on the back.")
        self.error_label.hide()
        has = card is not None
        for w in (self.front_edit, self.back_edit, self.extra_edit, self.cloze_button, self.play_button,
                  self.reject_button, self.accept_button):
            w.setEnabled(has)
        self._update_buttons()
        if card is None:
            self.preview.clear()
        else:
            self._preview_timer.start(0)

    def _update_buttons(self) -> None:
        card = self._card
        self.save_button.setEnabled(card is not None and self._dirty)
        self.revert_button.setEnabled(card is not None and self._dirty)
        rejected = card is not None and card.state == CardState.REJECTED
        self.reject_button.setText("Restore" if rejected else "Reject")
        self.reject_button.setToolTip("Make it a draft again" if rejected
                                      else "Leave this card out of exports (it stays out when cards are made again)")
        accepted = card is not None and card.state in (CardState.ACCEPTED, CardState.EXPORTED)
        self.accept_button.setEnabled(card is not None and (not accepted or self._dirty))
        self.accept_button.setText("Accepted" if accepted and not self._dirty else "Accept")

    def is_dirty(self) -> bool:
        return self._dirty

    def _on_text_changed(self) -> None:
        if self._loading or self._card is None:
            return
        card = self._card
        self._dirty = (self.front_edit.toPlainText(), self.back_edit.toPlainText(), self.extra_edit.toPlainText()) \
            != (card.front, card.back, card.extra)
        self.error_label.hide()
        self._update_buttons()
        self._preview_timer.start()

    def _edited_values(self) -> dict[str, str]:
        return {"front": self.front_edit.toPlainText(), "back": self.back_edit.toPlainText(),
                "extra": self.extra_edit.toPlainText()}

    def cloze_selection(self) -> None:
        """Wrap the selected words of the front in the next free cloze number."""
        card = self._card
        if card is None or card.kind != CardKind.CLOZE:
            return
        cursor = self.front_edit.textCursor()
        selected = cursor.selectedText().strip()
        if not selected:
            self._show_error("Select the words to hide first.")
            return
        numbers = [int(n) for n in re.findall(r"\{\{c(\d+)::", self.front_edit.toPlainText())]
        n = max(numbers, default=0) + 1
        cursor.insertText(f"{{{{c{n}::{selected}}}}}")

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._loading:
            return
        self.flush()
        card_id = current.data(CARD_ROLE) if current is not None else None
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
        card_id, values = card.id, self._edited_values()
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
        self.error_label.setText(message)
        self.error_label.show()

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
                item = self.list.item(i)
                fresh = self._item_for(card)
                item.setText(fresh.text())
                item.setFont(fresh.font())
                item.setForeground(fresh.foreground())
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
        values = self._edited_values() if self._dirty else {}
        library = self.services.library
        deck_root = getattr(self.services.settings, "default_deck", "") or anki.TAG_ROOT

        def build() -> _PreviewResult:
            fresh = card.model_copy(update=values) if values else card
            video = library.get(fresh.video_id)
            tags = library.tags_for(fresh.video_id)
            note = anki.build_note(fresh, video, tags, library.paths.media,
                                   deck=anki.deck_for(tags, root=deck_root), now=time.time())
            preview = render_note(note)
            images = {name: QImage(str(path)) for name, path in preview.images.items()}
            return _PreviewResult(card.id or 0, preview, images)

        self._bg(build, self._show_preview, lambda f: self.preview.setPlainText(f"No preview: {f.message}"))

    def _show_preview(self, result: _PreviewResult) -> None:
        if self._card is None or self._card.id != result.card_id:
            return
        dark = self.palette().window().color().lightness() < 128
        doc = self.preview.document()
        doc.setDefaultStyleSheet(preview_css(dark))
        for name, image in result.images.items():
            if not image.isNull():
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        width = max(160, min(360, self.preview.viewport().width() - 60))
        bar = self.preview.verticalScrollBar()
        keep = bar.value()
        self.preview.setHtml(preview_html(result.preview, dark=dark, image_width=width))
        bar.setValue(keep)

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def _on_preview_link(self, url: QUrl) -> None:
        if url.scheme() == "sc-play":
            self._play_span()
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _play_span(self) -> None:
        if self._card is not None:
            self.play_span_requested.emit(self._card.start, self._card.end)

    # ---- failures ---------------------------------------------------------------------------------

    def _on_failure(self, failure: Failure) -> None:
        self._show_error(failure.message)
