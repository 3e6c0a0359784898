"""For You: ranks the student's own clips by interest, review due, never reviewed and freshness, then spreads
creators and topics so no run of one creator forms; each clip gets a short reason. Deterministic.

What a clip's creator is worth to strangers (followers, views, likes) is not an input at all: a small
creator's clip ranks exactly as a famous one's with the same topics and study state.
Vectorised with numpy: 100k clips rank in well under 100 ms (bench/foryou.py).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from studycompanion.core.interests.profile import InterestProfile, SignalKind
from studycompanion.core.text import QT_TRANSLATE_NOOP, plural

W_AFFINITY = 1.0
W_DUE = 0.9
W_NEVER = 0.45
W_FRESH = 0.2
FRESH_DAYS = 7.0  # "new in your library" fades over about a week
UNPLAYABLE = -2.0  # queued or failed downloads go last
MAX_TOPIC_RUN = 2  # at most this many clips of one topic in a row (when others are left) ...
TOPIC_SPAN = 1000  # ... in the first this many places (what anyone scrolls); creators are spread everywhere
LOOKAHEAD = 16  # how far down the list topic diversity may reach for a replacement

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class Why(IntEnum):
    """Reason codes, in the order used to break ties between equal contributions."""

    AFFINITY = 0
    DUE = 1
    NEVER = 2
    FRESH = 3
    LESS = 4
    UNPLAYABLE = 5
    LIBRARY = 6


@dataclass(frozen=True)
class ClipRow:
    """What ranking knows about one clip (no audience numbers: there is no field for them)."""

    id: int
    title: str = ""
    creator: str = ""  # normalised handle; "" for unknown (never grouped with other unknowns)
    tags: Sequence[str] = ()
    topic: str = ""  # the clip's main topic root, for topic diversity
    due: int = 0  # cards due now
    cards: int = 0  # reviewable cards
    reviewed: bool = False  # any card review, or watched to the end
    age_days: float = 0.0  # since it was added
    playable: bool = True


@dataclass
class ClipTable:
    """ClipRows as columns: tags in CSR form (tag_ptr / tag_idx into tag_names)."""

    ids: IntArray
    titles: list[str]
    creators: list[str]
    tag_names: list[str]
    tag_ptr: IntArray
    tag_idx: IntArray
    topic_key: IntArray
    creator_key: IntArray
    due: IntArray
    cards: IntArray
    reviewed: BoolArray
    age_days: FloatArray
    playable: BoolArray

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_rows(cls, rows: Sequence[ClipRow]) -> ClipTable:
        tag_index: dict[str, int] = {}
        ptr = [0]
        idx: list[int] = []
        for r in rows:
            for t in dict.fromkeys(r.tags):
                idx.append(tag_index.setdefault(t, len(tag_index)))
            ptr.append(len(idx))
        creator_index: dict[str, int] = {}
        topic_index: dict[str, int] = {}
        creator_key = [creator_index.setdefault(r.creator, len(creator_index)) if r.creator else -1 - i
                       for i, r in enumerate(rows)]
        topic_key = [topic_index.setdefault(r.topic, len(topic_index)) if r.topic else -1 - i
                     for i, r in enumerate(rows)]
        return cls(
            ids=np.array([r.id for r in rows], dtype=np.int64),
            titles=[r.title for r in rows],
            creators=[r.creator for r in rows],
            tag_names=list(tag_index),
            tag_ptr=np.array(ptr, dtype=np.int64),
            tag_idx=np.array(idx, dtype=np.int64),
            topic_key=np.array(topic_key, dtype=np.int64),
            creator_key=np.array(creator_key, dtype=np.int64),
            due=np.array([r.due for r in rows], dtype=np.int64),
            cards=np.array([r.cards for r in rows], dtype=np.int64),
            reviewed=np.array([r.reviewed for r in rows], dtype=np.bool_),
            age_days=np.array([r.age_days for r in rows], dtype=np.float64),
            playable=np.array([r.playable for r in rows], dtype=np.bool_),
        )


# why a clip is in the feed (core/text.py: English unless the window installed a translation)
NOT_DOWNLOADED = QT_TRANSLATE_NOOP("ForYouReasons", "not downloaded yet")
ASKED_MORE = QT_TRANSLATE_NOOP("ForYouReasons", "you asked for more {tag}")
STUDIES = QT_TRANSLATE_NOOP("ForYouReasons", "because you study {tag}")
DUE_ONE = QT_TRANSLATE_NOOP("ForYouReasons", "due for review ({n} card)")
DUE_MANY = QT_TRANSLATE_NOOP("ForYouReasons", "due for review ({n} cards)")
NEVER_ONE = QT_TRANSLATE_NOOP("ForYouReasons", "never reviewed ({n} card)")
NEVER_MANY = QT_TRANSLATE_NOOP("ForYouReasons", "never reviewed ({n} cards)")
NEVER = QT_TRANSLATE_NOOP("ForYouReasons", "never reviewed")
FRESH = QT_TRANSLATE_NOOP("ForYouReasons", "new in your library")
LESS = QT_TRANSLATE_NOOP("ForYouReasons", "less of {tag}, as you asked")
IN_LIBRARY = QT_TRANSLATE_NOOP("ForYouReasons", "in your library")


@dataclass(frozen=True)
class ForYouItem:
    video_id: int
    title: str
    score: float
    reason: str
    reasons: tuple[str, ...] = ()
    creator: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"id": self.video_id, "title": self.title, "score": self.score, "reason": self.reason}


@dataclass
class Ranking:
    table: ClipTable
    order: list[int]  # row indices, best first
    scores: FloatArray
    parts: FloatArray  # (n, 4): affinity, due, never, fresh contributions
    pos_src: list[str | None] = field(default_factory=list)  # per tag_names index
    neg_src: list[str | None] = field(default_factory=list)
    pos_aff: FloatArray = field(default_factory=lambda: np.zeros(0))
    neg_aff: FloatArray = field(default_factory=lambda: np.zeros(0))
    explicit: dict[str, int] = field(default_factory=dict)  # tag -> +1 more / -1 less

    def __len__(self) -> int:
        return len(self.order)

    def ids(self) -> list[int]:
        return [int(self.table.ids[i]) for i in self.order]

    def items(self, limit: int | None = None) -> list[ForYouItem]:
        return [self.item(i) for i in self.order[:limit]]

    def item(self, row: int) -> ForYouItem:
        t = self.table
        reasons = self._reasons(row)
        return ForYouItem(int(t.ids[row]), t.titles[row], round(float(self.scores[row]), 3), reasons[0],
                          tuple(reasons), t.creators[row])

    def _clip_tag(self, row: int, negative: bool) -> str | None:
        t = self.table
        lo, hi = int(t.tag_ptr[row]), int(t.tag_ptr[row + 1])
        best, src = 0.0, None
        for k in t.tag_idx[lo:hi].tolist():
            value = float(self.neg_aff[k]) if negative else float(self.pos_aff[k])
            if (value < best) if negative else (value > best):
                best, src = value, (self.neg_src[k] if negative else self.pos_src[k])
        return src

    def _reasons(self, row: int) -> list[str]:
        t = self.table
        if not t.playable[row]:
            return [NOT_DOWNLOADED()]
        aff, due, never, fresh = (float(x) for x in self.parts[row])
        found: list[tuple[float, int, str]] = []
        if aff > 0.01:
            tag = self._clip_tag(row, negative=False) or ""
            if self.explicit.get(tag.lower()) == 1:  # the student asked for it: say so first
                found.append((aff + 1.0, Why.AFFINITY, ASKED_MORE(tag=tag)))
            else:
                found.append((aff, Why.AFFINITY, STUDIES(tag=tag)))
        if due > 0:
            n = int(t.due[row])
            found.append((due, Why.DUE, plural(n, DUE_ONE, DUE_MANY)))
        if never > 0:
            n = int(t.cards[row])
            found.append((never, Why.NEVER, plural(n, NEVER_ONE, NEVER_MANY) if n else NEVER()))
        if fresh > 0.02:
            found.append((fresh, Why.FRESH, FRESH()))
        found.sort(key=lambda f: (-f[0], f[1]))
        out = [text for _, _, text in found]
        if aff < -0.01:
            tag = self._clip_tag(row, negative=True) or ""
            less = LESS(tag=tag)
            if not found or -aff >= found[0][0]:
                out.insert(0, less)
            else:
                out.append(less)
        return out or [IN_LIBRARY()]


def _tag_affinities(table: ClipTable, profile: InterestProfile) -> tuple[
    FloatArray, FloatArray, list[str | None], list[str | None]
]:
    n = len(table.tag_names)
    pos, neg = np.zeros(n), np.zeros(n)
    pos_src: list[str | None] = [None] * n
    neg_src: list[str | None] = [None] * n
    if len(profile):
        for k, name in enumerate(table.tag_names):
            p, ps, q, qs = profile.effective(name)
            pos[k], pos_src[k], neg[k], neg_src[k] = p, ps, q, qs
    return pos, neg, pos_src, neg_src


def _segment_reduce(values: FloatArray, ptr: IntArray, ufunc: np.ufunc) -> FloatArray:
    """ufunc.reduceat per clip; clips without tags get 0."""
    n = len(ptr) - 1
    out = np.zeros(n)
    if len(values) == 0:
        return out
    starts = ptr[:-1]
    nonempty = ptr[1:] > starts
    reduced = ufunc.reduceat(values, np.minimum(starts, len(values) - 1))
    out[nonempty] = reduced[nonempty]
    return out


def rank(table: ClipTable, profile: InterestProfile) -> Ranking:
    """Every clip of the table, best first (ties: lower id first), diversified by creator and topic."""
    pos, neg, pos_src, neg_src = _tag_affinities(table, profile)
    clip_pos = _segment_reduce(pos[table.tag_idx], table.tag_ptr, np.maximum)
    clip_neg = _segment_reduce(neg[table.tag_idx], table.tag_ptr, np.minimum)
    affinity = np.clip(clip_pos + clip_neg, -1.0, 1.0)
    due = np.where(table.due > 0, np.minimum(1.0, 0.7 + 0.1 * table.due), 0.0)
    never = (~table.reviewed).astype(np.float64)
    fresh = np.exp(-np.maximum(table.age_days, 0.0) / FRESH_DAYS)
    parts = np.stack([W_AFFINITY * affinity, W_DUE * due, W_NEVER * never, W_FRESH * fresh], axis=1)
    scores = parts.sum(axis=1) + np.where(table.playable, 0.0, UNPLAYABLE)
    scores = np.round(scores, 9)  # the same inputs always sort the same way
    by_score = np.lexsort((table.ids, -scores))
    order = diversify(by_score, table.creator_key, table.topic_key)
    explicit = {t.tag.lower(): t.adjusted for t in profile.all() if t.adjusted and _has_explicit(t.sources)}
    return Ranking(table, order, scores, parts, pos_src, neg_src, pos, neg, explicit)


def _has_explicit(sources: dict[SignalKind, float]) -> bool:
    return SignalKind.MORE in sources or SignalKind.LESS in sources


def diversify(order: Sequence[int] | IntArray, creators: Sequence[int] | IntArray, topics: Sequence[int] | IntArray,
              max_topic_run: int = MAX_TOPIC_RUN, lookahead: int = LOOKAHEAD, topic_span: int = TOPIC_SPAN,
              bulk: bool = True) -> list[int]:
    """Re-order so no creator appears twice in a row (whenever another creator is left) and, in the first
    `topic_span` places and looking at most `lookahead` clips ahead, no topic more than `max_topic_run` times
    in a row; always the best-ranked clip that fits.

    About linear: where the output follows the score order, stretches without a conflict are copied at once
    (`bulk`, found with numpy; the result is the same without it); most other clips fit where they stand or
    one step later (the fast paths); the rest wait in `pending`, best first."""
    n = len(order)
    conflicts = _conflicts(order, creators, topics, max_topic_run, topic_span) if bulk else [n]
    order, creators, topics = _as_list(order), _as_list(creators), _as_list(topics)
    ci = 0
    out: list[int] = []
    emit = out.append
    pending: deque[int] = deque()
    in_pending: dict[int, int] = {}  # creator -> how many of its clips wait in `pending`
    pos = 0
    last_c: int | None = None
    last_t: int | None = None
    run = 0
    streak = 0  # clips emitted in score order since the last detour: the output is "in sync" with `order`
    need = max(1, max_topic_run)
    while pos < n or pending:
        if len(out) >= topic_span and max_topic_run <= n:
            max_topic_run, need = n + 1, 1  # past what anyone scrolls, only creators are spread
        if not pending:
            if bulk and streak >= need:  # in sync: copy up to the next conflict at once
                while conflicts[ci] < pos:
                    ci += 1
                nxt = conflicts[ci]
                if nxt > pos:
                    out.extend(order[pos:nxt])
                    pos = nxt
                    last = order[pos - 1]
                    last_c, last_t, run = creators[last], topics[last], 1
                    while run <= max_topic_run and pos - 1 - run >= 0 and topics[order[pos - 1 - run]] == last_t:
                        run += 1
                    if pos >= n:
                        break
                    continue
            i = order[pos]  # fast path 1: the next clip in score order fits
            pos += 1
            c, t = creators[i], topics[i]
            if c != last_c and (t != last_t or run < max_topic_run):
                emit(i)
                streak += 1
                run = run + 1 if t == last_t else 1
                last_c, last_t = c, t
                continue
            pending.append(i)
            in_pending[c] = in_pending.get(c, 0) + 1
        else:  # fast path 2: the best waiting clip fits now
            i = pending[0]
            c, t = creators[i], topics[i]
            if c != last_c and (t != last_t or run < max_topic_run):
                pending.popleft()
                in_pending[c] -= 1
                emit(i)
                streak = 0
                run = run + 1 if t == last_t else 1
                last_c, last_t = c, t
                continue
        streak = 0
        if len(pending) == 1 and pos < n:  # fast path 3: one clip waits, the next in order fits
            i = order[pos]
            c, t = creators[i], topics[i]
            if c != last_c and (t != last_t or run < max_topic_run):
                pos += 1
                emit(i)
                run = run + 1 if t == last_t else 1
                last_c, last_t = c, t
                continue
        chosen, from_pending = _choose(order, creators, topics, pending, in_pending, pos, last_c, last_t,
                                       run < max_topic_run, lookahead)
        pos = max(pos, chosen[1])
        i = chosen[0]
        if from_pending >= 0:
            del pending[from_pending]
            in_pending[creators[i]] -= 1
        emit(i)
        run = run + 1 if topics[i] == last_t else 1
        last_c, last_t = creators[i], topics[i]
    return out


def _as_list(values: Sequence[int] | IntArray) -> list[int]:
    return values.tolist() if isinstance(values, np.ndarray) else list(values)


def _conflicts(order: Sequence[int] | IntArray, creators: Sequence[int] | IntArray,
               topics: Sequence[int] | IntArray, max_topic_run: int, topic_span: int) -> list[int]:
    """Positions of `order` whose clip breaks a rule if shown right after its predecessors in `order`
    (same creator as the one before; in the first `topic_span` places, one topic too many times), then n."""
    n = len(order)
    idx = np.asarray(order, dtype=np.int64)
    cr = np.asarray(creators, dtype=np.int64)[idx] if n else np.zeros(0, dtype=np.int64)
    tp = np.asarray(topics, dtype=np.int64)[idx] if n else np.zeros(0, dtype=np.int64)
    bad = np.zeros(n, dtype=np.bool_)
    if n > 1:
        bad[1:] = cr[1:] == cr[:-1]
    span = min(n, topic_span)
    k = max_topic_run
    if span > k >= 1:
        same = np.ones(span - k, dtype=np.bool_)
        for j in range(1, k + 1):
            same &= tp[k:span] == tp[k - j : span - j]
        bad[k:span] |= same
    found: list[int] = np.flatnonzero(bad).tolist()
    return [*found, n]


def _choose(order: list[int], creators: list[int], topics: list[int], pending: deque[int],
            in_pending: dict[int, int], pos: int, last_c: int | None, last_t: int | None, topic_ok: bool,
            lookahead: int) -> tuple[tuple[int, int], int]:
    """The slow path of `diversify`: ((clip, new stream position), index in pending or -1). Clips read from
    the stream and not chosen are appended to `pending`."""
    n = len(order)
    for j in range(min(len(pending), lookahead)):  # 1. the best nearby clip fitting both rules
        i = pending[j]
        if creators[i] != last_c and (topics[i] != last_t or topic_ok):
            return (i, pos), j
    while len(pending) < lookahead and pos < n:
        i = order[pos]
        pos += 1
        if creators[i] != last_c and (topics[i] != last_t or topic_ok):
            return (i, pos), -1
        pending.append(i)
        in_pending[creators[i]] = in_pending.get(creators[i], 0) + 1
    waiting_same = in_pending.get(last_c, 0) if last_c is not None else 0
    if waiting_same < len(pending):  # 2. the best clip of another creator, however far down
        for j, i in enumerate(pending):
            if creators[i] != last_c:
                return (i, pos), j
    while pos < n:
        i = order[pos]
        pos += 1
        if creators[i] != last_c:
            return (i, pos), -1
        pending.append(i)
        in_pending[creators[i]] = in_pending.get(creators[i], 0) + 1
    return (pending[0], pos), 0  # 3. only one creator is left
