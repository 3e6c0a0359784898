"""The interest profile: tag weights learned from what the student does, adjustable with "more / less of this".

Pure: signals in, profile out. Favourites, watch time, accepted cards, reviews, searches and the student's
own tags raise the tags of the clips involved (and, by half, their parent topics); behaviour fades with a
half-life, explicit "more / less of this" does not. Nothing about a creator's audience is ever an input.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from studycompanion.core.interests.taxonomy import Taxonomy, tokens


class SignalKind(StrEnum):
    FAVOURITE = "favourite"
    WATCH = "watch"  # amount: full views (seconds watched / clip length)
    CARDS = "cards"  # amount: accepted or exported cards of the clip
    REVIEW = "review"  # amount: card reviews
    SEARCH = "search"
    TAGGED = "tagged"  # the student added (or accepted) the tag
    MORE = "more"
    LESS = "less"


WEIGHTS = {
    SignalKind.FAVOURITE: 3.0,
    SignalKind.WATCH: 1.0,
    SignalKind.CARDS: 0.5,
    SignalKind.REVIEW: 0.3,
    SignalKind.SEARCH: 1.0,
    SignalKind.TAGGED: 1.0,
    SignalKind.MORE: 4.0,
    SignalKind.LESS: -4.0,
}
CAPS = {SignalKind.WATCH: 3.0, SignalKind.CARDS: 6.0}  # per signal: ten re-watches are not ten favourites
EXPLICIT = frozenset({SignalKind.MORE, SignalKind.LESS})
HALF_LIFE_DAYS = 60.0
PARENT_SHARE = 0.5  # interest in Cardio::Murmurs is half an interest in Cardio
SCALE = 4.0  # raw weight at which affinity reaches tanh(1) = 0.76

LABELS = {
    SignalKind.FAVOURITE: "favourites",
    SignalKind.WATCH: "watch time",
    SignalKind.CARDS: "accepted cards",
    SignalKind.REVIEW: "reviews",
    SignalKind.SEARCH: "searches",
    SignalKind.TAGGED: "your tags",
    SignalKind.MORE: "more of this",
    SignalKind.LESS: "less of this",
}


@dataclass(frozen=True)
class Signal:
    """One thing the student did: about a clip (its tags count) or about named tags."""

    kind: SignalKind
    at: datetime
    amount: float = 1.0
    video_id: int | None = None
    tags: tuple[str, ...] = ()


@dataclass
class TagInterest:
    tag: str
    raw: float = 0.0
    sources: dict[SignalKind, float] = field(default_factory=dict)

    @property
    def affinity(self) -> float:
        """-1 .. 1."""
        return math.tanh(self.raw / SCALE)

    @property
    def adjusted(self) -> int:
        """+1 when the student asked for more of it, -1 for less, 0 otherwise."""
        more, less = self.sources.get(SignalKind.MORE, 0.0), self.sources.get(SignalKind.LESS, 0.0)
        return 0 if more + less == 0 else (1 if more + less > 0 else -1)

    def main_source(self) -> SignalKind | None:
        positive = [(v, k) for k, v in self.sources.items() if v > 0]
        return max(positive, key=lambda vk: (vk[0], vk[1].value))[1] if positive else None

    def explain(self) -> str:
        parts = sorted(self.sources.items(), key=lambda kv: (-abs(kv[1]), kv[0].value))
        return ", ".join(f"{LABELS[k]} {v:+.1f}" for k, v in parts if abs(v) >= 0.05)


def parent_of(tag: str) -> str | None:
    return tag.rsplit("::", 1)[0] if "::" in tag else None


class InterestProfile:
    """Tag -> interest, case-insensitive, with parents sharing in their children's weight."""

    def __init__(self, interests: Mapping[str, TagInterest] | None = None) -> None:
        self._tags: dict[str, TagInterest] = {k.lower(): v for k, v in (interests or {}).items()}

    def __len__(self) -> int:
        return len(self._tags)

    def get(self, tag: str) -> TagInterest | None:
        return self._tags.get(tag.lower())

    def affinity(self, tag: str) -> float:
        entry = self._tags.get(tag.lower())
        return entry.affinity if entry else 0.0

    def effective(self, tag: str) -> tuple[float, str | None, float, str | None]:
        """(positive affinity, the tag it comes from, negative affinity, its tag) for a clip tag: its own
        interest or, at half strength per level, its parent's."""
        pos, pos_src, neg, neg_src = 0.0, None, 0.0, None
        factor, current = 1.0, tag
        while current:
            entry = self._tags.get(current.lower())
            if entry is not None:
                a = entry.affinity * factor
                if a > pos:
                    pos, pos_src = a, entry.tag
                if a < neg:
                    neg, neg_src = a, entry.tag
            parent = parent_of(current)
            if parent is None:
                break
            current, factor = parent, factor * PARENT_SHARE
        return pos, pos_src, neg, neg_src

    def top(self, n: int = 10, *, negative: bool = False) -> list[TagInterest]:
        """The strongest interests (or, with negative=True, the tags the student wants less of)."""
        items = [t for t in self._tags.values() if (t.raw < 0 if negative else t.raw > 0)]
        items.sort(key=lambda t: (-abs(t.raw), t.tag.lower()))
        return items[:n]

    def all(self) -> list[TagInterest]:
        return sorted(self._tags.values(), key=lambda t: (-t.raw, t.tag.lower()))


