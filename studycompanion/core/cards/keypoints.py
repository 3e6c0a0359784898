"""Transcript -> ranked key points: sentences on word timestamps, scored for what a medical student cards.

Local and deterministic: the same transcript always gives the same key points with the same keys.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from studycompanion.core.cards import rules
from studycompanion.core.transcribe.vocab import load_vocabulary
from studycompanion.core.types import KeyPoint, Segment, Word

MIN_SCORE = 2.0  # below this a sentence is not worth a card
PAUSE_SPLIT = 1.2  # seconds of silence that end a sentence even without punctuation
MAX_WORDS = 60  # a longer run of words is cut at its next comma
MERGE_MAX_WORDS = 50
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "etc", "approx", "no", "fig"}
)
_PRONOUN_START = frozenset(
    {"it", "it's", "its", "this", "that", "that's", "they", "they're", "these", "which"}
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


# --- vocabulary ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def default_vocabulary() -> frozenset[str]:
    """The shipped medical vocabulary, lower-cased (empty when the file is missing)."""
    return vocabulary_set(load_vocabulary())


def vocabulary_set(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(t.strip().lower() for t in terms if t.strip())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def find_terms(tokens: Sequence[str], vocab: frozenset[str]) -> list[str]:
    """Vocabulary terms (up to 4 words, plural-tolerant) and medical-shaped words, in spoken order."""
    low = [t.strip(".,;:!?()\"'").lower() for t in tokens]
    found: list[str] = []
    last: tuple[int, int] = (-1, -1)  # token span of the last term found
    i = 0
    while i < len(low):
        hit = 0
        for n in (4, 3, 2, 1):
            if i + n > len(low):
                continue
            gram = low[i : i + n]
            phrase = " ".join(gram)
            singular = " ".join([*gram[:-1], _singular(gram[-1])])
            if phrase in vocab or singular in vocab or (n > 1 and phrase in rules.CORE_PHRASES):
                hit = n
                break
        n = hit or _named_term(tokens, low, i) or (1 if rules.medical_shaped(tokens[i]) else 0)
        if not n:
            i += 1
            continue
        first = i
        while (  # "lactic acidosis", "adrenal insufficiency": a medical adjective joins the term
            first > 0
            and i - first < 2
            and rules.MEDICAL_ADJECTIVE.match(low[first - 1])
            and low[first - 1] not in rules.NOT_NAME_START
            and low[first - 1] not in rules.STOPWORDS
            and low[first - 1] not in rules.META_TERMS
            and not tokens[first - 1].endswith((",", ".", ";", ":"))
            and not (found and found[-1].lower().endswith(low[first - 1]))
        ):
            first -= 1
        adjacent = (
            last[1] == i and last[1] - last[0] == 1 and not tokens[i - 1].endswith((",", ".", ";", ":"))
        )
        joinable = low[i - 1] not in rules.NOT_NAME_START and low[i - 1] not in rules.META_TERMS
        if adjacent and joinable and rules.MEDICAL_ADJECTIVE.match(low[i - 1]):
            first = last[0]  # "systolic" + "murmur" -> "systolic murmur"
            found.pop()
        found.append(" ".join(tokens[first : i + n]).strip(".,;:!?()\"'"))
        last = (first, i + n)
        i += n
    return rules.unique(found)


def _named_term(tokens: Sequence[str], low: Sequence[str], i: int) -> int:
    """Length of a named entity starting at i: "Ebstein anomaly", "carpal tunnel syndrome", "Streptococcus
    pneumoniae" (a genus with its species); 0 when there is none."""
    bare = tokens[i].strip(",;:!?()\"'")
    genus = rules.ORGANISM.match(bare.rstrip(".")) or re.match(r"^[A-Z]\.$", bare)
    if genus and i + 1 < len(tokens) and re.match(r"^[a-z]{3,}(ae|us|is|i|es|um|le)[.,;]?$", tokens[i + 1]):
        return 2
    if low[i] in rules.STOPWORDS or low[i] in rules.NOT_NAME_START or not low[i].isalpha():
        return 0
    if tokens[i].endswith(","):
        return 0
    for n in (2, 1):  # "carpal tunnel syndrome", "Graves disease"
        j = i + n
        if (
            j < len(low)
            and low[j] in rules.HEAD_NOUNS
            and all(
                t not in rules.STOPWORDS and not tok.endswith(",")
                for t, tok in zip(low[i:j], tokens[i:j], strict=True)
            )
        ):
            return n + 1
    return 0


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
                    prev.start, max(w.end, prev.end), prev.text + text, min(prev.probability, w.probability)
                )
                continue
            out.append(Word(w.start, max(w.end, w.start), text, w.probability))
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


# --- scoring ---------------------------------------------------------------------------------------


