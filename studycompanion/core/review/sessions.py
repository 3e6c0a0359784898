"""Offline review sessions: cards of chosen tags (or For You) scheduled with FSRS, graded Again / Hard / Good /
Easy, with history and a summary. Our schedule lives in our database; the Anki export never reads it.

The value objects live in items.py (Grade, ReviewScope, ReviewItem, GradeResult) and the summary in summary.py
(ReviewSummary, when_words, due_sentence); this module owns the sitting (ReviewSession) and the planning, FSRS
grading and history (Reviews), and re-exports those names so callers keep importing them from here.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo

import fsrs
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from studycompanion.core.cards.source import video_creator
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
from studycompanion.core.review.items import Grade, GradeResult, ReviewItem, ReviewScope
from studycompanion.core.review.summary import ReviewSummary, due_sentence, when_words
from studycompanion.core.settings import Settings
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import TagSource

__all__ = [
    "LEARN_AHEAD",
    "MAX_SHOWS",
    "Grade",
    "GradeResult",
    "ReviewItem",
    "ReviewScope",
    "ReviewSession",
    "ReviewSummary",
    "Reviews",
    "due_sentence",
    "when_words",
]

LEARN_AHEAD = timedelta(minutes=20)  # a card due again within this is shown again in the same session
MAX_SHOWS = 4  # ... but not more than this many times


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
        """Cards still to be shown in this session, each once, repeats included (it drops with every grade
        that sends a card away, and stays when Again brings it back)."""
        return 0 if self.finished else len(self.queue)

    @property
    def unseen(self) -> int:
        """Cards of the session not shown yet."""
        return 0 if self.finished else sum(1 for i in self.queue if not self.shows[i.card_id])

    @property
    def coming_back(self) -> int:
        """Cards already answered that come back in this session (Again, or a learning step within minutes)."""
        return 0 if self.finished else sum(1 for i in self.queue if self.shows[i.card_id])

    def counter(self) -> str:
        """'5 new to this session · 2 coming back', right after each grade."""
        if self.finished or not self.queue:
            return "No card left"
        text = f"{self.unseen} left"
        return text + (f" · {self.coming_back} coming back" if self.coming_back else "")

    def grade(self, grade: Grade | int, duration_ms: int | None = None) -> GradeResult:
        item = self.current
        if item is None:
            raise BadInput(QT_TRANSLATE_NOOP("ReviewErrors", "This review session has no card left to grade.")())
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
                 interests: Interests | None = None, creators: Creators | None = None,
                 tz: tzinfo | None = None) -> None:
        self.library = library
        self.tz = tz  # the student's time zone for "today" (None: the computer's)
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
                raise BadInput(QT_TRANSLATE_NOOP("InterestErrors", "'{tag}' is not a usable tag name.")(tag=raw))
            conds += [func.lower(Tag.name) == name, func.lower(Tag.name).startswith(name + "::")]
        rows = s.exec(select(VideoTag.video_id).join(Tag, col(Tag.id) == col(VideoTag.tag_id)).where(or_(*conds))
                      .where(VideoTag.source != TagSource.SUGGESTED))  # only tags the student confirmed
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
                tags = ", ".join(scope.tags)
                raise NotFound(QT_TRANSLATE_NOOP("ReviewErrors", "No clip is tagged {tags}.")(tags=tags))
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
        new_left, reviews_left = self.daily_left()
        learning = [c for c, st in due if st.state != fsrs.State.Review]  # learning steps: never held back
        reviews = [c for c, st in due if st.state == fsrs.State.Review][:reviews_left]
        keep = {c.id for c in learning} | {c.id for c in reviews}
        chosen = [c for c, _ in due if c.id in keep][:limit]
        fresh = new[: max(0, min(new_limit, new_left, limit - len(chosen)))]
        return [self._item(c, videos[c.video_id], marks[clip_handle(videos[c.video_id])], is_new=i >= len(chosen))
                for i, c in enumerate(chosen + fresh)]

    def day_start(self) -> datetime:
        """Midnight of today in the student's time zone (Anki's day, without its 4 a.m. offset)."""
        local = self.clock().astimezone(self.tz)
        return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)

    def daily_left(self) -> tuple[int, int]:
        """(new cards, reviews) still allowed today by the daily limits (settings, as Anki has them)."""
        since = self.day_start()
        with self.db.session() as s:
            first = s.exec(select(ReviewLogRow.card_id, func.min(ReviewLogRow.reviewed_at))
                           .group_by(col(ReviewLogRow.card_id))).all()
            today = set(s.exec(select(ReviewLogRow.card_id).where(ReviewLogRow.reviewed_at >= since)).all())
        began = {cid: aware(at) for cid, at in first}
        new_today = sum(1 for cid in today if began.get(cid, since) >= since)
        reviewed_today = len(today) - new_today
        return (max(0, self.settings.review_new_per_day - new_today),
                max(0, self.settings.review_reviews_per_day - reviewed_today))

    def _item(self, card: Card, video: Video, cred: Credibility, *, is_new: bool) -> ReviewItem:
        assert card.id is not None
        media = self.library.media_path(video) if video.media_file else None
        return ReviewItem(
            card.id, card.video_id, card.kind, card.front, card.back, card.extra, card.source, card.start,
            card.end, video.title, media, video_creator(video), cred, is_new,
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
                                   scope=scope.stored())
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
                raise NotFound(QT_TRANSLATE_NOOP("CardStore", "There is no card with id {id}.")(id=card_id))
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
                raise NotFound(QT_TRANSLATE_NOOP("ReviewErrors", "There is no review session {id}.")(id=session_id))
            if srow.finished_at is None:
                srow.finished_at = now
                srow.seconds = (now - aware(srow.started_at)).total_seconds()
                s.add(srow)
        return self.summary(session_id)

    def summary(self, session_id: int) -> ReviewSummary:
        with self.db.session() as s:
            srow = s.get(ReviewSessionRow, session_id)
            if srow is None:
                raise NotFound(QT_TRANSLATE_NOOP("ReviewErrors", "There is no review session {id}.")(id=session_id))
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
            due_times=sorted(aware(st.due) for st in states),
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
