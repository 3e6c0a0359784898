"""Check flags, their one owner: why a card should be checked before a student trusts it, with the words in question.

A card is flagged when it holds a word the recogniser was unsure of or that lexicon correction replaced, a
hidden term nobody said in the clip, a number or dose, a negation next to the hidden words, or when its
clip comes from a creator nobody verified. Each reason names the transcript words it is about (with their
times, so the app can highlight them and play exactly them). Nothing here is stored: checks are computed from
the card, the transcript and the creator marks, so they follow edits and new transcripts at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from studycompanion.core.cards import cloze
from studycompanion.core.db.tables import Card, Video
from studycompanion.core.library.clips import Library
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CardKind, Segment, Word

LOW_PROBABILITY = 0.5  # faster-whisper word probability under this: the word may be misheard
SPAN_PAD = 1.0  # seconds around the card's span in which its words are looked up
NEGATION_WINDOW = 3  # words either side of a deletion
NEGATIONS = frozenset(
    "not no never without cannot can't isn't aren't doesn't don't won't wasn't weren't neither nor non "
    "unlikely rarely".split()
)
_NUMBER = re.compile(r"\d")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|g|kg|ml|mL|l|mmhg|mmol|meq|iu|units?|%|bpm|hours?|h|days?)\b",
                   re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")

# what each reason says (core/text.py: English unless the window installed a translation)
UNSURE = QT_TRANSLATE_NOOP("CardChecks", "The recogniser was unsure of {words}: listen to it.")
UNSURE_WORD = QT_TRANSLATE_NOOP("CardChecks", "'{word}' ({percent}%)")
CORRECTED = QT_TRANSLATE_NOOP("CardChecks", "Corrected from what was heard: {words}.")
CORRECTED_WORD = QT_TRANSLATE_NOOP("CardChecks", "'{word}' (heard '{heard}')")
NOT_SAID = QT_TRANSLATE_NOOP("CardChecks", "Not in what was said: {terms}. Check the card against the clip.")
NOT_SAID_OR_SHOWN = QT_TRANSLATE_NOOP("CardChecks", "Not in what was said or shown: {terms}. "
                                                    "Check the card against the clip.")
NUMBER = QT_TRANSLATE_NOOP("CardChecks", "Holds a number or dose ({numbers}): check it.")
NEGATION = QT_TRANSLATE_NOOP("CardChecks", "A negation ('{word}') next to the hidden words: make sure the card says "
                                           "what the clip says.")
UNVERIFIED = QT_TRANSLATE_NOOP("CardChecks", "{creator} is not verified as a physician or resident: check the fact "
                                             "elsewhere.")
UNVERIFIED_UNNAMED = QT_TRANSLATE_NOOP("CardChecks", "This clip's creator is not verified as a physician or "
                                                     "resident: check the fact elsewhere.")


class CheckKind(StrEnum):
    LOW_CONFIDENCE = "low_confidence"
    CORRECTED = "corrected"
    UNSUPPORTED = "unsupported"
    UNVERIFIED_CREATOR = "unverified_creator"
    NUMBER = "number"
    NEGATION = "negation"


@dataclass(frozen=True)
class WordSpan:
    """A transcript word in question: its text and when it is said."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class CheckReason:
    kind: CheckKind
    message: str  # plain words for the student (core/text.py: English unless the window installed a translation)
    words: tuple[WordSpan, ...] = ()  # the transcript words it is about (highlight them, play them)
    terms: tuple[str, ...] = ()  # the words of the card it is about

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "message": self.message, "terms": list(self.terms),
                "words": [{"start": w.start, "end": w.end, "text": w.text} for w in self.words]}


