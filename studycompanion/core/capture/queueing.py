"""Queue an import batch: dedupe against the library, record new links as queued clips with capture jobs.

One transaction per chunk of links (not three per link): the clips, their search-index rows and their capture
jobs are written together, so a 6,000-link export queues in a few seconds, and a crash mid-way leaves whole
chunks, never a clip without its job. Progress is reported after each chunk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import insert, text
from sqlmodel import col, select

from studycompanion.core.capture.import_model import EntryKind, ImportBatch, ImportEntry, InvalidEntry
from studycompanion.core.db.tables import Job, Video, utcnow
from studycompanion.core.types import JobStep, VideoStatus

CHUNK = 500
ProgressCallback = Callable[[int, int], None]  # (links done, links in all)


class _Pipeline(Protocol):
    def follow_ups(self, transcribe: bool, cards: bool) -> list[str]: ...

    def wake(self) -> None: ...


@dataclass
class ImportResult:
    new: list[int] = field(default_factory=list)  # clip ids recorded by this import
    existing: list[int] = field(default_factory=list)  # already in the library (any link form)
    invalid: list[InvalidEntry] = field(default_factory=list)
    jobs: list[int] = field(default_factory=list)  # the capture jobs queued for the new clips
    duplicates: int = 0
    skipped_likes: int = 0
    skipped_favourites: int = 0
    skipped_posts: int = 0
    unlabelled: int = 0
    in_both: int = 0

    def summary(self) -> dict[str, Any]:
        """The `--json` shape: counts first, then the invalid entries with their line or position."""
        return {
            "new": len(self.new),
            "existing": len(self.existing),
            "invalid": len(self.invalid),
            "invalid_entries": [{"position": i.position, "raw": i.raw, "reason": i.reason} for i in self.invalid],
            "duplicates_in_file": self.duplicates,
            "skipped_likes": self.skipped_likes,
            "skipped_favourites": self.skipped_favourites,
            "skipped_posts": self.skipped_posts,
            "unlabelled": self.unlabelled,
            "in_both": self.in_both,
            "new_ids": list(self.new),
            "existing_ids": list(self.existing),
        }


def queue_batch(batch: ImportBatch, library: Any, pipeline: _Pipeline, *, transcribe: bool = True,
                cards: bool = True, progress: ProgressCallback | None = None, chunk: int = CHUNK) -> ImportResult:
    """Record each new link as a queued clip (favourites keep their date) and queue its capture job."""
    result = ImportResult(invalid=list(batch.invalid), duplicates=batch.duplicates,
                          skipped_likes=batch.skipped_likes, skipped_favourites=batch.skipped_favourites,
                          skipped_posts=batch.skipped_posts, unlabelled=batch.unlabelled, in_both=batch.in_both)
    then = pipeline.follow_ups(transcribe, cards and transcribe)
    total = len(batch.entries)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, max(1, chunk)):
        part = batch.entries[start:start + chunk]
        _queue_chunk(part, library, then, result)
        if progress is not None:
            progress(start + len(part), total)
    if result.jobs:
        pipeline.wake()
    return result


def _fresh_index_row(video_id: int, url: str) -> dict[str, Any]:
    """The search-index row search_index.reindex writes for a clip known only by its link (no tags, no text)."""
    return {"id": video_id, "title": url, "caption": " ".join(["", "", "", ""]), "transcript": "", "notes": "",
            "tags": ""}


def _queue_chunk(entries: Sequence[ImportEntry], library: Any, then: list[str], result: ImportResult) -> None:
    """One transaction: look the links up, insert the new clips, their index rows and their capture jobs."""
    ids = sorted({e.link.platform_id for e in entries})
    now = utcnow()
    video_defaults = Video(platform="", platform_id="").model_dump(exclude={"id"})
    job_defaults = Job(step=JobStep.CAPTURE).model_dump(exclude={"id"})
    with library.db.session() as s:
        found = {
            (platform, pid): vid
            for vid, platform, pid in s.exec(
                select(Video.id, Video.platform, Video.platform_id).where(col(Video.platform_id).in_(ids))
            ).all()
        }
        rows: list[dict[str, Any]] = []
        for entry in entries:
            existing = found.get(entry.link.key)
            if existing is not None:
                result.existing.append(existing)
                continue
            favourite = entry.kind is EntryKind.FAVOURITE
            platform, platform_id = entry.link.key
            rows.append({**video_defaults, "platform": platform, "platform_id": platform_id,
                         "source_url": entry.link.url, "title": entry.link.url, "status": VideoStatus.QUEUED,
                         "favourite": favourite, "favourited_at": (entry.favourited_at or now) if favourite else None,
                         "added_at": now, "hashtags": []})
        if not rows:
            return
        new_ids = [int(r[0]) for r in s.execute(
            insert(Video).returning(col(Video.id), sort_by_parameter_order=True), rows).all()]
        s.execute(text("INSERT INTO clip_fts(rowid, title, caption, transcript, notes, tags) "
                       "VALUES (:id, :title, :caption, :transcript, :notes, :tags)"),
                  [_fresh_index_row(vid, row["source_url"]) for vid, row in zip(new_ids, rows, strict=True)])
        job_rows = [{**job_defaults, "video_id": vid, "created_at": now,
                     "payload": {"then": list(then), "discard_on_failure": False}} for vid in new_ids]
        job_ids = [int(r[0]) for r in s.execute(
            insert(Job).returning(col(Job.id), sort_by_parameter_order=True), job_rows).all()]
        result.new.extend(new_ids)
        result.jobs.extend(job_ids)
