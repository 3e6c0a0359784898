"""The cards panel's preview: a card, with its unsaved edits, built into its Anki note and shown as Anki will.

`build_preview` runs on the worker (the real note fields from core/anki.build_note, images read there);
`CardPreviewPane.show_result` puts it on screen. Its play link asks for the card's span (`play_requested`).
`PreviewUpdater` keeps it on the card being edited as the student types.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.notetypes import DEFAULT, NoteTypes, from_settings
from studycompanion.core.db.tables import Card
from studycompanion.core.errors import UserError
from studycompanion.ui.cards.preview import NotePreview, preview_css, preview_html, render_note
from studycompanion.ui.common.worker import Background


@dataclass
class PreviewResult:
    card_id: int
    preview: NotePreview
    images: dict[str, QImage]


def preview_options(settings: Any) -> tuple[str, NoteTypes, bool]:
    """(deck root, note types, a deck per tag) as the export would use them for these settings."""
    deck_root = getattr(settings, "default_deck", "") or anki.TAG_ROOT
    try:
        types: NoteTypes = from_settings(settings)
    except UserError:  # a half-set custom note type: preview in ours (the export says what is missing)
        types = DEFAULT
    return deck_root, types, bool(getattr(settings, "anki_deck_per_tag", False))


def build_preview(library: Any, deck_root: str, card: Card, values: dict[str, str], *,
                  types: NoteTypes = DEFAULT, per_tag: bool = False) -> PreviewResult:
    """The note the card (with `values` typed over its fields) exports as, rendered, with its images loaded."""
    fresh = card.model_copy(update=values) if values else card
    video = library.get(fresh.video_id)
    tags = anki.confirmed_tags(library.db, [fresh.video_id])[fresh.video_id]
    note = anki.build_note(fresh, video, tags, library.paths.media, types=types,
                           deck=anki.deck_for(tags, root=deck_root, per_tag=per_tag), now=time.time())
    preview = render_note(note)
    images = {name: QImage(str(path)) for name, path in preview.images.items()}
    return PreviewResult(card.id or 0, preview, images)


class CardPreviewPane(QTextBrowser):
    play_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Card preview"))
        self.anchorClicked.connect(self._on_link)
        self.setPlaceholderText(self.tr("The card as Anki will show it appears here."))

    def show_result(self, result: PreviewResult, *, dark: bool) -> None:
        """Show a built preview, keeping the scroll position (a preview is redrawn as the student types)."""
        doc = self.document()
        doc.setDefaultStyleSheet(preview_css(dark))
        for name, image in result.images.items():
            if not image.isNull():
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        width = max(160, min(360, self.viewport().width() - 60))
        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setHtml(preview_html(result.preview, dark=dark, image_width=width))
        bar.setValue(keep)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "sc-play":
            self.play_requested.emit()
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)


class PreviewUpdater(QObject):
    """Keeps the pane on the card being edited, unsaved edits included: `render_later()` builds it again 250 ms
    after the last call (typing), `render_now()` at the next turn of the event loop; a result for a card no longer
    shown is dropped."""

    def __init__(self, pane: CardPreviewPane, services: Any, bg: Background, card: Callable[[], Card | None],
                 values: Callable[[], dict[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.pane, self.services, self._bg, self._card, self._values = pane, services, bg, card, values
        self._owner = parent
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._render)

    def render_later(self) -> None:
        self._timer.start()

    def render_now(self) -> None:
        self._timer.start(0)

    def _render(self) -> None:
        card = self._card()
        if card is None or card.id is None:
            return
        values = self._values()
        library = self.services.library
        deck_root, types, per_tag = preview_options(self.services.settings)
        self._bg(lambda: build_preview(library, deck_root, card, values, types=types, per_tag=per_tag),
                 self._show, lambda f: self.pane.setPlainText(self.tr("No preview: {error}").format(error=f.message)))

    def _show(self, result: PreviewResult) -> None:
        card = self._card()
        if card is None or card.id != result.card_id:
            return
        self.pane.show_result(result, dark=self._owner.palette().window().color().lightness() < 128)
