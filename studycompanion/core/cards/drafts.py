"""Key points -> card drafts: AnKing-style cloze deletions, basic Q -> A for definitions, source and ids.

Drafts hold plain text (cloze markers included); HTML is made, and every field escaped, at export.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from studycompanion.core.cards import cloze, rules
from studycompanion.core.cards.keypoints import COMMON_RANK, default_lexicon, default_vocabulary, find_terms
from studycompanion.core.cards.source import PLATFORM_NAMES, SourceLine, deep_link, format_time
from studycompanion.core.types import CardKind, KeyPoint

MAX_DELETIONS = 2
__all__ = ["PLATFORM_NAMES", "deep_link", "format_time"]  # their owner is cards/source.py


@dataclass(frozen=True)
class ClipInfo:
    """What a card needs to know about the clip it came from."""

    key: str  # stable across libraries: "platform:platform_id"
    title: str = ""
    creator: str = ""  # @handle or display name
    platform: str = ""
    url: str = ""
    caption: str = ""
    tags: tuple[str, ...] = ()


@dataclass
class CardDraft:
    keypoint_key: str
    kind: CardKind
    index: int
    front: str  # cloze Text (with {{c1::...}}) or the basic question
    back: str  # the basic answer; "" for cloze
    extra: str  # the surrounding sentences
    source: str  # plain-text source line (the HTML one with the link is built at export)
    start: float
    end: float
    guid: str
    reasons: list[str] = field(default_factory=list)


# --- source line and ids ---------------------------------------------------------------------------


def source_text(clip: ClipInfo, seconds: float) -> str:
    """'@creator · Title · TikTok · 1:23' (plain text; shown in the app and rebuilt as HTML at export)."""
    return SourceLine(clip.creator, clip.title, clip.platform, clip.url, seconds, clip.caption).text()


def card_guid(clip_key: str, keypoint_key: str, kind: CardKind, index: int) -> str:
    """A note id for Anki from the identities only, never from field text: edits update the same note."""
    digest = hashlib.sha256(f"{clip_key}\x1f{keypoint_key}\x1f{kind.value}\x1f{index}".encode()).hexdigest()
    return "sc" + digest[:22]


# --- cloze deletions -------------------------------------------------------------------------------


_clean = cloze.defuse


@dataclass(frozen=True)
class _Target:
    start: int
    end: int
    weight: float


def _term_weight(term: str, vocab: frozenset[str]) -> float:
    low = term.lower()
    if low in rules.META_TERMS:
        return 0.0
    if low in vocab or " ".join([*low.split()[:-1], low.split()[-1].rstrip("s")]) in vocab:
        return 2.5 + (0.3 if " " in low else 0.0)
    if low in rules.GENERIC_TERMS:
        return 0.4
    if low in rules.CORE_LEXICON or low in rules.CORE_PHRASES:
        return 0.8 if low in rules.CORE_LEXICON else 1.6
    lexicon = default_lexicon()  # the drug / disease lexicon outranks a word of everyday English (key-point rules)
    if " " not in low and lexicon.medical_word(low):
        return 2.4
    if " " not in low and lexicon.rank.get(low, 10**9) < COMMON_RANK:
        return 0.4  # "problems", "changes": never the answer a card hides
    if " " in low:
        return 2.3  # "Ebstein anomaly", "Streptococcus pneumoniae"
    if rules.ACRONYM.match(term):
        return 1.8
    return 2.0


def cloze_targets(text: str, vocab: frozenset[str] | None = None) -> list[_Target]:
    """Candidate deletions: terms, drugs, numbers with units and ranges, best first; never filler words."""
    vocab = default_vocabulary() if vocab is None else vocab
    lower = text.lower()
    targets: list[_Target] = []
    relation = rules.RELATION.search(lower)
    pivot = relation.end() if relation else -1
    for pattern, weight in ((rules.RANGE, 3.2), (rules.DOSE, 3.0)):
        for m in pattern.finditer(lower):
            targets.append(_Target(m.start(), m.end(), weight))
    for m in rules.THRESHOLD_NUMBER.finditer(lower):
        group = "n" if m.group("n") else "m"
        targets.append(_Target(m.start(group), m.end(group), 2.6))
    pos = 0
    for i, term in enumerate(find_terms(text.split(), vocab)):
        at = text.find(term, pos)
        if at < 0:
            continue
        pos = at + len(term)
        if len(term) <= 2 and not term.replace(".", "").isdigit():
            continue  # "MI", or a misheard "CH": too little to recall, and a card that hides it teaches nothing
        weight = _term_weight(term, vocab)
        if pivot >= 0 and at >= pivot:
            weight += 0.7  # the answer side of "X causes Y"
        elif i == 0:
            weight += 0.3
        targets.append(_Target(at, at + len(term), weight))
    lexicon = default_lexicon()  # words of the drug / disease lexicon, or rare ones, that the term finder missed
    for m in re.finditer(r"[A-Za-z][A-Za-z\-]{3,}", text):
        if any(t.start <= m.start() < t.end for t in targets):
            continue
        if lexicon.medical_word(m.group(0)):
            targets.append(_Target(m.start(), m.end(), 2.4 + (0.7 if 0 <= pivot <= m.start() else 0.0)))
        elif lexicon.technical(m.group(0)):  # rare in English: a term, or a mishearing (only as the last resort)
            targets.append(_Target(m.start(), m.end(), 1.0))
    targets.sort(key=lambda t: (-t.weight, t.start))
    chosen: list[_Target] = []
    for t in targets:
        if any(t.start < c.end and c.start < t.end for c in chosen):
            continue
        if any(text[t.start : t.end].lower() == text[c.start : c.end].lower() for c in chosen):
            continue
        chosen.append(t)
    return chosen


def make_cloze(text: str, vocab: frozenset[str] | None = None, max_deletions: int = MAX_DELETIONS) -> str:
    """The sentence with its best 1..max_deletions targets as {{c1::...}}, {{c2::...}} in reading order.

    Returns "" when nothing in it is worth blanking (then no cloze card is made)."""
    text = _clean(text)
    candidates = cloze_targets(text, vocab)
    targets = [t for t in candidates if t.weight >= 1.8][:max_deletions]
    if not targets:  # only everyday clinical words ("antihistamines"): blank the best one
        targets = [t for t in candidates if t.weight >= 0.8][:1]
    if not targets:
        return ""
    return cloze.make(text, [(t.start, t.end) for t in targets])


# --- basic cards for definitions -----------------------------------------------------------------

_QA_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), q, a)
    for p, q, a in (
        (
            r"^(?:the )?most common cause of (?P<y>.{3,80}?) is (?P<x>.{2,80})$",
            "What is the most common cause of {y}?",
            "{x}",
        ),
        (
            r"^(?P<x>.{2,60}?) is the most common cause of (?P<y>.{3,120})$",
            "What is the most common cause of {y}?",
            "{x}",
        ),
        (
            r"^(?:the )?first[- ]line (?P<what>treatment|drug|therapy) (?:for|of|in) (?P<y>.{3,80}?) "
            r"is (?P<x>.{2,120})$",
            "What is the first-line {what} for {y}?",
            "{x}",
        ),
        (
            r"^(?P<x>.{2,60}?) is the first[- ]line (?P<what>treatment|drug|therapy) "
            r"(?:for|of|in) (?P<y>.{3,120})$",
            "What is the first-line {what} for {y}?",
            "{x}",
        ),
        (r"^(?P<x>.{2,60}?) (?:is|are) caused by (?P<y>.{3,160})$", "What causes {x}?", "{y}"),
        (r"^(?P<x>.{2,60}?) (?:is|are) treated with (?P<y>.{3,160})$", "How is {x} treated?", "{y}"),
        (r"^(?P<x>[A-Z0-9\-]{2,12}) stands for (?P<y>.{3,200})$", "What does {x} stand for?", "{y}"),
        (r"^(?P<x>.{2,60}?) (?:means|is defined as|refers to) (?P<y>.{3,200})$", "What is {x}?", "{y}"),
    )
)


def make_basic(text: str, vocab: frozenset[str] | None = None) -> tuple[str, str] | None:
    """(question, answer) for a definition-shaped sentence whose subject is a medical term; else None."""
    vocab = default_vocabulary() if vocab is None else vocab
    sentence = _clean(text).rstrip(" .!")
    if "?" in sentence or len(sentence.split()) > 40:
        return None
    for pattern, question, answer in _QA_PATTERNS:
        m = pattern.match(sentence)
        if not m:
            continue
        groups = {k: v.strip(" ,") for k, v in m.groupdict().items()}
        key = "x" if "{x}" in question else "y"
        subject = groups[key]
        if not find_terms(subject.split(), vocab) or not _is_subject(subject):
            continue
        groups[key] = _lower_common(subject, vocab)
        q = question.format(**groups)
        a = answer.format(**groups)
        return q[0].upper() + q[1:], a[0].upper() + a[1:] + "."
    return None


def _is_subject(phrase: str) -> bool:
    """A short noun phrase, not a clause ("Metoprolol and atenolol are cardioselective, which" is not)."""
    words = phrase.lower().split()
    return (
        0 < len(words) <= 6 and "," not in phrase and not {"is", "are", "was", "were", "which"} & set(words)
    )


def _lower_common(phrase: str, vocab: frozenset[str]) -> str:
    """'Gout' at the start of a sentence -> 'gout' in a question; names and acronyms keep their case."""
    first = phrase.split()[0]
    if first.isupper() or not first[:1].isupper():
        return phrase
    low = phrase.lower()
    if low in vocab or first.lower() in vocab or rules.medical_shaped(first.lower()):
        return first[0].lower() + phrase[1:]
    return phrase


# --- drafts ----------------------------------------------------------------------------------------


def draft_cards(
    points: Sequence[KeyPoint],
    clip: ClipInfo,
    *,
    cloze: bool = True,
    basic: bool = True,
    vocab: frozenset[str] | None = None,
) -> list[CardDraft]:
    """One note per key point: a basic Q -> A for a definition, otherwise a cloze of its key terms."""
    vocab = default_vocabulary() if vocab is None else vocab
    drafts: list[CardDraft] = []
    for kp in points:
        qa = make_basic(kp.text, vocab) if basic else None
        if qa is not None:
            kind, front, back = CardKind.BASIC, qa[0], qa[1]
        else:
            kind, front, back = CardKind.CLOZE, make_cloze(kp.text, vocab) if cloze else "", ""
        if not front:
            continue
        drafts.append(
            CardDraft(
                keypoint_key=kp.key,
                kind=kind,
                index=0,
                front=front,
                back=back,
                extra=_clean(kp.context),
                source=source_text(clip, kp.start),
                start=kp.start,
                end=kp.end,
                guid=card_guid(clip.key, kp.key, kind, 0),
                reasons=list(kp.reasons),
            )
        )
    return drafts


def clip_key(platform: str, platform_id: str) -> str:
    return f"{platform}:{platform_id}"

