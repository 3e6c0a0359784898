"""The student's own fixes and cards in the clip view (issues 12 and 13): "Fix…" on words and its Undo, a card from
the selected words or from the moment being said, "Make cards" for the whole clip, and what the status line says.

`ClipMaking` is a helper the clip view owns (composition): it is handed the parts it works on (`MakingParts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.cards.fixes import FixResult
from studycompanion.core.db.tables import Card, Video
from studycompanion.ui.cards.panel import CardsPanel
from studycompanion.ui.clip.fix import FixFlow
from studycompanion.ui.clip.ops import queue_cards
from studycompanion.ui.clip.player import PlayerPanel
from studycompanion.ui.clip.tabs import ClipTabs
from studycompanion.ui.clip.transcript_view import TranscriptView
from studycompanion.ui.common.worker import Background, Failure, Worker

if TYPE_CHECKING:
    from studycompanion.services import Services


@dataclass
class MakingParts:
    services: Services
    worker: Worker
    bg: Background  # the view's worker call (callbacks dropped once the view is gone)
    video: Callable[[], Video | None]  # the clip shown
    reload: Callable[[], None]  # read the clip again, keeping the position
    status: QLabel
    undo_button: QToolButton
    tabs: ClipTabs
    transcript_pane: QWidget
    transcript: TranscriptView
    player: PlayerPanel
    cards: CardsPanel


class ClipMaking(QObject):
    """Fixes through `fixes` (FixFlow), cards through the cards panel; `clip_changed(video)` when a fix also changed
    other clips."""

    clip_changed = Signal(object)

    def __init__(self, parts: MakingParts, parent: QWidget) -> None:
        super().__init__(parent)
        self.p = parts
        self._card_tab_after = False  # a card made from selected words is shown at once; one made by key is not
        self.fixes = FixFlow(parts.services, parts.worker, parent)
        self.fixes.fixed.connect(self._on_fixed)
        self.fixes.undone.connect(self._on_fix_undone)
        self.fixes.failed.connect(parts.status.setText)
        parts.undo_button.clicked.connect(self.undo_fix)
        parts.transcript.fix_requested.connect(self.ask_fix)
        parts.transcript.make_card_requested.connect(self.make_card_from_words)
        parts.cards.generate_requested.connect(self.make_cards)
        parts.cards.card_made.connect(self._on_card_made)
        parts.cards.card_failed.connect(parts.status.setText)

    def _vid(self) -> int | None:
        video = self.p.video()
        return video.id if video is not None else None

    # ---- fixes ----------------------------------------------------------------------------------------

    def ask_fix(self, wrong: str) -> None:
        """"Fix…" on a word (or the selected words): ask for the right words, then fix on the worker."""
        vid = self._vid()
        if vid is not None and wrong:
            self.fixes.ask(vid, wrong)

    def fix_key(self) -> None:
        """F2: fix the selected words, or the word last clicked (on the Transcript tab)."""
        if self.p.tabs.currentWidget() is self.p.transcript_pane:
            self.p.transcript.request_fix()

    def _on_fixed(self, result: FixResult) -> None:
        self.p.status.setText(self.tr("Fixed {what}").format(what=result.summary()))
        self.p.undo_button.show()
        self.p.reload()  # the transcript, key points and drafts read the fix back
        video = self.p.video()
        if len(result.clips) > 1 and video is not None:
            self.clip_changed.emit(video)

    def undo_fix(self) -> None:
        self.p.undo_button.hide()
        self.fixes.undo()

    def _on_fix_undone(self, result: FixResult) -> None:
        kept = self.tr("; {n} changed since, kept").format(n=result.kept) if result.kept else ""
        self.p.status.setText(self.tr("Undone: {what}{kept}").format(what=result.summary(), kept=kept))
        self.p.reload()

    # ---- cards ----------------------------------------------------------------------------------------

    def make_cards(self) -> None:
        """Queue key points and card drafts for this clip (transcribing it first when needed)."""
        vid = self._vid()
        if vid is None:
            return
        library, pipeline = self.p.services.library, self.p.services.pipeline
        status, button = self.p.status, self.p.cards.generate_button

        def failed(failure: Failure) -> None:
            status.setText(failure.message)
            button.setEnabled(True)

        button.setEnabled(False)
        status.setText(self.tr("Making cards (queued)"))  # at once: the click is seen even before the job exists
        self.p.bg(lambda: queue_cards(library, pipeline, vid), lambda _job: None, failed)

    def make_card_from_words(self, start: float, end: float) -> None:
        """"Make card from the selected words": a cloze hiding them, shown on the Cards tab to check."""
        self._card_tab_after = True
        self.p.status.setText(self.tr("Making a card from the selected words…"))
        self.p.cards.make_card_at(start, until=end)

    def make_card_now(self) -> None:
        """The key pressed while watching: a card from the line being said now; playback goes on."""
        if self.p.video() is None or not self.p.transcript.lines():
            return
        at = self.p.player.position()
        self._card_tab_after = False
        self.p.status.setText(self.tr("Making a card from {time}…").format(time=format_time(at)))
        self.p.cards.make_card_at(at)

    def _on_card_made(self, card: Card) -> None:
        self.p.status.setText(self.tr("Card drafted from {time}: check it on the Cards tab, then accept it").format(
            time=format_time(card.start)))
        if self._card_tab_after:
            self.p.tabs.setCurrentWidget(self.p.cards)
