"""Sentences of a transcript: words on their timestamps cut at punctuation and pauses, chatter trimmed off.

Part of the key-point extractor (core/cards/keypoints.py); local and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from studycompanion.core.cards import rules
from studycompanion.core.cards.lexicon import find_terms
from studycompanion.core.types import Segment, Word

PAUSE_SPLIT = 1.2  # seconds of silence that end a sentence even without punctuation
MAX_WORDS = 60  # a longer run of words is cut at its next comma
MERGE_MAX_WORDS = 50
RUN_ON_WORDS = 40  # a longer sentence is a run-on line (whisper without punctuation): cut at its clause cues
RUN_ON_MIN = 6  # ... into pieces of at least this many words
# Words that open the next item of a spoken run-on ("... so the first one is X second is Y and third is Z that's it
# follow for more"); and, past RUN_ON_WEAK_AFTER words, the conjunctions that open a new main clause.
_ORDINAL = re.compile(r"^(first|second|third|fourth|fifth|sixth|seventh|next|finally|lastly)$")
_RUN_ON_LEAD = frozenset({"and", "so", "then", "the", "also", "plus"})
_RUN_ON_WEAK = frozenset({"so", "but", "because", "whereas", "and", "then"})
RUN_ON_WEAK_AFTER = 18
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
            sentences.extend(Sentence(piece) for piece in _run_on_pieces(current))
            current = []
    return sentences


def _bare_word(word: Word) -> str:
    return word.text.strip(".,;:!?\"'()").lower()


def _run_on_pieces(words: list[Word]) -> list[list[Word]]:
    """A run-on line cut where its next item or main clause starts: before an ordinal ("second is ...", "and
    third ...", "so the first one ..."), before "that's it" / "follow", and, once a piece is long, before "so",
    "but", "because", "and". Only a line without commas is cut here: a sentence of RUN_ON_WORDS words or fewer,
    or one with commas, stays whole; so do pieces under RUN_ON_MIN."""
    if len(words) <= RUN_ON_WORDS or any(w.text.endswith((",", ";", ":")) for w in words[:-1]):
        return [words]  # short, or punctuated: commas and clauses (split_clauses) do the cutting there
    pieces: list[list[Word]] = [[]]
    k = 0
    while k < len(words):
        lead = k
        while lead < len(words) - 1 and _bare_word(words[lead]) in _RUN_ON_LEAD and lead - k < 2:
            lead += 1
        here = _bare_word(words[k])
        nxt = _bare_word(words[k + 1]) if k + 1 < len(words) else ""
        strong = bool(_ORDINAL.match(_bare_word(words[lead]))) or (here == "that's" and nxt in {"it", "all"})
        strong = strong or (here == "follow" and nxt in {"for", "me", "us"})
        weak = here in _RUN_ON_WEAK and len(pieces[-1]) >= RUN_ON_WEAK_AFTER
        if (strong or weak) and len(pieces[-1]) >= RUN_ON_MIN and len(words) - k >= 2:
            pieces.append([])
        pieces[-1].append(words[k])
        k += 1
    out = [p for p in pieces if p]
    for piece in out[1:]:  # a sentence of its own now, not a lower-case continuation of the one before
        piece[0] = replace(piece[0], text=piece[0].text[:1].upper() + piece[0].text[1:])
    return out


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
    if not leading and _ASKED.match(lower):
        return False  # "Tumour lysis syndrome, which electrolyte is high?": the question its answer answers
    return rules.sentence_form(text) is not rules.Form.STATEMENT or rules.is_filler(lower)


# A clause asking what a fact is ("which electrolyte is high?", "what's the antidote?"); "any questions?" asks nothing.
_ASKED = re.compile(r"^(which|what|what's|how|why|when|where|who)\b[^?]*\b(is|are|was|were|do|does|makes?|causes?|"
                    r"gives?|tells?|shows?|means?)\b[^?]*\?$")


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