@dataclass
class CardCheck:
    card_id: int
    reasons: list[CheckReason] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    def messages(self) -> list[str]:
        return [r.message for r in self.reasons]

    def span(self) -> tuple[float, float] | None:
        """From the first to the last word in question: what 'hear exactly those words' plays."""
        words = [w for r in self.reasons for w in r.words]
        return (min(w.start for w in words), max(w.end for w in words)) if words else None

    def terms(self) -> list[str]:
        """Every card word to highlight, once each."""
        out: list[str] = []
        for r in self.reasons:
            for t in r.terms:
                if t and t.lower() not in {o.lower() for o in out}:
                    out.append(t)
        return out


def norm(token: str) -> str:
    """'Furosemide,' -> 'furosemide'; 'ACE-inhibitors' -> 'ace-inhibitors'; plural s kept off long words."""
    t = token.lower().strip(".,;:!?\"'()[]")
    return t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t


def tokens(text: str) -> list[str]:
    return [norm(m.group(0)) for m in _TOKEN.finditer(text)]


def card_text(card: Card) -> str:
    """What the card says, as plain words (cloze markers gone)."""
    return cloze.strip(card.front) + ("\n" + card.back if card.kind == CardKind.BASIC else "")


def hidden_parts(card: Card) -> list[str]:
    """The parts a student is asked to recall: the deletions, or a basic card's answer."""
    return cloze.answers(card.front) if card.kind == CardKind.CLOZE else [card.back]


def _heard_as(w: Word) -> str:
    """What lexicon correction replaced ("" when nothing was); read defensively, older words lack the field."""
    return str(getattr(w, "corrected_from", "") or "")


def _word_of(w: Word) -> WordSpan:
    return WordSpan(w.start, w.end, w.text.strip())


def check_card(card: Card, segments: Sequence[Segment], *, unverified_creator: bool = False,
               creator: str = "", shown: Sequence[str] = ()) -> CardCheck:
    """Every reason to check this card (an empty list: nothing found)."""
    assert card.id is not None
    reasons: list[CheckReason] = []
    said = [w for s in segments for w in s.words]
    in_span = [w for w in said if w.end >= card.start - SPAN_PAD and w.start <= card.end + SPAN_PAD]
    mine = set(tokens(card_text(card)))
    # 1. words the recogniser was unsure of, or that lexicon correction replaced
    unsure = [w for w in in_span if norm(w.text.strip()) in mine and w.probability < LOW_PROBABILITY]
    if unsure:
        listed = ", ".join(UNSURE_WORD(word=w.text.strip(), percent=round(w.probability * 100)) for w in unsure)
        reasons.append(CheckReason(CheckKind.LOW_CONFIDENCE, UNSURE(words=listed),
                                   tuple(map(_word_of, unsure)), tuple(w.text.strip() for w in unsure)))
    corrected = [w for w in in_span if norm(w.text.strip()) in mine and _heard_as(w)]
    if corrected:
        listed = ", ".join(CORRECTED_WORD(word=w.text.strip(), heard=_heard_as(w)) for w in corrected)
        reasons.append(CheckReason(CheckKind.CORRECTED, CORRECTED(words=listed),
                                   tuple(map(_word_of, corrected)), tuple(w.text.strip() for w in corrected)))
    # 2. hidden terms nobody said
    heard = {norm(w.text.strip()) for w in said} | {t for s in segments for t in tokens(s.text)}
    heard |= {t for line in shown for t in tokens(line)}  # what the clip shows on screen supports a card too
    heard |= {norm(p) for t in list(heard) if "-" in t for p in t.split("-") if p}  # "90-year-old" -> "year-old"
    heard |= {"-".join(t.split("-")[i:]) for t in list(heard) if "-" in t for i in range(1, t.count("-") + 1)}
    # (a clip with nothing said or shown supports nothing: every significant hidden term is flagged)
    missing: list[str] = []
    for part in hidden_parts(card):
        for m in _TOKEN.finditer(part):
            tok = norm(m.group(0))
            significant = len(tok) >= 4 or _NUMBER.search(tok) is not None
            if significant and tok not in heard and tok not in {norm(x) for x in missing}:
                missing.append(m.group(0))
    if missing:
        said_words = NOT_SAID_OR_SHOWN if shown else NOT_SAID
        reasons.append(CheckReason(CheckKind.UNSUPPORTED, said_words(terms=", ".join(repr(t) for t in missing)),
                                   (), tuple(missing)))
    # 3. numbers and doses
    numbers = [p for p in hidden_parts(card) if _NUMBER.search(p)]
    numbers += [m.group(0) for m in _DOSE.finditer(card_text(card))]
    if numbers:
        uniq = list(dict.fromkeys(n.strip() for n in numbers))
        said_tokens = {t for n in uniq for t in tokens(n)}
        words = tuple(_word_of(w) for w in in_span if norm(w.text.strip()) in said_tokens)
        reasons.append(CheckReason(CheckKind.NUMBER, NUMBER(numbers=", ".join(uniq)),
                                   words, tuple(uniq)))
    # 4. a negation next to what is hidden
    near = _negations_near_deletions(card)
    if near:
        words = tuple(_word_of(w) for w in in_span if norm(w.text.strip()) in {norm(n) for n in near})
        reasons.append(CheckReason(CheckKind.NEGATION, NEGATION(word=near[0]), words, tuple(near)))
    # 5. who said it
    if unverified_creator:
        reasons.append(CheckReason(CheckKind.UNVERIFIED_CREATOR,
                                   UNVERIFIED(creator=creator) if creator else UNVERIFIED_UNNAMED()))
    return CardCheck(card.id, reasons)


