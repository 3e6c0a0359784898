"""The For You feed: one clip at a time fills the page and plays, its transcript follows underneath with its key
cards (accept, reject or fix them in place), and Up / Down or the wheel go to the next / previous clip.

Why the clip is here is said in words (core/interests' reasons). "More / less of this" is one key each (M / F).
Study mode (S) shows the cloze of the moment a few seconds before it is said: a preview of the review.

Smooth on a big library: the ranking is read once on the worker; a clip's media, transcript and cards are read on
the worker only for the clip on screen and the next two (kept with the one before), never more.

Its parts: what it reads and says of a clip (`feed_clip`), the key cards checked in place (`feed_cards`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.db.tables import Card
from studycompanion.core.interests.foryou import ForYouItem
from studycompanion.core.types import CardState
from studycompanion.ui.clip.playback import make_player
from studycompanion.ui.clip.transcript_view import TranscriptView
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.foryou.feed_cards import CARD_ROLE, FeedCards
from studycompanion.ui.foryou.feed_clip import (
    STATE_WORDS,
    STUDY_LEAD,
    FeedClip,
    card_text,
    load_feed_clip,
    screen_as_lines,
    study_line,
    why_text,
)
from studycompanion.ui.library.source import title_or_link

if TYPE_CHECKING:
    from studycompanion.services import Services

log = logging.getLogger(__name__)

PREFETCH = 2  # clips read ahead of the one on screen
KEEP_BEHIND = 1  # clips kept behind it (going back is instant)
WHEEL_STEP = 120  # one notch
WHEEL_PAUSE = 0.25  # seconds between two wheel steps (a flick is one clip, not ten)

__all__ = ["CARD_ROLE", "KEEP_BEHIND", "PREFETCH", "STATE_WORDS", "STUDY_LEAD", "FeedClip", "ForYouFeed",
           "card_text", "load_feed_clip", "screen_as_lines", "why_text"]


class ForYouFeed(QWidget):
    open_clip_requested = Signal(int, object)  # video id, seconds
    failed = Signal(object)  # a Failure
    clip_shown = Signal(int)  # the clip now on screen (its data is loaded)
    adjusted = Signal(int, bool)  # "more" (True) / "less" (False) of this clip's topics was recorded

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forYouFeed")
        self.services, self.worker = services, worker
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._items: list[ForYouItem] = []
        self._index = -1
        self._cache: dict[int, FeedClip] = {}
        self._loading: set[int] = set()
        self._shown: FeedClip | None = None
        self._study = False
        self._wheel = 0
        self._last_wheel = 0.0
        self.autoplay = True
        self.loads: list[int] = []  # every clip id read, in order (what "nothing beyond the next two" is tested on)
        self._build()

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self.tr("For You"))
        self.title.setObjectName("feedTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.why = QLabel("")
        self.why.setObjectName("feedWhy")
        self.why.setWordWrap(True)
        self.place = QLabel("")
        self.place.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.player = make_player(self)  # without Qt Multimedia: the thumbnail and the transcript, no sound
        self.player.show_frames_with(self.worker)
        self.player.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.player.position_changed.connect(self._on_position)

        self.study_label = QLabel("")
        self.study_label.setObjectName("studyCloze")
        self.study_label.setWordWrap(True)
        self.study_label.setStyleSheet("padding: 6px 10px; border-radius: 6px; background: palette(alternate-base);")
        self.study_label.hide()
        self.on_screen = QLabel("")  # the on-screen text of the moment, beside a spoken transcript
        self.on_screen.setObjectName("feedOnScreen")
        self.on_screen.setWordWrap(True)
        self.on_screen.hide()

        self.transcript = TranscriptView(self)
        self.transcript.seek_requested.connect(self.player.seek)
        self.key_cards = FeedCards(self.services, self.worker, self, clip_of=lambda vid: self._cache.get(vid),
                                   current_id=self.current_id, done_editing=self.setFocus)
        self.cards, self.card_editor, self.cards_note = self.key_cards.list, self.key_cards.editor, self.key_cards.note
        self.accept_button, self.reject_button, self.edit_button = self.key_cards.buttons
        self.cards.itemActivated.connect(lambda item: self.player.seek(FeedCards.card_of(item).start))
        for w in (self.transcript, self.cards, self.player.slider, self.player.speed):
            w.setFocusPolicy(Qt.FocusPolicy.ClickFocus if w is self.player.speed else Qt.FocusPolicy.NoFocus)

        self.prev_button = QPushButton(self.tr("▲ Previous"))
        self.next_button = QPushButton(self.tr("▼ Next"))
        self.more_button = QPushButton(self.tr("More of this (M)"))
        self.less_button = QPushButton(self.tr("Less of this (F)"))
        self.study_button = QPushButton(self.tr("Study mode (S)"))
        self.study_button.setCheckable(True)
        self.open_button = QPushButton(self.tr("Open clip"))
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.more_button.clicked.connect(lambda: self.adjust(True))
        self.less_button.clicked.connect(lambda: self.adjust(False))
        self.study_button.toggled.connect(self.set_study)
        self.open_button.clicked.connect(self._open)
        for b in (self.prev_button, self.next_button, self.more_button, self.less_button, self.study_button,
                  self.open_button, self.accept_button, self.reject_button, self.edit_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the feed

        head = self.head = QHBoxLayout()  # the page adds its feed / table switch here
        head.addWidget(self.title, 1)
        head.addWidget(self.place)
        nav = QHBoxLayout()
        for b in (self.prev_button, self.next_button, self.more_button, self.less_button, self.study_button):
            nav.addWidget(b)
        nav.addStretch(1)
        nav.addWidget(self.open_button)

        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addLayout(head)
        top_box.addWidget(self.why)
        top_box.addWidget(self.player, 1)
        top_box.addWidget(self.on_screen)
        top_box.addWidget(self.study_label)
        top_box.addLayout(nav)

        under = QWidget()
        under_box = QHBoxLayout(under)
        under_box.setContentsMargins(0, 0, 0, 0)
        text_col = QVBoxLayout()
        self.text_heading = QLabel(self.tr("<b>Transcript</b>"))
        text_col.addWidget(self.text_heading)
        text_col.addWidget(self.transcript, 1)
        under_box.addLayout(text_col, 1)
        under_box.addLayout(self.key_cards.column(), 1)

        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(under)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.split)
        self._show_nothing()

    # ---- the list ---------------------------------------------------------------------------------

    def set_items(self, items: list[ForYouItem]) -> None:
        """A new ranking: stay on the clip on screen when it is still there, else start at the top."""
        current = self.current_id()
        self._items = list(items)
        ids = [it.video_id for it in self._items]
        index = ids.index(current) if current in ids else (0 if ids else -1)
        self._index = -1
        self._cache = {k: v for k, v in self._cache.items() if k in set(ids)}
        if index < 0:
            self._show_nothing()
            return
        self.go_to(index)

    def items(self) -> list[ForYouItem]:
        return list(self._items)

    def index(self) -> int:
        return self._index

    def current_id(self) -> int | None:
        return self._items[self._index].video_id if 0 <= self._index < len(self._items) else None

    def shown(self) -> FeedClip | None:
        return self._shown

    def cached_ids(self) -> list[int]:
        return sorted(self._cache)

    def next(self) -> None:
        if self._index + 1 < len(self._items):
            self.go_to(self._index + 1)

    def previous(self) -> None:
        if self._index > 0:
            self.go_to(self._index - 1)

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self._items) or index == self._index:
            return
        self._record_watch()
        self._index = index
        item = self._items[index]
        self.title.setText(title_or_link(item.title) or self.tr("Clip {id}").format(id=item.video_id))
        self.why.setText(why_text(item))
        self.place.setText(self.tr("{n} of {total}").format(n=f"{index + 1:,}", total=f"{len(self._items):,}"))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(self._items))
        for b in (self.more_button, self.less_button, self.open_button):
            b.setEnabled(True)
        self._evict()
        clip = self._cache.get(item.video_id)
        if clip is not None:
            self._display(clip)
        else:
            self._shown = None
            self.player.load(None, missing=self.tr("Loading…"))
            self.transcript.set_placeholder("")
            self.cards.clear()
            self._load(item.video_id)
        for ahead in range(1, PREFETCH + 1):
            if index + ahead < len(self._items):
                self._load(self._items[index + ahead].video_id)

    def _window(self) -> set[int]:
        lo, hi = max(0, self._index - KEEP_BEHIND), min(len(self._items), self._index + PREFETCH + 1)
        return {it.video_id for it in self._items[lo:hi]}

    def _evict(self) -> None:
        keep = self._window()
        for vid in [v for v in self._cache if v not in keep]:
            del self._cache[vid]

    def _load(self, video_id: int) -> None:
        if video_id in self._cache or video_id in self._loading:
            return
        self._loading.add(video_id)
        self.loads.append(video_id)
        services = self.services

        def done(clip: FeedClip) -> None:
            self._loading.discard(video_id)
            if video_id in self._window():
                self._cache[video_id] = clip
                if video_id == self.current_id() and (self._shown is None or self._shown.video_id != video_id):
                    self._display(clip)

        def failed(failure: Failure) -> None:
            self._loading.discard(video_id)
            if video_id == self.current_id():
                self.player.load(None, missing=failure.message)
            log.info("feed: clip %s not shown: %s", video_id, failure.message)

        self.worker.run(lambda: load_feed_clip(services, video_id), owned(self, done), owned(self, failed))

    # ---- one clip ---------------------------------------------------------------------------------

    def _display(self, clip: FeedClip) -> None:
        self._shown = clip
        self.player.load(clip.media, clip.poster, missing=self.tr("This clip's video is not downloaded"),
                         duration=clip.duration)
        if clip.lines:
            self.transcript.set_lines(clip.lines)
            self.text_heading.setText(self.tr("<b>Transcript</b>"))
        elif clip.screen:
            self.transcript.set_lines(screen_as_lines(clip.screen))  # what the clip shows, when it says nothing
            self.text_heading.setText(self.tr("<b>On-screen text</b>"))
        else:
            self.transcript.set_placeholder(self.tr("No transcript yet."))
            self.text_heading.setText(self.tr("<b>Transcript</b>"))
        self._update_on_screen(0.0)
        self._fill_cards(clip.cards, checks=clip.checks)
        self._update_study(0.0)
        if self.autoplay and self.isVisible() and clip.media is not None:
            self.player.play()
        self.clip_shown.emit(clip.video_id)

    def _fill_cards(self, cards: list[Card], select_id: int | None = None,
                    checks: dict[int, CardCheck] | None = None) -> None:
        self.key_cards.fill(cards, select_id, checks)

    def _show_nothing(self) -> None:
        self._shown = None
        self.title.setText(self.tr("For You"))
        self.why.setText(self.tr("No clips yet: add some, and For You will show them here one at a time."))
        self.place.setText("")
        self.player.load(None, missing=self.tr("Nothing to play yet"))
        self.transcript.set_placeholder("")
        self.cards.clear()
        for b in (self.prev_button, self.next_button, self.more_button, self.less_button, self.open_button,
                  self.accept_button, self.reject_button, self.edit_button):
            b.setEnabled(False)

    # ---- cards in place ---------------------------------------------------------------------------

    def current_card(self) -> Card | None:
        return self.key_cards.current()

    def set_card_state(self, state: CardState) -> None:
        self.key_cards.set_state(state)

    def edit_card(self) -> None:
        self.key_cards.edit()

    # ---- study mode -------------------------------------------------------------------------------

    def set_study(self, on: bool) -> None:
        self._study = on
        if self.study_button.isChecked() != on:
            self.study_button.setChecked(on)
        self.study_label.setVisible(on)
        self._update_study(self.player.position())

    def study_text(self) -> str:
        return self.study_label.text() if self._study else ""

    def _on_position(self, seconds: float) -> None:
        self.transcript.set_position(seconds)
        self._update_on_screen(seconds)
        self._update_study(seconds)

    def _update_on_screen(self, seconds: float) -> None:
        clip = self._shown
        if clip is None or not clip.lines or not clip.screen:
            self.on_screen.hide()
            return
        now = [text for start, end, text in clip.screen if start <= seconds < end]
        self.on_screen.setText(self.tr("On screen: {text}").format(text=" · ".join(now)) if now else "")
        self.on_screen.setVisible(bool(now))

    def _update_study(self, seconds: float) -> None:
        if not self._study:
            return
        clip = self._shown
        self.study_label.setText(study_line(clip.cards if clip is not None else [], seconds))

    # ---- more / less, open ------------------------------------------------------------------------

    def adjust(self, more: bool) -> None:
        vid = self.current_id()
        if vid is None:
            return
        interests = self.services.interests
        fn = interests.more_of if more else interests.less_of

        def done(tags: list[str]) -> None:
            what = ", ".join(tags) or self.tr("this clip's topics")
            self.why.setText((self.tr("More of {topics}: your next clips follow it.") if more else
                              self.tr("Less of {topics}: your next clips follow it.")).format(topics=what))
            self.adjusted.emit(vid, more)

        self.worker.run(lambda: fn(video_id=vid), owned(self, done),
                        owned(self, lambda f: self.failed.emit(f)))

    def _open(self) -> None:
        vid = self.current_id()
        if vid is not None:
            self.player.pause()
            self.open_clip_requested.emit(vid, self.player.position() or None)

    def _record_watch(self) -> None:
        clip = self._shown
        if clip is None:
            return
        seconds = self.player.position()
        if self.player.is_playing() and seconds >= 1.0:
            interests, vid = self.services.interests, clip.video_id
            self.worker.run(lambda: interests.record_watch(vid, seconds))

    # ---- keys and wheel ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        actions: dict[int, Callable[[], Any]] = {
            Qt.Key.Key_Down: self.next, Qt.Key.Key_PageDown: self.next,
            Qt.Key.Key_Up: self.previous, Qt.Key.Key_PageUp: self.previous,
            Qt.Key.Key_M: lambda: self.adjust(True), Qt.Key.Key_F: lambda: self.adjust(False),
            Qt.Key.Key_S: lambda: self.set_study(not self._study),
            Qt.Key.Key_A: lambda: self.set_card_state(CardState.ACCEPTED),
            Qt.Key.Key_X: lambda: self.set_card_state(CardState.REJECTED),
            Qt.Key.Key_E: self.edit_card, Qt.Key.Key_Space: self.player.toggle_play,
            Qt.Key.Key_Return: self._open, Qt.Key.Key_Enter: self._open,
        }
        action = actions.get(Qt.Key(key)) if event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                   Qt.KeyboardModifier.KeypadModifier) else None
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if self.transcript.underMouse() or self.cards.underMouse():
            super().wheelEvent(event)  # the lists scroll themselves
            return
        delta = event.angleDelta().y()
        if delta * self._wheel < 0:
            self._wheel = 0  # the other way: start counting again
        self._wheel += delta
        now = time.monotonic()
        if abs(self._wheel) >= WHEEL_STEP:
            if now - self._last_wheel >= WHEEL_PAUSE:
                (self.previous if self._wheel > 0 else self.next)()
                self._last_wheel = now
            self._wheel = 0  # the rest of a flick is dropped, not saved up
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.setFocus()
        if self.autoplay and self._shown is not None and self._shown.media is not None:
            self.player.play()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if isValid(self.player):  # (at shutdown the player may be gone before the feed)
            self._record_watch()
            if not event.spontaneous():
                self.player.pause()
        super().hideEvent(event)
