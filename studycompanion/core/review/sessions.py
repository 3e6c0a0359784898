"""Offline review sessions: cards of chosen tags (or For You) scheduled with FSRS, graded Again / Hard / Good /
Easy, with history and a summary. Our schedule lives in our database; the Anki export never reads it.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from pathlib import Path

import fsrs
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from studycompanion.core.db.tables import Card, Tag, Video, VideoTag, utcnow
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.interests.creators import Creators, clip_handle, needs_verification
from studycompanion.core.interests.models import (
    Credibility,
    ReviewLogRow,
    ReviewSessionRow,
    ReviewState,
    aware,
    reviewable_states,
)
from studycompanion.core.interests.service import Clock, Interests
from studycompanion.core.library.clips import Library, normalise_tag
from studycompanion.core.settings import Settings
from studycompanion.core.types import CardKind

LEARN_AHEAD = timedelta(minutes=20)  # a card due again within this is shown again in the same session
MAX_SHOWS = 4  # ... but not more than this many times
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


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


def cloze_prompt(text: str) -> str:
    """'{{c1::Metoprolol}} is {{c2::cardioselective::kind}}' -> '[...] is [kind]'."""
    return _CLOZE.sub(lambda m: f"[{m.group(2)}]" if m.group(2) else "[...]", text)


def cloze_answer(text: str) -> str:
    """The sentence with its answers filled in, marked with [ ]."""
    return _CLOZE.sub(lambda m: f"[{m.group(1)}]", text)


@dataclass(frozen=True)
class ReviewScope:
    tags: tuple[str, ...] = ()
    for_you: bool = False
    verified_only: bool = False  # leave out clips whose creator is not a physician or resident

    def describe(self) -> str:
        what = ", ".join(self.tags) if self.tags else ("For You" if self.for_you else "all cards")
        if self.tags and self.for_you:
            what += " (For You order)"
        return what + (", verified creators only" if self.verified_only else "")


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
        return cloze_prompt(self.front) if self.kind == CardKind.CLOZE else self.front

    @property
    def answer(self) -> str:
        return cloze_answer(self.front) if self.kind == CardKind.CLOZE else self.back

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


@dataclass
class ReviewSummary:
    session_id: int
    scope: str
    started_at: datetime
    finished_at: datetime | None
    planned: int
    reviewed: int  # grades given (a card graded twice counts twice)
    cards: int  # distinct cards seen
    counts: dict[Grade, int] = field(default_factory=dict)
    seconds: float = 0.0
    again_cards: list[int] = field(default_factory=list)
    next_due: datetime | None = None

    @property
    def recall(self) -> float | None:
        """Share of first answers that were not Again."""
        return None if not self.reviewed else 1 - self.counts.get(Grade.AGAIN, 0) / self.reviewed

    def lines(self) -> list[str]:
        out = [f"Session {self.session_id} ({self.scope}): {self.reviewed} answers on {self.cards} cards"
               f" in {int(self.seconds // 60)} min {int(self.seconds % 60)} s"]
        out.append("  " + "  ".join(f"{g.label} {self.counts.get(g, 0)}" for g in Grade))
        if self.recall is not None:
            out.append(f"  recalled {self.recall:.0%}")
        if self.again_cards:
            out.append(f"  to look at again: cards {', '.join(map(str, self.again_cards))}")
        if self.next_due:
            out.append(f"  next card due {self.next_due:%Y-%m-%d %H:%M} UTC")
        return out


def _to_fsrs(card_id: int, row: ReviewState | None, now: datetime) -> fsrs.Card:
    if row is None:
        return fsrs.Card(card_id=card_id, due=now)
    return fsrs.Card(
        card_id=card_id, state=fsrs.State(row.state), step=row.step, stability=row.stability,
        difficulty=row.difficulty, due=aware(row.due), last_review=aware(row.last_review) if row.last_review else None,
    )


class ReviewSession:
    """One sitting: a queue of cards, graded one at a time; every grade is saved at once."""

    def __init__(self, reviews: Reviews, row_id: int, scope: ReviewScope, items: Sequence[ReviewItem]) -> None:
        self.reviews = reviews
        self.id = row_id
        self.scope = scope
        self.queue: deque[ReviewItem] = deque(items)
        self.planned = len(items)
        self.shows: Counter[int] = Counter()
        self.results: list[GradeResult] = []
        self.finished = False

    @property
    def current(self) -> ReviewItem | None:
        return self.queue[0] if self.queue and not self.finished else None

    @property
    def remaining(self) -> int:
        return 0 if self.finished else len(self.queue)

    def grade(self, grade: Grade | int, duration_ms: int | None = None) -> GradeResult:
        item = self.current
        if item is None:
            raise BadInput("This review session has no card left to grade.")
        result = self.reviews.grade_card(item.card_id, Grade(grade), session_id=self.id, duration_ms=duration_ms)
        self.queue.popleft()
        self.shows[item.card_id] += 1
        again = result.due <= self.reviews.clock() + LEARN_AHEAD and self.shows[item.card_id] < MAX_SHOWS
        if again:
            self.queue.append(item)
        result = GradeResult(result.card_id, result.grade, result.due, result.interval, again)
        self.results.append(result)
        return result

    def skip(self) -> None:
        """Leave the current card for the end of the session (or for another day, if it is the last)."""
        if len(self.queue) > 1:
            self.queue.rotate(-1)

    def finish(self) -> ReviewSummary:
        self.finished = True
        return self.reviews.close_session(self.id)


class Reviews:
    """Plans sessions, grades cards with FSRS and keeps the history."""

    def __init__(self, library: Library, settings: Settings | None = None, *, clock: Clock = utcnow,
                 interests: Interests | None = None, creators: Creators | None = None) -> None:
        self.library = library
        self.db = library.db
        self.settings = settings or Settings()
        self._clock = clock
        settings_now = self.settings
        self.interests = interests or Interests(library, clock=clock,
                                                include_drafts=lambda: settings_now.review_include_drafts)
        self.creators = creators or self.interests.creators
        self.scheduler = fsrs.Scheduler(
            desired_retention=min(0.99, max(0.7, self.settings.review_retention)),
            enable_fuzzing=self.settings.review_fuzz,
        )

    def clock(self) -> datetime:
        return self._clock().astimezone(UTC)

    # ---- planning ---------------------------------------------------------------------------------

    def _video_ids_for_tags(self, s: Session, tags: Sequence[str]) -> set[int]:
        conds = []
        for raw in tags:
            name = normalise_tag(raw).lower()
            if not name:
                raise BadInput(f"'{raw}' is not a usable tag name.")
            conds += [func.lower(Tag.name) == name, func.lower(Tag.name).startswith(name + "::")]
        rows = s.exec(select(VideoTag.video_id).join(Tag, col(Tag.id) == col(VideoTag.tag_id)).where(or_(*conds)))
        return set(rows.all())

    def plan(self, scope: ReviewScope, limit: int | None = None, new_limit: int | None = None) -> list[ReviewItem]:
        """The cards a session would show, in order: due cards (most overdue first; For You order with
        for_you), then new cards of the best-ranked clips. Nothing is written."""
        limit = self.settings.review_session_cards if limit is None else limit
        new_limit = self.settings.review_new_cards if new_limit is None else new_limit
        now = self.clock()
        states = reviewable_states(self.settings.review_include_drafts)
        clip_order = {vid: i for i, vid in enumerate(self.interests.ranking().ids())}
        with self.db.session() as s:
            wanted = self._video_ids_for_tags(s, scope.tags) if scope.tags else None
            if wanted is not None and not wanted:
                raise NotFound(f"No clip is tagged {', '.join(scope.tags)}.")
            stmt = select(Card, ReviewState).join(
                ReviewState, col(ReviewState.card_id) == col(Card.id), isouter=True
            ).where(col(Card.state).in_(states))
            if wanted is not None:
                stmt = stmt.where(col(Card.video_id).in_(wanted))
            rows = s.exec(stmt).all()
            videos = {v.id: v for v in s.exec(select(Video).where(
                col(Video.id).in_({c.video_id for c, _ in rows}))).all()}
        marks = self.creators.for_handles(clip_handle(v) for v in videos.values())
        due: list[tuple[Card, ReviewState]] = []
        new: list[Card] = []
        for card, state in rows:
            video = videos[card.video_id]
            if scope.verified_only and needs_verification(marks[clip_handle(video)]):
                continue
            if state is None:
                new.append(card)
            elif aware(state.due) <= now:
                due.append((card, state))
        def rank(video_id: int) -> int:
            return clip_order.get(video_id, len(clip_order))

        if scope.for_you:
            due.sort(key=lambda cs: (rank(cs[0].video_id), aware(cs[1].due), cs[0].start, cs[0].id or 0))
        else:
            due.sort(key=lambda cs: (aware(cs[1].due), cs[0].id or 0))
        new.sort(key=lambda c: (rank(c.video_id), c.start, c.id or 0))
        chosen = [c for c, _ in due][:limit]
        fresh = new[: max(0, min(new_limit, limit - len(chosen)))]
        return [self._item(c, videos[c.video_id], marks[clip_handle(videos[c.video_id])], is_new=i >= len(chosen))
                for i, c in enumerate(chosen + fresh)]

    def _item(self, card: Card, video: Video, cred: Credibility, *, is_new: bool) -> ReviewItem:
        assert card.id is not None
        media = self.library.media_path(video) if video.media_file else None
        return ReviewItem(
            card.id, card.video_id, card.kind, card.front, card.back, card.extra, card.source, card.start,
            card.end, video.title, media, video.creator_handle or video.creator_name, cred, is_new,
        )

    def counts(self, scope: ReviewScope) -> tuple[int, int]:
        """(due now, new) cards in a scope, whatever the session limits."""
        items = self.plan(scope, limit=10**9, new_limit=10**9)
        return sum(not i.is_new for i in items), sum(i.is_new for i in items)

    # ---- sessions ---------------------------------------------------------------------------------

    def start(self, scope: ReviewScope, limit: int | None = None, new_limit: int | None = None) -> ReviewSession:
        items = self.plan(scope, limit, new_limit)
        with self.db.session() as s:
            row = ReviewSessionRow(started_at=self.clock(), planned=len(items), tags=list(scope.tags),
                                   scope=scope.describe())
            s.add(row)
            s.flush()
            assert row.id is not None
            row_id = row.id
        return ReviewSession(self, row_id, scope, items)

    def grade_card(self, card_id: int, grade: Grade, *, session_id: int | None = None,
                   duration_ms: int | None = None) -> GradeResult:
        """Schedule one answer with FSRS and keep it in the history."""
        now = self.clock()
        with self.db.session() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise NotFound(f"There is no card with id {card_id}.")
            row = s.get(ReviewState, card_id)
            before = _to_fsrs(card_id, row, now)
            after, _log = self.scheduler.review_card(before, fsrs.Rating(int(grade)), now, duration_ms)
            if row is None:
                row = ReviewState(card_id=card_id, video_id=card.video_id)
            row.state, row.step = int(after.state), after.step
            row.stability, row.difficulty = after.stability, after.difficulty
            row.due, row.last_review = after.due, after.last_review
            row.reps += 1
            if grade == Grade.AGAIN and before.state == fsrs.State.Review:
                row.lapses += 1
            s.add(row)
            s.add(ReviewLogRow(card_id=card_id, video_id=card.video_id, session_id=session_id, rating=int(grade),
                               reviewed_at=now, duration_ms=duration_ms, state_before=int(before.state),
                               due_after=after.due))
            if session_id is not None:
                srow = s.get(ReviewSessionRow, session_id)
                if srow is not None:
                    srow.reviewed += 1
                    name = grade.name.lower()
                    setattr(srow, name, getattr(srow, name) + 1)
                    srow.seconds = (now - aware(srow.started_at)).total_seconds()
                    s.add(srow)
        return GradeResult(card_id, grade, after.due, after.due - now, False)

    def close_session(self, session_id: int) -> ReviewSummary:
        now = self.clock()
        with self.db.session() as s:
            srow = s.get(ReviewSessionRow, session_id)
            if srow is None:
                raise NotFound(f"There is no review session {session_id}.")
            if srow.finished_at is None:
                srow.finished_at = now
                srow.seconds = (now - aware(srow.started_at)).total_seconds()
                s.add(srow)
        return self.summary(session_id)

    def summary(self, session_id: int) -> ReviewSummary:
        with self.db.session() as s:
            srow = s.get(ReviewSessionRow, session_id)
            if srow is None:
                raise NotFound(f"There is no review session {session_id}.")
            logs = s.exec(select(ReviewLogRow).where(ReviewLogRow.session_id == session_id)
                          .order_by(col(ReviewLogRow.id))).all()
            card_ids = sorted({log.card_id for log in logs})
            states = s.exec(select(ReviewState).where(col(ReviewState.card_id).in_(card_ids))).all()
        last: dict[int, int] = {}
        for log in logs:
            last[log.card_id] = log.rating
        return ReviewSummary(
            session_id=session_id, scope=srow.scope, started_at=aware(srow.started_at),
            finished_at=aware(srow.finished_at) if srow.finished_at else None, planned=srow.planned,
            reviewed=len(logs), cards=len(card_ids),
            counts={g: sum(1 for log in logs if log.rating == g) for g in Grade},
            seconds=srow.seconds, again_cards=sorted(c for c, r in last.items() if r == Grade.AGAIN),
            next_due=min((aware(st.due) for st in states), default=None),
        )

    def history(self, limit: int = 20) -> list[ReviewSummary]:
        """The latest sessions, newest first."""
        with self.db.session() as s:
            ids = s.exec(select(ReviewSessionRow.id).order_by(col(ReviewSessionRow.id).desc()).limit(limit)).all()
        return [self.summary(i) for i in ids if i is not None]

    def card_history(self, card_id: int) -> list[ReviewLogRow]:
        with self.db.session() as s:
            return list(s.exec(select(ReviewLogRow).where(ReviewLogRow.card_id == card_id)
                               .order_by(col(ReviewLogRow.id))).all())

    def schedule(self, card_id: int) -> ReviewState | None:
        with self.db.session() as s:
            return s.get(ReviewState, card_id)
