"""Suggested tags in the library: computed from a clip's hashtags and words, stored as TagSource.SUGGESTED,
then accepted (they become the student's own), edited or rejected (never suggested again for that clip).

Also keeps each clip's known medical terms (clip_term) for related clips.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlmodel import col, delete, select

from studycompanion.core.db.tables import Tag, VideoTag
from studycompanion.core.errors import BadInput, UserError
from studycompanion.core.interests.models import ClipTerm, InterestEvent, InterestKind
from studycompanion.core.interests.taxonomy import (
    ClipText,
    TagSuggestion,
    Taxonomy,
    clip_terms,
    load_taxonomy,
    suggest_tags,
)
from studycompanion.core.library.clips import Library, normalise_tag
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.transcribe.vocab import load_vocabulary
from studycompanion.core.types import TagSource

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    return tuple(t.lower() for t in load_vocabulary())


@dataclass
class SuggestOutcome:
    video_id: int
    suggestions: list[TagSuggestion] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # newly tagged as suggested
    dropped: list[str] = field(default_factory=list)  # earlier suggestions the clip no longer supports
    terms: int = 0  # known terms found in the clip


def ancestors(tag: str) -> list[str]:
    parts = tag.split("::")
    return ["::".join(parts[:i]) for i in range(1, len(parts))]


class TagSuggestions:
    def __init__(self, library: Library, taxonomy: Taxonomy | None = None) -> None:
        self.library = library
        self.db = library.db
        self.taxonomy = taxonomy or load_taxonomy()

    # ---- reading ----------------------------------------------------------------------------------

    def clip_text(self, video_id: int) -> ClipText:
        video = self.library.get(video_id)
        transcript = " ".join(seg.text for seg in self.library.transcript(video_id))
        return ClipText(list(video.hashtags or []), video.title or "", video.caption or "", transcript)

    def tag_sources(self, video_id: int) -> dict[str, TagSource]:
        """The clip's tags with where each came from."""
        with self.db.session() as s:
            rows = s.exec(
                select(Tag.name, VideoTag.source).join(VideoTag, col(VideoTag.tag_id) == col(Tag.id))
                .where(VideoTag.video_id == video_id).order_by(col(Tag.name))
            ).all()
        return {name: TagSource(source) for name, source in rows}

    def suggested(self, video_id: int) -> list[str]:
        """The clip's tags still waiting for the student's yes or no."""
        return [n for n, src in self.tag_sources(video_id).items() if src == TagSource.SUGGESTED]

    def rejected(self, video_id: int) -> set[str]:
        with self.db.session() as s:
            rows = s.exec(select(InterestEvent.tag).where(
                InterestEvent.video_id == video_id, InterestEvent.kind == InterestKind.TAG_REJECTED
            )).all()
        return {r.lower() for r in rows}

    def suggest(self, video_id: int, text: ClipText | None = None) -> list[TagSuggestion]:
        """Fresh suggestions (nothing stored): never a tag the clip has from the student, an ancestor of
        one, or a suggestion the student rejected for this clip."""
        text = text or self.clip_text(video_id)
        exclude = set(self.rejected(video_id))
        for name, source in self.tag_sources(video_id).items():
            if source != TagSource.SUGGESTED:
                exclude.add(name.lower())
                exclude.update(a.lower() for a in ancestors(name))
        return suggest_tags(self.taxonomy, text, exclude=exclude)

    def terms(self, video_id: int) -> dict[str, int]:
        with self.db.session() as s:
            rows = s.exec(select(ClipTerm.term, ClipTerm.count).where(ClipTerm.video_id == video_id)).all()
        return dict(rows)

    # ---- writing ----------------------------------------------------------------------------------

    def index_terms(self, video_id: int, text: ClipText | None = None) -> int:
        """Store the clip's known medical terms (taxonomy and vocabulary), replacing earlier ones."""
        text = text or self.clip_text(video_id)
        found = clip_terms(self.taxonomy, text, _vocabulary())
        with self.db.session() as s:
            s.exec(delete(ClipTerm).where(col(ClipTerm.video_id) == video_id))
            for term, count in sorted(found.items()):
                s.add(ClipTerm(video_id=video_id, term=term, count=count))
        return len(found)

    def refresh(self, video_id: int) -> SuggestOutcome:
        """Recompute the clip's suggestions and terms: new suggestions are tagged SUGGESTED, suggestions the
        clip no longer supports are removed; the student's own tags are never touched."""
        text = self.clip_text(video_id)
        outcome = SuggestOutcome(video_id, terms=self.index_terms(video_id, text))
        outcome.suggestions = self.suggest(video_id, text)
        wanted = {s.name.lower() for s in outcome.suggestions}
        stale = [n for n in self.suggested(video_id) if n.lower() not in wanted]
        if stale:
            outcome.dropped = self.library.tags.untag(video_id, stale)
        outcome.added = self.library.tags.tag(video_id, [s.name for s in outcome.suggestions], TagSource.SUGGESTED)
        return outcome

    def accept(self, video_id: int, names: Iterable[str] | None = None) -> list[str]:
        """Make suggested tags the student's own (all of the clip's suggestions when `names` is None)."""
        pending = self.suggested(video_id)
        chosen = pending if names is None else self._pick(pending, names, video_id)
        if not chosen:
            return []
        with self.db.session() as s:
            for name in chosen:
                tag = s.exec(select(Tag).where(func.lower(Tag.name) == name.lower())).one()
                link = s.get(VideoTag, (video_id, tag.id))
                if link is not None:
                    link.source = TagSource.USER
                    s.add(link)
                s.add(InterestEvent(kind=InterestKind.TAG_ACCEPTED, video_id=video_id, tag=name))
        return chosen

    def reject(self, video_id: int, names: Iterable[str]) -> list[str]:
        """Remove suggested tags and remember not to suggest them for this clip again."""
        chosen = self._pick(self.suggested(video_id), names, video_id)
        if chosen:
            self.library.tags.untag(video_id, chosen)
            with self.db.session() as s:
                for name in chosen:
                    s.add(InterestEvent(kind=InterestKind.TAG_REJECTED, video_id=video_id, tag=name))
        return chosen

    def edit(self, video_id: int, old: str, new: str) -> str:
        """Replace a suggestion with the student's own wording (e.g. Cardio::Murmurs -> Cardio::Valves)."""
        name = normalise_tag(new)
        if not name:
            raise BadInput(QT_TRANSLATE_NOOP("InterestErrors", "'{tag}' is not a usable tag name.")(tag=new))
        self.reject(video_id, [old])
        self.library.tags.tag(video_id, [name], TagSource.USER)
        return name

    @staticmethod
    def _pick(pending: Sequence[str], names: Iterable[str], video_id: int) -> list[str]:
        by_lower = {p.lower(): p for p in pending}
        chosen = []
        for raw in names:
            name = normalise_tag(raw)
            if name.lower() not in by_lower:
                raise BadInput(QT_TRANSLATE_NOOP("InterestErrors", "{tag} is not a suggested tag of clip {id}.")(
                    tag=raw, id=video_id))
            chosen.append(by_lower[name.lower()])
        return list(dict.fromkeys(chosen))


# ---- the pipeline hook ------------------------------------------------------------------------------


class SuggestingStep:
    """Wraps a pipeline step handler: after it succeeds, the clip's tags are suggested again (from hashtags
    after capture, from the transcript after transcription). A failing suggestion never fails the job."""

    def __init__(self, inner: Callable[[Any], str | None], suggestions: TagSuggestions) -> None:
        self.inner = inner
        self.suggestions = suggestions

    def __call__(self, ctx: Any) -> str | None:
        note = self.inner(ctx)
        video_id = getattr(ctx, "video_id", None)
        if video_id is None:
            return note
        try:
            outcome = self.suggestions.refresh(video_id)
            if outcome.added:
                log.info("suggested tags for clip %s: %s", video_id, ", ".join(outcome.added))
        except UserError as exc:
            log.warning("no tag suggestions for clip %s: %s", video_id, exc.message)
        except Exception:
            log.exception("tag suggestion failed for clip %s", video_id)
        return note

    def __getattr__(self, name: str) -> Any:  # close() and friends of the wrapped handler
        return getattr(self.inner, name)


def with_suggestions(handler: Callable[[Any], str | None], suggestions: TagSuggestions) -> SuggestingStep:
    return SuggestingStep(handler, suggestions)
