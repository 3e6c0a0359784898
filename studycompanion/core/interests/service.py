"""The interests service: what the student does (events), the interest profile, For You and related clips,
and the pipeline hook that suggests tags after capture and transcription.

Everything stays on the machine and ranks only the student's own clips.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from studycompanion.core.db.tables import Card, Tag, Video, VideoTag, utcnow
from studycompanion.core.errors import BadInput
from studycompanion.core.interests.creators import Creators, normalise_handle
from studycompanion.core.interests.foryou import ClipRow, ClipTable, ForYouItem, Ranking, rank
from studycompanion.core.interests.models import (
    ClipTerm,
    InterestEvent,
    InterestKind,
    ReviewLogRow,
    ReviewState,
    aware,
    reviewable_states,
)
from studycompanion.core.interests.profile import InterestProfile, Signal, SignalKind, build_profile, tags_for_query
from studycompanion.core.interests.suggestions import SuggestOutcome, TagSuggestions
from studycompanion.core.interests.taxonomy import Taxonomy, load_taxonomy
from studycompanion.core.library.clips import Library, normalise_tag
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CardState, TagSource, VideoStatus

log = logging.getLogger(__name__)

WATCHED = 0.5  # watching half a clip counts as having studied it
UNPLAYABLE = frozenset({VideoStatus.QUEUED, VideoStatus.DOWNLOADING, VideoStatus.FAILED})
Clock = Callable[[], datetime]
# what a wrong request says (core/text.py: the window's language; English in the CLI)
UNUSABLE_TAG = QT_TRANSLATE_NOOP("InterestErrors", "'{tag}' is not a usable tag name.")
NO_TAGS_YET = QT_TRANSLATE_NOOP("InterestErrors", "Clip {id} has no tags yet: tag it first, then ask for more or "
                                                  "less of it.")
SAY_WHICH = QT_TRANSLATE_NOOP("InterestErrors", "Say which tag or clip you want more or less of.")


@dataclass(frozen=True)
class RelatedClip:
    video_id: int
    title: str
    score: float
    reason: str
    shared_tags: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"id": self.video_id, "title": self.title, "score": self.score, "reason": self.reason,
                "tags": list(self.shared_tags), "terms": list(self.shared_terms)}


class Interests:
    def __init__(self, library: Library, *, taxonomy: Taxonomy | None = None, clock: Clock = utcnow,
                 include_drafts: bool | Callable[[], bool] = True, suggestions: TagSuggestions | None = None,
                 creators: Creators | None = None) -> None:
        """services.py builds the one instance (with the settings' include_drafts as a callable, so a change in
        Settings applies at once); tests may build their own over a test library."""
        self.library = library
        self.db = library.db
        self.taxonomy = taxonomy or load_taxonomy()
        self.clock = clock
        self._include_drafts = include_drafts
        self.suggestions = suggestions or TagSuggestions(library, self.taxonomy)
        self.creators = creators or Creators(library.db)

    @property
    def include_drafts(self) -> bool:
        value = self._include_drafts
        return value() if callable(value) else value

    # ---- events -----------------------------------------------------------------------------------

    def _event(self, kind: InterestKind, video_id: int | None = None, tag: str = "", value: float = 0.0,
               text: str = "") -> None:
        with self.db.session() as s:
            s.add(InterestEvent(kind=kind, video_id=video_id, tag=tag, value=value, text=text,
                                created_at=self.clock()))

    def record_watch(self, video_id: int, seconds: float) -> None:
        """The player reports how long a clip played (call it when playback stops or the clip changes)."""
        if seconds >= 1.0:
            self.library.get(video_id)
            self._event(InterestKind.WATCH, video_id, value=float(seconds))

    def record_search(self, query: str) -> None:
        query = " ".join(query.split())
        if query:
            self._event(InterestKind.SEARCH, text=query[:200])

    def more_of(self, *, tag: str | None = None, video_id: int | None = None) -> list[str]:
        """"More of this": a tag, or the clip's tags. Returns the tags adjusted."""
        return self._adjust(InterestKind.MORE, tag, video_id)

    def less_of(self, *, tag: str | None = None, video_id: int | None = None) -> list[str]:
        return self._adjust(InterestKind.LESS, tag, video_id)

    def _adjust(self, kind: InterestKind, tag: str | None, video_id: int | None) -> list[str]:
        if tag:
            name = normalise_tag(tag)
            if not name:
                raise BadInput(UNUSABLE_TAG(tag=tag))
            tags = [name]
        elif video_id is not None:
            self.library.get(video_id)
            tags = self.library.tags.tags_for(video_id)
            topical = [t for t in tags if self.taxonomy.kind_of(t) != "exam"]
            tags = topical or tags  # "less of this clip" is about its topics, not all of Step 1
            if not tags:
                raise BadInput(NO_TAGS_YET(id=video_id))
        else:
            raise BadInput(SAY_WHICH())
        with self.db.session() as s:
            for name in tags:
                s.add(InterestEvent(kind=kind, video_id=video_id, tag=name, created_at=self.clock()))
        return tags

    def reset(self, tag: str) -> int:
        """Forget the "more / less of this" given for a tag."""
        name = normalise_tag(tag)
        with self.db.session() as s:
            rows = s.exec(select(InterestEvent).where(
                col(InterestEvent.kind).in_([InterestKind.MORE, InterestKind.LESS]),
                func.lower(InterestEvent.tag) == name.lower(),
            )).all()
            for row in rows:
                s.delete(row)
        return len(rows)

    # ---- suggestions (see core/interests/suggestions.py) -------------------------------------------------

    def refresh_suggestions(self, video_id: int) -> SuggestOutcome:
        return self.suggestions.refresh(video_id)

    # ---- the profile ------------------------------------------------------------------------------

    def _all_tags(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        with self.db.session() as s:
            rows = s.exec(select(VideoTag.video_id, Tag.name).join(Tag, col(Tag.id) == col(VideoTag.tag_id))
                          .order_by(col(VideoTag.video_id), col(Tag.name))).all()
        for vid, name in rows:
            out[vid].append(name)
        return dict(out)

    def signals(self, clip_tags: dict[int, list[str]] | None = None) -> list[Signal]:
        """Everything the profile learns from, read from the library."""
        clip_tags = self._all_tags() if clip_tags is None else clip_tags
        known = sorted({t for tags in clip_tags.values() for t in tags})
        out: list[Signal] = []
        with self.db.session() as s:
            videos = s.connection().execute(sa_select(
                col(Video.id), col(Video.favourite), col(Video.favourited_at), col(Video.added_at), col(Video.duration)
            )).all()
            durations = {vid: (dur or 60.0) for vid, _, _, _, dur in videos}
            for vid, fav, fav_at, added, _ in videos:
                if fav and vid is not None:
                    out.append(Signal(SignalKind.FAVOURITE, aware(fav_at or added), video_id=vid))
            for vid, n, last in s.exec(
                select(Card.video_id, func.count(col(Card.id)), func.max(Card.updated_at))
                .where(col(Card.state).in_([CardState.ACCEPTED, CardState.EXPORTED])).group_by(col(Card.video_id))
            ).all():
                out.append(Signal(SignalKind.CARDS, aware(last), amount=float(n), video_id=vid))
            for vid, at in s.exec(select(ReviewLogRow.video_id, ReviewLogRow.reviewed_at)).all():
                out.append(Signal(SignalKind.REVIEW, aware(at), video_id=vid))
            for name, at in s.exec(
                select(Tag.name, VideoTag.added_at).join(Tag, col(Tag.id) == col(VideoTag.tag_id))
                .where(VideoTag.source == TagSource.USER)
            ).all():
                out.append(Signal(SignalKind.TAGGED, aware(at), tags=(name,)))
            events = s.exec(select(InterestEvent).where(col(InterestEvent.kind).in_(
                [InterestKind.WATCH, InterestKind.SEARCH, InterestKind.MORE, InterestKind.LESS]
            )).order_by(col(InterestEvent.id))).all()
        for e in events:
            at = aware(e.created_at)
            if e.kind == InterestKind.WATCH and e.video_id is not None:
                amount = e.value / max(1.0, durations.get(e.video_id, 60.0))
                out.append(Signal(SignalKind.WATCH, at, amount=amount, video_id=e.video_id))
            elif e.kind == InterestKind.SEARCH:
                tags = tags_for_query(e.text, self.taxonomy, known)
                if tags:
                    out.append(Signal(SignalKind.SEARCH, at, tags=tags))
            elif e.kind in (InterestKind.MORE, InterestKind.LESS) and e.tag:
                kind = SignalKind.MORE if e.kind == InterestKind.MORE else SignalKind.LESS
                out.append(Signal(kind, at, tags=(e.tag,)))
        return out

    def profile(self, clip_tags: dict[int, list[str]] | None = None) -> InterestProfile:
        clip_tags = self._all_tags() if clip_tags is None else clip_tags
        return build_profile(self.signals(clip_tags), clip_tags, self.clock())

    # ---- For You ----------------------------------------------------------------------------------

    def _topic(self, tags: Sequence[str]) -> str:
        """The clip's main topic for diversity: its first system or discipline tag's root, else its first tag's."""
        for tag in tags:
            if self.taxonomy.kind_of(tag) in ("system", "discipline"):
                return tag.split("::")[0].lower()
        return tags[0].split("::")[0].lower() if tags else ""

    def clip_rows(self, clip_tags: dict[int, list[str]] | None = None) -> list[ClipRow]:
        clip_tags = self._all_tags() if clip_tags is None else clip_tags
        now = self.clock()
        states = reviewable_states(self.include_drafts)
        with self.db.session() as s:
            videos = s.connection().execute(sa_select(
                col(Video.id), col(Video.title), col(Video.creator_handle), col(Video.creator_name),
                col(Video.added_at), col(Video.status), col(Video.media_file), col(Video.duration),
            )).all()
            cards = dict(s.exec(select(Card.video_id, func.count(col(Card.id)))
                                .where(col(Card.state).in_(states)).group_by(col(Card.video_id))).all())
            due = dict(s.exec(
                select(ReviewState.video_id, func.count(col(ReviewState.card_id)))
                .join(Card, col(Card.id) == col(ReviewState.card_id))
                .where(col(ReviewState.due) <= now, col(Card.state).in_(states))
                .group_by(col(ReviewState.video_id))
            ).all())
            reviewed = set(s.exec(select(ReviewLogRow.video_id).distinct()).all())
            watched = dict(s.exec(select(InterestEvent.video_id, func.sum(InterestEvent.value))
                                  .where(InterestEvent.kind == InterestKind.WATCH)
                                  .group_by(col(InterestEvent.video_id))).all())
        rows = []
        for vid, title, handle, name, added, status, media_file, duration in videos:
            assert vid is not None
            tags = clip_tags.get(vid, [])
            seen = watched.get(vid, 0.0) >= WATCHED * (duration or 60.0)
            rows.append(ClipRow(
                id=vid, title=title, creator=normalise_handle(handle or name), tags=tags, topic=self._topic(tags),
                due=int(due.get(vid, 0)), cards=int(cards.get(vid, 0)), reviewed=vid in reviewed or seen,
                age_days=max(0.0, (now - aware(added)).total_seconds() / 86400.0),
                playable=bool(media_file) and VideoStatus(status) not in UNPLAYABLE,
            ))
        return rows

    def ranking(self) -> Ranking:
        clip_tags = self._all_tags()
        return rank(ClipTable.from_rows(self.clip_rows(clip_tags)), self.profile(clip_tags))

    def for_you(self, limit: int | None = None) -> list[ForYouItem]:
        """Every clip of the library (or the first `limit`), best first, each with its reason."""
        return self.ranking().items(limit)

    # ---- related clips ----------------------------------------------------------------------------

    def related(self, video_id: int, limit: int = 8) -> list[RelatedClip]:
        """Clips that share tags (rarer tags count more; a shared parent topic a little) and medical terms."""
        self.library.get(video_id)
        clip_tags = self._all_tags()
        mine = clip_tags.get(video_id, [])
        terms = self.suggestions.terms(video_id)
        if not terms and self.library.transcript(video_id):
            self.suggestions.index_terms(video_id)
            terms = self.suggestions.terms(video_id)
        n = max(1, len(clip_tags))
        df: dict[str, int] = defaultdict(int)
        for tags in clip_tags.values():
            for t in {x.lower() for x in tags} | {x.split("::")[0].lower() for x in tags}:
                df[t] += 1
        my_tags = {t.lower(): t for t in mine}
        my_roots = {t.split("::")[0].lower() for t in mine}
        scores: dict[int, float] = defaultdict(float)
        shared_tags: dict[int, list[str]] = defaultdict(list)
        for vid, tags in clip_tags.items():
            if vid == video_id:
                continue
            lowered = {t.lower() for t in tags}
            exact = lowered & set(my_tags)
            for t in sorted(exact):
                scores[vid] += math.log(1 + n / df[t])
                shared_tags[vid].append(my_tags[t])
            for root in sorted({t.split("::")[0] for t in lowered} & my_roots - exact):
                scores[vid] += 0.3 * math.log(1 + n / df[root])
        shared_terms: dict[int, list[str]] = defaultdict(list)
        if terms:
            with self.db.session() as s:
                rows = s.exec(select(ClipTerm.video_id, ClipTerm.term).where(
                    col(ClipTerm.term).in_(list(terms)), ClipTerm.video_id != video_id
                ).order_by(col(ClipTerm.term))).all()
                term_df = dict(s.exec(select(ClipTerm.term, func.count(col(ClipTerm.video_id)))
                                      .where(col(ClipTerm.term).in_(list(terms))).group_by(col(ClipTerm.term))).all())
            total = max(2, len(clip_tags))
            for vid, term in rows:
                scores[vid] += 0.5 * math.log(1 + total / term_df.get(term, 1))
                shared_terms[vid].append(term)
        if not scores:
            return []
        with self.db.session() as s:
            titles = dict(s.exec(select(Video.id, Video.title).where(col(Video.id).in_(list(scores)))).all())
        ranked = sorted((v for v in scores if scores[v] > 0 and v in titles), key=lambda v: (-scores[v], v))
        out = []
        for vid in ranked[:limit]:
            st, sm = tuple(shared_tags[vid]), tuple(shared_terms[vid])
            reason = "; ".join(p for p in (
                f"shares {', '.join(st[:2])}" if st else "",
                f"also mentions {', '.join(sm[:3])}" if sm else "",
            ) if p) or "same topic"
            out.append(RelatedClip(vid, titles[vid], round(scores[vid], 3), reason, st, sm))
        return out
