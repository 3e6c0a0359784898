"""Sentences of a transcript: words on their timestamps cut at punctuation and pauses, chatter trimmed off.

Part of the key-point extractor (core/cards/keypoints.py); local and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from studycompanion.core.cards import rules
from studycompanion.core.cards.lexicon import find_terms
from studycompanion.core.types import Segment, Word

PAUSE_SPLIT = 1.2  # seconds of silence that end a sentence even without punctuation
MAX_WORDS = 60  # a longer run of words is cut at its next comma
MERGE_MAX_WORDS = 50
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "etc", "approx", "no", "fig"}
)


@dataclass
class Sentence:
    """A sentence of the transcript with its timing and what the rules found in it."""

    words: list[Word]
    features: rules.Features = field(default_factory=rules.Features)

    @property
    def start(self) -> float:
        return self.words[0].start

    @property
    def end(self) -> float:
        return self.words[-1].end

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


# --- sentences -------------------------------------------------------------------------------------


def _words_of(segments: Sequence[Segment]) -> list[Word]:
    """All words with clean text; a segment without word timings gets evenly spread ones.

    Whisper marks a new word with a leading space; a piece without one ("non" + "-selective") is
    joined to the word before it, when the segment's words carry those spaces at all."""
    out: list[Word] = []
    for seg in segments:
        words = seg.words
        if not words:
            tokens = seg.text.split()
            step = (seg.end - seg.start) / max(len(tokens), 1)
            words = [Word(seg.start + i * step, seg.start + (i + 1) * step, t) for i, t in enumerate(tokens)]
        spaced = sum(w.text[:1].isspace() for w in words) * 2 >= len(words)
        for i, w in enumerate(words):
            text = w.text.strip()
            if not text:
                continue
            if spaced and i > 0 and out and not w.text[:1].isspace():
                prev = out[-1]
                out[-1] = Word(
                    prev.start, max(w.end, prev.end), prev.text + text, min(prev.probability, w.probability),
                    prev.corrected_from or w.corrected_from,
                )
                continue
            out.append(Word(w.start, max(w.end, w.start), text, w.probability, w.corrected_from))  # what was heard too
    return out


def _ends_sentence(word: Word, nxt: Word | None) -> bool:
    if not re.search(r"[.!?][\"')\]]*$", word.text):
        return False
    if nxt is None:
        return True
    bare = word.text.rstrip(".!?\"')]").lower()
    if word.text.endswith(".") and (bare in _ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())):
        return not nxt.text[:1].islower() and bare not in _ABBREVIATIONS
    return True


def split_sentences(segments: Sequence[Segment]) -> list[Sentence]:
    """Sentences from punctuation, long pauses and (for run-on speech) commas past MAX_WORDS."""
    words = _words_of(segments)
    sentences: list[Sentence] = []
    current: list[Word] = []
    for i, word in enumerate(words):
        current.append(word)
        nxt = words[i + 1] if i + 1 < len(words) else None
        pause = nxt is not None and nxt.start - word.end >= PAUSE_SPLIT
        too_long = len(current) >= MAX_WORDS and word.text.endswith(",")
        if nxt is None or _ends_sentence(word, nxt) or pause or too_long:
            sentences.append(Sentence(current))
            current = []
    return sentences


# --- trimming ------------------------------------------------------------------------------------


def _clauses(words: list[Word]) -> list[list[Word]]:
    """The words cut after each comma, colon or semicolon."""
    out: list[list[Word]] = [[]]
    for w in words:
        out[-1].append(w)
        if w.text.endswith((",", ":", ";")):
            out.append([])
    return [c for c in out if c]


def _clause_is_chatter(words: list[Word], vocab: frozenset[str], leading: bool) -> bool:
    text = " ".join(w.text for w in words).strip(" ,;:")
    if find_terms(text.split(), vocab):
        return False
    lower = text.lower()
    if leading and rules.LEAD_IN.match(lower):
        return True
    return rules.sentence_form(text) is not rules.Form.STATEMENT or rules.is_filler(lower)


def trim(sentence: Sentence, vocab: frozenset[str]) -> Sentence:
    """The sentence without a greeting or discourse marker in front ("Hey guys, ...", "Fun fact, ...") and
    without a call to action behind ("..., save this for later"); whole when nothing is left."""
    parts = _clauses(sentence.words)
    while len(parts) > 1 and _clause_is_chatter(parts[0], vocab, leading=True):
        parts = parts[1:]
    while len(parts) > 1 and _clause_is_chatter(parts[-1], vocab, leading=False):
        parts = parts[:-1]
    words = [w for c in parts for w in c]
    if len(words) == len(sentence.words) or len(words) < 3 or not find_terms([w.text for w in words], vocab):
        return sentence  # nothing to cut, or nothing of substance left: the sentence is judged whole
    last = words[-1]
    if last.text.endswith((",", ";", ":")):
        words[-1] = Word(last.start, last.end, last.text.rstrip(",;:") + ".", last.probability)
    first = words[0]
    if first.text[:1].islower():  # a sentence of its own now, not a continuation of the one before
        words[0] = Word(first.start, first.end, first.text[:1].upper() + first.text[1:], first.probability)
    return Sentence(words)