def _negations_near_deletions(card: Card) -> list[str]:
    found: list[str] = []
    if card.kind == CardKind.CLOZE:
        for d in cloze.parse(card.front):
            before = [m.group(0) for m in _TOKEN.finditer(cloze.strip(card.front[: d.start]))][-NEGATION_WINDOW:]
            after = [m.group(0) for m in _TOKEN.finditer(cloze.strip(card.front[d.end :]))][:NEGATION_WINDOW]
            inside = [m.group(0) for m in _TOKEN.finditer(d.answer)]
            found += [w for w in before + inside + after if w.lower() in NEGATIONS]
    else:
        found += [m.group(0) for m in _TOKEN.finditer(card.back) if m.group(0).lower() in NEGATIONS]
    return list(dict.fromkeys(found))


Unverified = Callable[[Iterable[Video]], Iterable[int]]


class CardChecks:
    """Checks for cards in the library: transcripts and clips read once per clip; who is unverified is asked of
    `unverified` (Creators.unverified_video_ids, handed in by the composition root)."""

    def __init__(self, library: Library, unverified: Unverified | None = None,
                 shown: Callable[[int], Sequence[str]] | None = None) -> None:
        self.library = library
        self.unverified = unverified
        self.shown = shown  # a clip's on-screen text lines (core/screen/store.py), handed in by services.py

    def for_cards(self, cards: Sequence[Card]) -> dict[int, CardCheck]:
        from studycompanion.core.cards.source import video_creator

        video_ids = sorted({c.video_id for c in cards})
        videos = {vid: self.library.get(vid) for vid in video_ids}
        transcripts = {vid: self.library.transcript(vid) for vid in video_ids}
        shown = {vid: list(self.shown(vid)) if self.shown else [] for vid in video_ids}
        flagged_clips = set(self.unverified(videos.values())) if self.unverified else set()
        out: dict[int, CardCheck] = {}
        for card in cards:
            if card.id is None:
                continue
            video = videos[card.video_id]
            out[card.id] = check_card(card, transcripts[card.video_id], creator=video_creator(video),
                                      unverified_creator=card.video_id in flagged_clips, shown=shown[card.video_id])
        return out

    def for_card(self, card: Card) -> CardCheck:
        assert card.id is not None
        return self.for_cards([card])[card.id]

    def flagged_ids(self, cards: Sequence[Card]) -> set[int]:
        return {cid for cid, check in self.for_cards(cards).items() if check.flagged}