def decay(at: datetime, now: datetime) -> float:
    age_days = max(0.0, (now - at).total_seconds() / 86400.0)
    return math.pow(0.5, age_days / HALF_LIFE_DAYS)


def build_profile(
    signals: Iterable[Signal], clip_tags: Mapping[int, Sequence[str]], now: datetime
) -> InterestProfile:
    """Fold the signals into tag weights (deterministic for the same signals, tags and `now`)."""
    interests: dict[str, TagInterest] = {}

    def add(tag: str, kind: SignalKind, weight: float) -> None:
        current: str | None = tag
        share = 1.0
        while current:
            key = current.lower()
            entry = interests.get(key)
            if entry is None:
                entry = interests[key] = TagInterest(current)
            entry.raw += weight * share
            entry.sources[kind] = entry.sources.get(kind, 0.0) + weight * share
            current, share = parent_of(current), share * PARENT_SHARE

    for sig in signals:
        amount = min(sig.amount, CAPS.get(sig.kind, math.inf))
        weight = WEIGHTS[sig.kind] * amount
        if sig.kind not in EXPLICIT:
            weight *= decay(sig.at, now)
        if weight == 0:
            continue
        tags = sig.tags or (tuple(clip_tags.get(sig.video_id, ())) if sig.video_id is not None else ())
        for tag in dict.fromkeys(tags):
            add(tag, sig.kind, weight)
    for entry in interests.values():  # float noise from fading should not flip an order
        entry.raw = round(entry.raw, 9)
    return InterestProfile(interests)


def tags_for_query(query: str, taxonomy: Taxonomy, known_tags: Iterable[str]) -> tuple[str, ...]:
    """The tags a search is about: taxonomy topics of the terms in it, and library tags it names."""
    found: dict[str, None] = {}
    for term in taxonomy.matcher().find(query):
        for name in taxonomy.topics_for_term(term):
            found[name] = None
    words = " ".join(tokens(query))
    if len(words) >= 3:
        for tag in known_tags:
            leaf = " ".join(tokens(tag.rsplit("::", 1)[-1]))
            if leaf and (leaf == words or (len(leaf) >= 4 and f" {leaf} " in f" {words} ")):
                found[tag] = None
        for topic in taxonomy.topics.values():
            leaf = " ".join(tokens(topic.name.rsplit("::", 1)[-1]))
            label = " ".join(tokens(topic.label))
            if words in (leaf, label):
                found[topic.name] = None
    return tuple(found)
