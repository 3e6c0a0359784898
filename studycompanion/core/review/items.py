"""What a review session deals in: the four grades, a session's scope, the card shown, and what a grade did.

Part of review (core/review/sessions.py re-exports every name here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from pathlib import Path

from studycompanion.core.cards import cloze
from studycompanion.core.errors import BadInput
from studycompanion.core.interests.creators import needs_verification
from studycompanion.core.interests.models import Credibility
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CardKind


class Grade(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @classmethod
    def parse(cls, value: str | int) -> Grade:
        text = str(value).strip().lower()
        for g in cls:
            if text in (str(g.value), g.name.lower(), g.name.lower()[0]):
                return g
        raise BadInput(f"'{value}' is not a grade: use 1 Again, 2 Hard, 3 Good or 4 Easy.")


SCOPE_ALL = QT_TRANSLATE_NOOP("ReviewTexts", "all cards")
SCOPE_FOR_YOU = QT_TRANSLATE_NOOP("ReviewTexts", "For You")
SCOPE_FOR_YOU_ORDER = QT_TRANSLATE_NOOP("ReviewTexts", "{tags} (For You order)")
SCOPE_VERIFIED = QT_TRANSLATE_NOOP("ReviewTexts", "{what}, verified creators only")


@dataclass(frozen=True)
class ReviewScope:
    tags: tuple[str, ...] = ()
    for_you: bool = False
    verified_only: bool = False  # leave out clips whose creator is not a physician or resident

    def describe(self) -> str:
        """What the session quizzes in the installed language (the window's; English in the CLI): 'Cardio, Renal',
        'For You', '… (For You order)', '…, verified creators only'."""
        return self._words(lambda phrase, **params: phrase(**params))

    def stored(self) -> str:
        """The same words always in English: what a session row keeps (summary.scope_text says them again in the
        language of whoever reads the summary)."""
        return self._words(lambda phrase, **params: phrase.english(**params))

    def _words(self, say: Callable[..., str]) -> str:
        what = ", ".join(self.tags) if self.tags else say(SCOPE_FOR_YOU if self.for_you else SCOPE_ALL)
        if self.tags and self.for_you:
            what = say(SCOPE_FOR_YOU_ORDER, tags=what)
        return say(SCOPE_VERIFIED, what=what) if self.verified_only else what


@dataclass(frozen=True)
class ReviewItem:
    card_id: int
    video_id: int
    kind: CardKind
    front: str
    back: str
    extra: str
    source: str
    start: float  # the key moment in the clip
    end: float
    clip_title: str
    media_path: Path | None
    creator: str
    credibility: Credibility
    is_new: bool

    @property
    def prompt(self) -> str:
        return cloze.prompt(self.front) if self.kind == CardKind.CLOZE else self.front

    @property
    def answer(self) -> str:
        return cloze.answer(self.front) if self.kind == CardKind.CLOZE else self.back

    @property
    def verify(self) -> bool:
        return needs_verification(self.credibility)


@dataclass(frozen=True)
class GradeResult:
    card_id: int
    grade: Grade
    due: datetime
    interval: timedelta
    again_in_session: bool
