"""Queue an import batch: dedupe against the library, record new links as queued clips with capture jobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from studycompanion.core.capture.importers import EntryKind, ImportBatch, InvalidEntry
from studycompanion.core.db.tables import Video


class _Pipeline(Protocol):
    def queue_capture(self, video: Video, *, transcribe: bool = True, cards: bool = True,
                      discard_on_failure: bool = False) -> int: ...


@dataclass
class ImportResult:
    new: list[int] = field(default_factory=list)  # clip ids recorded by this import
    existing: list[int] = field(default_factory=list)  # already in the library (any link form)
    invalid: list[InvalidEntry] = field(default_factory=list)
    jobs: list[int] = field(default_factory=list)  # the capture jobs queued for the new clips
    duplicates: int = 0
    skipped_likes: int = 0
    skipped_favourites: int = 0

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
            "new_ids": list(self.new),
            "existing_ids": list(self.existing),
        }


def queue_batch(batch: ImportBatch, library: Any, pipeline: _Pipeline, *, transcribe: bool = True,
                cards: bool = True) -> ImportResult:
    """Record each new link as a queued clip (favourites keep their date) and queue its capture job."""
    result = ImportResult(invalid=list(batch.invalid), duplicates=batch.duplicates,
                          skipped_likes=batch.skipped_likes, skipped_favourites=batch.skipped_favourites)
    for entry in batch.entries:
        platform, platform_id = entry.link.key
        found = library.find(platform, platform_id)
        if found is not None:
            result.existing.append(found.id)
            continue
        favourite = entry.kind == EntryKind.FAVOURITE
        video, created = library.create_queued(
            platform, platform_id, entry.link.url, favourited_at=entry.favourited_at if favourite else None
        )
        assert video.id is not None
        if not created:
            result.existing.append(video.id)
            continue
        if favourite and not video.favourite:  # a favourite without a date in the export
            video = library.set_favourite(video.id, True)
        result.new.append(video.id)
        result.jobs.append(pipeline.queue_capture(video, transcribe=transcribe, cards=cards and transcribe))
    return result
