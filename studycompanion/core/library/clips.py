"""The library service: clips, their files, tags, transcripts, key points, favourites, notes and search."""

from __future__ import annotations

import hashlib
import logging
import shutil
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, delete, select

from studycompanion.core import media
from studycompanion.core.db import search_index
from studycompanion.core.db.engine import Database, storage_error
from studycompanion.core.db.tables import Card, KeyPointRow, Tag, TranscriptSegment, Video, VideoTag, utcnow
from studycompanion.core.errors import BadInput, StorageError
from studycompanion.core.library.process import owner_tag
from studycompanion.core.library.safe_text import strip_unsafe
from studycompanion.core.library.tags import Tags, normalise_tag, require_clip
from studycompanion.core.library.words import word_from_row, word_row
from studycompanion.core.types import (
    CapturedClip,
    CardState,
    KeyPoint,
    SearchHit,
    Segment,
    TagSource,
    VideoStatus,
)
from studycompanion.paths import AppPaths

log = logging.getLogger(__name__)
CHUNK = 1 << 20
EDITABLE = frozenset({"title", "creator_handle", "creator_name", "caption", "hashtags", "source_url"})


SUBTITLES_NAME = "subtitles"  # <clip folder>/subtitles.vtt or .srt: what the clip shipped with

class Library:
    """Clips and their files, transcripts and key points; their tags are `self.tags` (core/library/tags.py)."""

    def __init__(self, db: Database, paths: AppPaths) -> None:
        self.db = db
        self.paths = paths
        self.tags = Tags(db)

    # ---- files ------------------------------------------------------------------------------------

    def media_path(self, video: Video) -> Path:
        return self.paths.media / video.media_file

    def file_path(self, relative: str) -> Path | None:
        return self.paths.media / relative if relative else None

    def clip_folder(self, video_id: int) -> Path:
        return self.paths.media / str(video_id)

    def _copy_hashing(self, source: Path, dest: Path) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as src, dest.open("wb") as out:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
        except OSError as exc:
            dest.unlink(missing_ok=True)
            if not source.exists() or (exc.filename and Path(exc.filename) == source):
                raise BadInput(f"{source} cannot be read: {exc.strerror or exc}", str(exc)) from exc
            raise storage_error(exc, self.paths.media) from exc
        return digest.hexdigest(), size

    # ---- adding -----------------------------------------------------------------------------------

    def add_file(self, path: Path, tags: Iterable[str] = (), metadata: dict[str, Any] | None = None
                 ) -> tuple[Video, bool]:
        """Copy a local media file into the library. The same content twice returns the existing clip.

        `metadata` (title, creator_handle, creator_name, caption, hashtags) is stored with the new clip in the
        same transaction, so a transcription queued right after already sees it (its prompt uses the title)."""
        extra = safe_metadata(dict(metadata or {}))
        unknown = set(extra) - EDITABLE
        if unknown:
            raise BadInput(f"{', '.join(sorted(unknown))} cannot be set on a clip.")
        path = Path(path)
        tags = self.tags.valid_names(tags)  # before anything is copied: bad input changes nothing
        info = media.probe(path)  # raises BadInput for missing / folder / not media / truncated
        self.db.ensure_writable()  # a vanished or read-only library: nothing is copied, no folder is recreated
        # named by its owner process: the sweep at start removes it only once that process is gone
        incoming = self.paths.media / ".incoming" / f"{owner_tag()}{uuid.uuid4().hex}{path.suffix.lower()}"
        content_hash, size = self._copy_hashing(path, incoming)
        folder: Path | None = None
        try:
            with self.db.session() as s:
                existing = s.exec(select(Video).where(Video.content_hash == content_hash)).first()
                if existing is not None:
                    return existing, False
            with self.db.session() as s:
                fields: dict[str, Any] = {"title": path.stem, "source_url": path.resolve().as_uri(), **extra}
                video = Video(
                    platform="local", platform_id=content_hash[:32], duration=info.duration,
                    content_hash=content_hash, file_size=size, status=VideoStatus.READY, **fields,
                )
                s.add(video)
                s.flush()
                assert video.id is not None
                folder = self.clip_folder(video.id)
                folder.mkdir(parents=True, exist_ok=True)
                target = folder / f"video{path.suffix.lower()}"
                shutil.move(incoming, target)
                video.media_file = target.relative_to(self.paths.media).as_posix()
                if info.has_video:
                    video.thumbnail_file = self._thumbnail(target, info.duration, folder)
                self.tags.tag_in(s, video.id, tags, TagSource.USER)
                search_index.reindex(s, video.id)
            return video, True
        except BaseException as exc:
            if folder is not None:  # the row was rolled back: its files go too
                shutil.rmtree(folder, ignore_errors=True)
            if isinstance(exc, OSError):
                raise storage_error(exc, self.paths.media) from exc
            raise
        finally:
            incoming.unlink(missing_ok=True)

    def _thumbnail(self, media_file: Path, duration: float, folder: Path) -> str:
        try:
            out = media.save_frame(media_file, min(1.0, duration / 3), folder / "thumb.jpg", max_width=360)
        except BadInput as exc:
            log.warning("no thumbnail for %s: %s", media_file, exc.message)
            return ""
        return out.relative_to(self.paths.media).as_posix()

    def create_queued(
        self, platform: str, platform_id: str, source_url: str, *, favourited_at: datetime | None = None,
        tags: Iterable[str] = (),
    ) -> tuple[Video, bool]:
        """A clip known by its link, waiting for its download; the same (platform, id) returns the existing one."""
        with self.db.session() as s:
            existing = s.exec(
                select(Video).where(Video.platform == platform, Video.platform_id == platform_id)
            ).first()
            if existing is not None:
                return existing, False
            video = Video(
                platform=platform, platform_id=platform_id, source_url=source_url, title=source_url,
                status=VideoStatus.QUEUED, favourite=favourited_at is not None, favourited_at=favourited_at,
            )
            s.add(video)
            s.flush()
            assert video.id is not None
            self.tags.tag_in(s, video.id, tags, TagSource.USER)
            search_index.reindex(s, video.id)
            return video, True

    def subtitles_path(self, video_id: int) -> Path | None:
        """The subtitles the clip shipped with (captured beside its video), if it had any."""
        folder = self.clip_folder(video_id)
        return next((p for ext in (".vtt", ".srt") if (p := folder / f"{SUBTITLES_NAME}{ext}").is_file()), None)

    def attach_capture(self, video_id: int, clip: CapturedClip) -> Video:
        """Move a downloaded clip's files into the library and fill its metadata."""
        self.db.ensure_writable()
        folder = self.clip_folder(video_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"video{clip.media_file.suffix.lower() or '.mp4'}"
            shutil.move(clip.media_file, target)
            digest = hashlib.sha256()
            with target.open("rb") as fh:
                while chunk := fh.read(CHUNK):
                    digest.update(chunk)
            thumb = ""
            if clip.thumbnail_file and clip.thumbnail_file.exists():
                thumb_target = folder / f"thumb{clip.thumbnail_file.suffix.lower() or '.jpg'}"
                shutil.move(clip.thumbnail_file, thumb_target)
                thumb = thumb_target.relative_to(self.paths.media).as_posix()
            if clip.subtitles_file and clip.subtitles_file.exists():  # found again by subtitles_path()
                for ext in (".vtt", ".srt"):  # a capture again replaces what the last one brought
                    (folder / f"{SUBTITLES_NAME}{ext}").unlink(missing_ok=True)
                shutil.move(clip.subtitles_file, folder / f"{SUBTITLES_NAME}{clip.subtitles_file.suffix.lower()}")
            info_rel = ""
            if clip.info_json and clip.info_json.exists():
                info_target = folder / "info.json"
                shutil.move(clip.info_json, info_target)
                info_rel = info_target.relative_to(self.paths.media).as_posix()
        except OSError as exc:
            raise storage_error(exc, folder) from exc
        duration = clip.duration
        if not duration or not thumb:
            info = media.probe(target, verify=False)
            duration = duration or info.duration
            if not thumb and info.has_video:
                thumb = self._thumbnail(target, duration, folder)
        with self.db.session() as s:
            video = self._get(s, video_id)
            video.platform, video.platform_id = clip.platform, clip.platform_id
            video.source_url = clip.source_url or video.source_url
            safe = safe_metadata({"title": clip.title, "creator_handle": clip.creator_handle,
                                  "creator_name": clip.creator_name, "caption": clip.caption,
                                  "hashtags": list(clip.hashtags)})  # text from the web: no control characters
            video.title = safe["title"] or video.title
            video.creator_handle, video.creator_name = safe["creator_handle"], safe["creator_name"]
            video.caption, video.hashtags = safe["caption"], safe["hashtags"]
            video.upload_date, video.duration = clip.upload_date, duration
            video.media_file = target.relative_to(self.paths.media).as_posix()
            video.thumbnail_file, video.info_file = thumb, info_rel
            video.content_hash, video.file_size = digest.hexdigest(), target.stat().st_size
            video.status, video.error = VideoStatus.READY, ""
            s.add(video)
            search_index.reindex(s, video_id)
            return video

    # ---- reading ----------------------------------------------------------------------------------

    def _get(self, s: Session, video_id: int) -> Video:
        return require_clip(s, video_id)

    def get(self, video_id: int) -> Video:
        with self.db.session() as s:
            return self._get(s, video_id)

    def find(self, platform: str, platform_id: str) -> Video | None:
        with self.db.session() as s:
            return s.exec(select(Video).where(Video.platform == platform, Video.platform_id == platform_id)).first()

    def _filtered(self, stmt: Any, tag: str | None, favourite: bool | None, status: VideoStatus | None) -> Any:
        if tag:
            name = normalise_tag(tag)
            sub = (
                select(VideoTag.video_id)
                .join(Tag, col(Tag.id) == col(VideoTag.tag_id))
                .where(or_(func.lower(Tag.name) == name.lower(), func.lower(Tag.name).startswith(name.lower() + "::")))
            )
            stmt = stmt.where(col(Video.id).in_(sub))
        if favourite is not None:
            stmt = stmt.where(Video.favourite == favourite)
        if status is not None:
            stmt = stmt.where(Video.status == status)
        return stmt

    def list_videos(
        self, *, tag: str | None = None, favourite: bool | None = None, status: VideoStatus | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> list[Video]:
        """Newest first."""
        stmt = self._filtered(select(Video), tag, favourite, status)
        stmt = stmt.order_by(col(Video.added_at).desc(), col(Video.id).desc())
        if limit is not None:
            stmt = stmt.limit(limit).offset(offset)
        with self.db.session() as s:
            return list(s.exec(stmt).all())

    def count_videos(self, *, tag: str | None = None, favourite: bool | None = None,
                     status: VideoStatus | None = None) -> int:
        stmt = self._filtered(select(func.count(col(Video.id))), tag, favourite, status)
        with self.db.session() as s:
            return int(s.exec(stmt).one())

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        with self.db.session() as s:
            return search_index.search(s, query, limit)

    # ---- editing ----------------------------------------------------------------------------------

    def set_status(self, video_id: int, status: VideoStatus, error: str = "") -> None:
        with self.db.session() as s:
            video = self._get(s, video_id)
            video.status, video.error = status, error
            s.add(video)

    def set_favourite(self, video_id: int, favourite: bool) -> Video:
        with self.db.session() as s:
            video = self._get(s, video_id)
            if video.favourite != favourite:
                video.favourite = favourite
                video.favourited_at = utcnow() if favourite else None
                s.add(video)
            return video

    def set_notes(self, video_id: int, notes: str) -> Video:
        with self.db.session() as s:
            video = self._get(s, video_id)
            video.notes = strip_unsafe(notes, multiline=True)
            s.add(video)
            search_index.reindex(s, video_id)
            return video

    def update_metadata(self, video_id: int, **values: object) -> Video:
        """Edit title / creator / caption / hashtags (the fields a student may correct)."""
        with self.db.session() as s:
            video = self._get(s, video_id)
            for key, value in safe_metadata(dict(values)).items():
                if key not in EDITABLE:
                    raise BadInput(f"{key} cannot be edited.")
                setattr(video, key, value)
            s.add(video)
            search_index.reindex(s, video_id)
            return video

    def delete(self, video_id: int) -> None:
        """Remove the clip, its rows (cascade), its index row and its media folder."""
        with self.db.session() as s:
            video = self._get(s, video_id)
            s.delete(video)
            search_index.remove(s, video_id)
        shutil.rmtree(self.clip_folder(video_id), ignore_errors=True)
        # a partial download kept for a retry must not be resumed into a later clip that gets this id
        shutil.rmtree(self.paths.incoming(video_id), ignore_errors=True)

    # ---- transcripts and key points ---------------------------------------------------------------

    def set_transcript(self, video_id: int, segments: Sequence[Segment]) -> None:
        with self.db.session() as s:
            video = self._get(s, video_id)
            s.exec(delete(TranscriptSegment).where(col(TranscriptSegment.video_id) == video_id))
            for i, seg in enumerate(segments):
                s.add(TranscriptSegment(
                    video_id=video_id, idx=i, start=seg.start, end=seg.end, text=seg.text.strip(),
                    words=[word_row(w) for w in seg.words],
                ))
            video.status = VideoStatus.TRANSCRIBED
            s.add(video)
            s.flush()
            search_index.reindex(s, video_id)

    def transcript(self, video_id: int) -> list[Segment]:
        with self.db.session() as s:
            rows = s.exec(select(TranscriptSegment).where(TranscriptSegment.video_id == video_id)
                          .order_by(col(TranscriptSegment.idx))).all()
        return [
            Segment(r.start, r.end, r.text, [word_from_row(w) for w in r.words])
            for r in rows
        ]

    def set_keypoints(self, video_id: int, points: Sequence[KeyPoint]) -> None:
        with self.db.session() as s:
            self._get(s, video_id)
            s.exec(delete(KeyPointRow).where(col(KeyPointRow.video_id) == video_id))
            for i, p in enumerate(points):
                s.add(KeyPointRow(video_id=video_id, idx=i, start=p.start, end=p.end, text=p.text, score=p.score,
                                  key=p.key, reasons=list(p.reasons), context=p.context))

    def keypoints(self, video_id: int) -> list[KeyPoint]:
        with self.db.session() as s:
            stmt = select(KeyPointRow).where(KeyPointRow.video_id == video_id).order_by(col(KeyPointRow.idx))
            rows = s.exec(stmt).all()
        return [KeyPoint(r.start, r.end, r.text, r.score, r.key, list(r.reasons), r.context) for r in rows]

    def card_count(self, video_id: int) -> int:
        """Cards of the clip the student has not rejected (the "Cards ready" badge needs at least one)."""
        with self.db.session() as s:
            return int(s.exec(select(func.count(col(Card.id))).where(
                Card.video_id == video_id, Card.state != CardState.REJECTED)).one())


def safe_metadata(values: dict[str, Any]) -> dict[str, Any]:
    """Titles, creators, captions and hashtags without control characters or bidi overrides (core/library/
    safe_text.py); captions and notes keep their line breaks."""
    out = dict(values)
    for key, value in values.items():
        if isinstance(value, str):
            out[key] = strip_unsafe(value, multiline=key in ("caption", "notes"))
        elif key == "hashtags" and isinstance(value, list | tuple):
            out[key] = [h for h in (strip_unsafe(str(v)).lstrip("#") for v in value) if h]
    return out


def check_writable(paths: AppPaths) -> None:
    """Fail early with a readable message when the data folder cannot be made (no probe file: a full disk still
    opens for reading, and nothing is left behind)."""
    try:
        paths.ensure()
    except OSError as exc:
        raise storage_error(exc, paths.root) from exc


__all__ = ["Library", "StorageError", "check_writable", "normalise_tag"]
