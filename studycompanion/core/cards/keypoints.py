"""Transcript -> ranked key points: sentences on word timestamps, scored for what a medical student cards.

Local and deterministic: the same transcript always gives the same key points with the same keys.

The steps live in sibling modules: lexicon (vocabulary, lexicon, term finding), sentences (sentences on word
timestamps, trimming), scoring (a sentence's features and score), clauses (merging fragments, splitting clauses).
This module owns selection (ranking, the cap, the stable key) and the card's context, and re-exports the steps'
public names so callers keep importing them from here.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from studycompanion.core.cards import rules
from studycompanion.core.cards.clauses import MERGE_MAX_WORDS, merge_fragments, resolve_pronoun, split_clauses
from studycompanion.core.cards.lexicon import (
    COMMON_RANK,
    RARE_RANK,
    Lexicon,
    default_lexicon,
    default_vocabulary,
    find_terms,
    singular_form,
    vocabulary_set,
)
from studycompanion.core.cards.scoring import MIN_SCORE, SALIENT_RANK, is_point, salient_words, score_text
from studycompanion.core.cards.sentences import MAX_WORDS, PAUSE_SPLIT, Sentence, split_sentences, trim
from studycompanion.core.types import KeyPoint, Segment

__all__ = [
    "COMMON_RANK",
    "MAX_WORDS",
    "MERGE_MAX_WORDS",
    "MIN_SCORE",
    "PAUSE_SPLIT",
    "RARE_RANK",
    "SALIENT_RANK",
    "Analysis",
    "Lexicon",
    "Sentence",
    "analyse",
    "clip_topic",
    "default_lexicon",
    "default_vocabulary",
    "extract_keypoints",
    "find_terms",
    "keypoint_key",
    "merge_fragments",
    "resolve_pronoun",
    "salient_words",
    "score_text",
    "split_clauses",
    "split_sentences",
    "target_count",
    "trim",
    "vocabulary_set",
]


# --- the extractor ---------------------------------------------------------------------------------


def keypoint_key(text: str, start: float) -> str:
    """A stable identity: the normalised sentence and its start second (same transcript, same key)."""
    norm = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return hashlib.sha1(f"{norm}|{round(start)}".encode()).hexdigest()[:12]


def target_count(duration: float) -> int:
    """How many key points a clip of this length may give: ~1 per 4 s, 2..12 (fact-dense lists need more)."""
    return max(2, min(12, math.ceil(duration / 4.0)))


@dataclass
class Analysis:
    """What the extractor saw: the scored sentences (clauses once split), which are key points, and the cap."""

    sentences: list[Sentence]
    candidates: list[int]  # indexes of sentences good enough to be a key point, best first
    limit: int
    salient: frozenset[str] = frozenset()

    @property
    def chosen(self) -> list[int]:
        return sorted(self.candidates[: self.limit])


def analyse(
    segments: Sequence[Segment],
    vocab: frozenset[str] | None = None,
    max_points: int | None = None,
    min_score: float = MIN_SCORE,
) -> Analysis:
    """Sentences on word timestamps, trimmed, scored, merged and split into clauses; the candidates ranked."""
    vocab = default_vocabulary() if vocab is None else vocab
    sentences = [trim(s, vocab) for s in split_sentences(segments)]
    if not sentences:
        return Analysis([], [], 0)
    lexicon = default_lexicon()
    for s in sentences:
        s.features = score_text(s.text, vocab, lexicon)
    salient = salient_words(sentences, lexicon)
    if salient:
        for s in sentences:
            s.features = score_text(s.text, vocab, lexicon, salient)
    _list_items(sentences)
    _myth_claims(sentences)
    sentences = merge_fragments(sentences, vocab, salient)
    sentences = [c for s in sentences for c in split_clauses(s, vocab, lexicon, salient, min_score)]
    duration = sentences[-1].end - sentences[0].start
    limit = max_points if max_points is not None else target_count(duration)
    ranked = sorted(
        (i for i, s in enumerate(sentences) if is_point(s, min_score)),
        key=lambda i: (-sentences[i].features.score, sentences[i].start),
    )
    return Analysis(sentences, ranked, limit, salient)


LIST_SPAN = 12  # sentences after a list's head that may still be its items


def _list_items(sentences: Sequence[Sentence]) -> None:
    """The verbless items of a spoken list, after its head ("drugs that stretch the QT, go!"), are its facts
    ("Macrolides like clarithromycin."), not titles said aloud; the list ends at filler, a question, or
    LIST_SPAN sentences on."""
    left = 0
    for s in sentences:
        lower = s.text.lower().strip()
        f = s.features
        if rules.LIST_HEAD.search(lower) and not f.filler:
            left = LIST_SPAN
            continue
        if left <= 0:
            continue
        left -= 1
        if f.filler or f.form is rules.Form.QUESTION:
            left = 0
            continue
        if f.intro and f.terms and f.form is rules.Form.STATEMENT and not rules.has_verb(lower):
            f.intro = False
            f.add(2.5, "list item")  # what the title and intro cues took off, and the item's own weight


def _myth_claims(sentences: Sequence[Sentence]) -> None:
    """The claim said right after a bare myth header ("Myth number one." "Green snot means you need antibiotics.")
    or right before its debunking ("Statins destroy your muscles." "Let's bust it.") is the myth, false by the clip's
    own word, unless it already answers it ("Fact: ...", "Actually ...")."""
    for n, claim in enumerate(sentences):
        lower = sentences[n - 1].text.lower().strip() if n else ""
        m = rules.MYTH.match(lower)
        after = sentences[n + 1].text.lower().strip() if n + 1 < len(sentences) else ""
        header = m is not None and len(lower[m.end() :].split()) <= 1
        if claim.features.filler or not (header or _DEBUNK.match(after)):
            continue
        if rules.MYTH_ANSWER.match(claim.text.lower()):
            continue
        claim.features.filler = True
        claim.features.add(-10.0, "a myth the clip refutes")


# A sentence knocking down the claim before it ("False.", "Nope.", "Let's bust it.").
_DEBUNK = re.compile(
    r"^(false|fals|nope|wrong|busted|not true|that'?s a myth|let'?s (bust|debunk) (it|this|that))\b[.!]*$"
)


def extract_keypoints(
    segments: Sequence[Segment],
    vocab: frozenset[str] | None = None,
    max_points: int | None = None,
    min_score: float = MIN_SCORE,
) -> list[KeyPoint]:
    """Key points of a transcript in spoken order, each with its [start, end] span and context."""
    a = analyse(segments, vocab, max_points, min_score)
    sentences, chosen = a.sentences, a.chosen
    topic = clip_topic(sentences)
    points = []
    for i in chosen:
        s = sentences[i]
        points.append(
            KeyPoint(
                start=round(s.start, 3),
                end=round(s.end, 3),
                text=s.text,
                score=round(s.features.score, 3),
                key=keypoint_key(s.text, s.start),
                reasons=[r for r in s.features.reasons if r],
                context=_context(sentences, i, topic, set(chosen)),
            )
        )
    return points


# --- context (the card's Extra) --------------------------------------------------------------------


def clip_topic(sentences: Sequence[Sentence]) -> str:
    """The clip's topic: the term most sentences of substance name (ties: the one said first)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for n, s in enumerate(sentences):
        if s.features.filler:
            continue
        for term in {t.lower(): t for t in s.features.terms if t not in s.features.unlisted}.values():
            low = " ".join(singular_form(w) for w in term.lower().split())  # "loop diuretics" = "loop diuretic"
            if low in rules.GENERIC_TERMS or low in rules.META_TERMS or low in rules.CORE_LEXICON:
                continue
            counts[low] = counts.get(low, 0) + (3 if s.features.intro else 1)  # an intro names the topic
            first.setdefault(low, n)
            spelled.setdefault(low, term)
    if not counts:
        return ""
    best = min(counts, key=lambda t: (-counts[t], first[t]))
    return spelled[best] if counts[best] >= 2 else ""


def _context(sentences: list[Sentence], i: int, topic: str, points: set[int]) -> str:
    """Useful context for the card's Extra: the sentence right after that explains this one ("that's why",
    "because", "so ..."), else a sentence that defines one of its terms, else the clip's topic. Never filler,
    questions, intros, or another key point (that one is a card of its own)."""
    point = sentences[i]
    own = {t.lower() for t in point.features.terms}

    def usable(j: int) -> bool:
        if not 0 <= j < len(sentences) or j == i or j in points:
            return False
        f = sentences[j].features
        return not f.filler and f.form is rules.Form.STATEMENT and not f.intro and len(sentences[j].words) >= 4

    nxt = i + 1
    if usable(nxt) and rules.EXPLANATION.search(sentences[nxt].text.lower()):
        return sentences[nxt].text
    for j in range(len(sentences)):
        if usable(j) and sentences[j].features.definition and own & {t.lower() for t in sentences[j].features.terms}:
            return sentences[j].text
    if topic and topic.lower() not in point.text.lower():
        return f"Topic: {topic}"
    return ""
