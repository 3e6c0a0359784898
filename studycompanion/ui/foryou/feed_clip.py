"""What the For You feed reads and says about one clip: `load_feed_clip` (on the worker: media, poster, transcript
lines, cards, on-screen text) and the texts it shows (why the clip is here, a card's words, study mode's line)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from studycompanion.core.cards import cloze
from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.cards.drafts import format_time
from studycompanion.core.db.tables import Card
from studycompanion.core.interests.foryou import ForYouItem
from studycompanion.core.types import CardKind, CardState
from studycompanion.ui.cards.card_list import CHECK_MARK
from studycompanion.ui.clip.transcript_lines import Lines, build_lines
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from studycompanion.services import Services

STUDY_LEAD = 4.0  # seconds: study mode shows a card's cloze this long before its moment
STATE_WORDS = {CardState.DRAFT: QT_TRANSLATE_NOOP("FeedClip", "draft"),  # shown through translate("FeedClip", ...)
               CardState.ACCEPTED: QT_TRANSLATE_NOOP("FeedClip", "accepted"),
               CardState.REJECTED: QT_TRANSLATE_NOOP("FeedClip", "rejected"),
               CardState.EXPORTED: QT_TRANSLATE_NOOP("FeedClip", "in Anki")}


@dataclass
class FeedClip:
    """What the feed shows of one clip, read in one background call."""

    video_id: int
    media: Path | None
    poster: Path | None
    duration: float | None
    lines: Lines
    cards: list[Card] = field(default_factory=list)
    screen: list[tuple[float, float, str]] = field(default_factory=list)  # on-screen text lines (OCR), timed
    checks: dict[int, CardCheck] = field(default_factory=dict)  # each card's check flag, by card id


def load_feed_clip(services: Services, video_id: int) -> FeedClip:
    """Runs on the worker: the clip's media, poster, transcript lines and its (not rejected) cards."""
    library = services.library
    video = library.get(video_id)
    media = library.media_path(video) if video.media_file else None
    poster = library.file_path(video.thumbnail_file)
    cards = services.card_store.list_cards(video_ids=[video_id], include_rejected=False)
    screen = [(ln.start, ln.end, ln.text) for ln in services.screen_text.lines(video_id)]
    return FeedClip(video_id, media if media and media.is_file() else None, poster if poster and poster.is_file()
                    else None, video.duration, build_lines(library.transcript(video_id)), cards, screen,
                    services.card_checks.for_cards(cards))


def screen_as_lines(screen: list[tuple[float, float, str]]) -> Lines:
    """On-screen text in the transcript's shape (one "word" per line), for a clip that says nothing aloud."""
    return [(start, end, [(text, start, end, 1.0, "")]) for start, end, text in screen]


def why_text(item: ForYouItem) -> str:
    """'Why this clip: because you study Cardio::Murmurs, and 2 cards are due.' from the ranking's reasons."""
    reasons = [r for r in item.reasons if r] or [item.reason]
    reasons = [r for r in reasons if r]
    translate = QCoreApplication.translate
    if not reasons:
        return translate("FeedClip", "Why this clip: it is in your library.")
    words = reasons[0] if len(reasons) == 1 else translate("FeedClip", "{first} and {last}").format(
        first=", ".join(reasons[:-1]), last=reasons[-1])
    return translate("FeedClip", "Why this clip: {reasons}.").format(reasons=words)


def card_text(card: Card, *, reveal: bool = True) -> str:
    if card.kind == CardKind.CLOZE:
        return cloze.answer(card.front) if reveal else cloze.prompt(card.front)
    return f"{card.front} → {card.back}" if reveal else card.front


def card_row_text(card: Card, check: CardCheck | None = None) -> str:
    """A card's row in the feed's list: its moment, its words, its state and, when it has one, its check flag."""
    translate = QCoreApplication.translate
    state = translate("FeedClip", STATE_WORDS[card.state]) if card.state in STATE_WORDS else card.state.value
    flag = f"  {translate('CardList', CHECK_MARK)}" if check is not None and check.flagged else ""
    return f"{format_time(card.start)}  {card_text(card)}   ({state}){flag}"


def study_line(cards: Sequence[Card], seconds: float) -> str:
    """Study mode's line at `seconds`: the cloze of a card said in the next few seconds, else the card said now,
    else when the next one comes."""
    cards = sorted(cards, key=lambda c: c.start)
    now = next((c for c in cards if c.start <= seconds < max(c.end, c.start + 1.0)), None)
    soon = next((c for c in cards if seconds < c.start <= seconds + STUDY_LEAD), None)
    translate = QCoreApplication.translate
    if soon is not None:
        return translate("FeedClip", "Coming up at {time}: {card}").format(time=format_time(soon.start),
                                                                          card=card_text(soon, reveal=False))
    if now is not None:
        return translate("FeedClip", "Said now: {card}").format(card=card_text(now))
    if cards:
        later = next((c for c in cards if c.start > seconds), None)
        return translate("FeedClip", "Next card at {time}").format(time=format_time(later.start)) if later else \
            translate("FeedClip", "No more cards in this clip.")
    return translate("FeedClip", "This clip has no cards yet.")