def score_text(text: str, vocab: frozenset[str]) -> rules.Features:
    """The rule-based score of one sentence (or merged sentences) and why."""
    f = rules.Features()
    lower = text.lower()
    tokens = text.split()
    if rules.is_filler(lower):
        f.filler = True
        f.add(-10.0, "filler")
        return f
    f.terms = find_terms(tokens, vocab)
    in_vocab = [t for t in f.terms if t.lower() in vocab or _singular(t.lower()) in vocab]
    shaped = [t for t in f.terms if t not in in_vocab]
    f.add(min(len(in_vocab), 3) * 1.0, "terms: " + ", ".join(f.terms[:4]) if f.terms else "")
    f.add(min(len(shaped), 3) * 0.6, "")
    doses = rules.DOSE.findall(lower)
    if doses:
        f.add(1.2, "dose / number")
    if rules.RANGE.search(lower):
        f.add(0.6, "range")
    if rules.THRESHOLD.search(lower):
        f.add(0.8, "threshold")
    elif not doses and rules.BARE_NUMBER.search(text):
        f.add(0.3, "")
    relations = rules.RELATION.findall(lower) + rules.IMPERATIVE.findall(lower)
    if relations:
        f.add(1.2 + (0.4 if len(relations) > 1 else 0.0), "relation")
    m = rules.DEFINITION.match(text.strip())
    if m and find_terms(m.group("term").split(), vocab):
        f.definition = True
        f.add(0.8, "definition")
    if rules.EMPHASIS.search(lower):
        f.add(0.8, "high-yield cue")
    if rules.LIST_CUE.search(lower) or rules.count_list_items(text) >= 3:
        f.add(0.6, "list")
    if rules.MNEMONIC.search(lower):
        f.add(0.8, "mnemonic")
    if f.terms and rules.CONTRAST.search(lower):
        f.add(0.4, "contrast")
    if any(find_terms([word], vocab) for _, word in rules.LAB_FINDING.findall(lower)):
        f.add(0.6, "finding")
    if rules.FIRST_PERSON.search(lower):
        f.add(-1.2, "")
    if rules.is_intro(lower):
        f.intro = True
        f.add(-1.5, "")
    if text.rstrip().endswith("?"):
        f.add(-1.0, "")
    if len(tokens) < 5:
        f.add(-1.0, "")
    if not f.terms:
        f.add(-1.0, "")
    return f


# --- merging ---------------------------------------------------------------------------------------


def _first_word(s: Sentence) -> str:
    return s.words[0].text.strip(",.").lower()


def merge_fragments(sentences: list[Sentence], vocab: frozenset[str]) -> list[Sentence]:
    """Join a question with its answer, a pronoun-led or lower-case continuation with what it continues."""
    out: list[Sentence] = []
    for s in sentences:
        prev = out[-1] if out else None
        if prev is not None and not prev.features.filler and not s.features.filler:
            fits = len(prev.words) + len(s.words) <= MERGE_MAX_WORDS
            question = prev.text.endswith("?") and s.start - prev.end < 2.5
            continuation = _first_word(s) in _PRONOUN_START or s.words[0].text[:1].islower()
            continuation = continuation and bool(s.features.terms or rules.BARE_NUMBER.search(s.text))
            if fits and (question or (continuation and not prev.features.intro)):
                merged = Sentence(prev.words + s.words)
                merged.features = score_text(merged.text, vocab)
                if question:
                    merged.features.add(1.0, "question and answer")
                out[-1] = merged
                continue
        out.append(s)
    return out


# --- the extractor ---------------------------------------------------------------------------------


def keypoint_key(text: str, start: float) -> str:
    """A stable identity: the normalised sentence and its start second (same transcript, same key)."""
    norm = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return hashlib.sha1(f"{norm}|{round(start)}".encode()).hexdigest()[:12]


def target_count(duration: float) -> int:
    """How many key points a clip of this length may give: ~1 per 10 s, 2..8."""
    return max(2, min(8, math.ceil(duration / 10.0)))


def extract_keypoints(
    segments: Sequence[Segment],
    vocab: frozenset[str] | None = None,
    max_points: int | None = None,
    min_score: float = MIN_SCORE,
) -> list[KeyPoint]:
    """Key points of a transcript in spoken order, each with its [start, end] span and context."""
    vocab = default_vocabulary() if vocab is None else vocab
    sentences = split_sentences(segments)
    if not sentences:
        return []
    for s in sentences:
        s.features = score_text(s.text, vocab)
    sentences = merge_fragments(sentences, vocab)
    duration = sentences[-1].end - sentences[0].start
    limit = max_points if max_points is not None else target_count(duration)
    ranked = sorted(
        (i for i, s in enumerate(sentences) if s.features.score >= min_score and not s.features.filler),
        key=lambda i: (-sentences[i].features.score, sentences[i].start),
    )[:limit]
    points = []
    for i in sorted(ranked):
        s = sentences[i]
        points.append(
            KeyPoint(
                start=round(s.start, 3),
                end=round(s.end, 3),
                text=s.text,
                score=round(s.features.score, 3),
                key=keypoint_key(s.text, s.start),
                reasons=[r for r in s.features.reasons if r],
                context=_context(sentences, i),
            )
        )
    return points


def _context(sentences: list[Sentence], i: int) -> str:
    """The sentences just before and after (filler left out)."""
    near = [sentences[j] for j in (i - 1, i + 1) if 0 <= j < len(sentences)]
    return " ".join(s.text for s in near if not s.features.filler)
