"""Tags on clips, a part of the library service: hierarchical names, tagging, counts, rename and merge."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from studycompanion.core.db import search_index
from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Tag, Video, VideoTag
from studycompanion.core.errors import NotFound
from studycompanion.core.library.safe_text import clean_tag
from studycompanion.core.types import TagSource


def normalise_tag(name: str) -> str:
    """'#cardio :: murmurs ' -> 'cardio::murmurs' shape kept, spacing cleaned; empty parts dropped."""
    parts = [p.strip().lstrip("#").strip() for p in name.split("::")]
    parts = [" ".join(p.split()) for p in parts if p.strip().lstrip("#").strip()]
    return "::".join(parts)


def require_clip(s: Session, video_id: int) -> Video:
    """A clip row by id inside a session, or NotFound (clips and tags both ask)."""
    video = s.get(Video, video_id)
    if video is None:
        raise NotFound(f"There is no clip with id {video_id}.")
    return video


class Tags:
    """The library's tags: hierarchical names, which clips carry them and where each came from. Library owns one
    (`library.tags`); clips are added with their tags through `tag_in` inside the same session."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _get(self, s: Session, video_id: int) -> Video:
        return require_clip(s, video_id)

    def _tag_row(self, s: Session, name: str, create: bool = True) -> Tag | None:
        tag = s.exec(select(Tag).where(func.lower(Tag.name) == name.lower())).first()
        if tag is None and create:
            tag = Tag(name=name)
            s.add(tag)
            s.flush()
        return tag

    @staticmethod
    def valid_names(names: Iterable[str]) -> list[str]:
        out = []
        for raw in names:
            out.append(clean_tag(raw))  # control characters stripped; length, markup and cloze syntax checked
        return out

    def tag_in(self, s: Session, video_id: int, names: Iterable[str], source: TagSource) -> list[str]:
        """Tag a clip inside an open session (adding a clip and its tags is one transaction)."""
        added = []
        for name in self.valid_names(names):
            tag = self._tag_row(s, name)
            assert tag is not None and tag.id is not None
            if s.get(VideoTag, (video_id, tag.id)) is None:
                s.add(VideoTag(video_id=video_id, tag_id=tag.id, source=source))
                added.append(tag.name)
        return added

    def tag(self, video_id: int, names: Iterable[str], source: TagSource = TagSource.USER) -> list[str]:
        with self.db.session() as s:
            self._get(s, video_id)
            added = self.tag_in(s, video_id, names, source)
            s.flush()
            search_index.reindex(s, video_id)
            return added

    def untag(self, video_id: int, names: Iterable[str]) -> list[str]:
        removed = []
        with self.db.session() as s:
            self._get(s, video_id)
            for raw in names:
                tag = self._tag_row(s, normalise_tag(raw), create=False)
                if tag is not None and tag.id is not None:
                    link = s.get(VideoTag, (video_id, tag.id))
                    if link is not None:
                        s.delete(link)
                        removed.append(tag.name)
            s.flush()
            search_index.reindex(s, video_id)
        return removed

    def tags_for(self, video_id: int) -> list[str]:
        with self.db.session() as s:
            return list(s.exec(
                select(Tag.name).join(VideoTag, col(VideoTag.tag_id) == col(Tag.id))
                .where(VideoTag.video_id == video_id).order_by(col(Tag.name))
            ).all())

    def tags_for_many(self, video_ids: Sequence[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {i: [] for i in video_ids}
        with self.db.session() as s:
            rows = s.exec(
                select(VideoTag.video_id, Tag.name).join(Tag, col(Tag.id) == col(VideoTag.tag_id))
                .where(col(VideoTag.video_id).in_(list(video_ids))).order_by(col(Tag.name))
            ).all()
        for vid, name in rows:
            out.setdefault(vid, []).append(name)
        return out

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with the number of clips carrying it directly, by name."""
        with self.db.session() as s:
            rows = s.exec(
                select(Tag.name, func.count(col(VideoTag.video_id)))
                .join(VideoTag, col(VideoTag.tag_id) == col(Tag.id), isouter=True)
                .group_by(col(Tag.id)).order_by(col(Tag.name))
            ).all()
        return [(name, int(n)) for name, n in rows]

    def tag_clip_counts(self) -> dict[str, int]:
        """Clips per tag path, counting each clip once: a tag counts the clips carrying it or any tag below it
        ('Cardio' counts a clip tagged Cardio and Cardio::Murmurs once). Suggestions not yet accepted do not count."""
        with self.db.session() as s:
            rows = s.exec(
                select(VideoTag.video_id, Tag.name).join(Tag, col(Tag.id) == col(VideoTag.tag_id))
                .where(VideoTag.source != TagSource.SUGGESTED)
            ).all()
        clips: dict[str, set[int]] = {}
        for vid, name in rows:
            parts = name.split("::")
            for depth in range(1, len(parts) + 1):
                clips.setdefault("::".join(parts[:depth]), set()).add(vid)
        return {path: len(ids) for path, ids in clips.items()}

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag and its children (Cardio::X -> Heart::X); into an existing name, the two merge."""
        old_n, new_n = normalise_tag(old), clean_tag(new)
        changed = 0
        touched: set[int] = set()
        with self.db.session() as s:
            tags = s.exec(select(Tag).where(or_(
                func.lower(Tag.name) == old_n.lower(), func.lower(Tag.name).startswith(old_n.lower() + "::")
            ))).all()
            if not tags:
                raise NotFound(f"There is no tag named {old}.")
            for tag in tags:
                target_name = new_n + tag.name[len(old_n):]
                target = self._tag_row(s, target_name, create=False)
                links = s.exec(select(VideoTag).where(VideoTag.tag_id == tag.id)).all()
                touched.update(link.video_id for link in links)
                if target is None or target.id == tag.id:
                    tag.name = target_name
                    s.add(tag)
                else:  # merge into the existing tag
                    for link in links:
                        assert target.id is not None
                        if s.get(VideoTag, (link.video_id, target.id)) is None:
                            s.add(VideoTag(video_id=link.video_id, tag_id=target.id, source=link.source))
                        s.delete(link)
                    s.flush()
                    s.delete(tag)
                changed += 1
            s.flush()
            for vid in touched:
                search_index.reindex(s, vid)
        return changed
