"""The clip view's reads and writes of the library: plain functions the worker runs, results for the UI thread.

`load_clip` reads everything the view shows about one clip in one call (`ClipData`); `load_parts` reads what a
finished job may have changed; `change_tags` and `queue_cards` are the edits. None of them touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studycompanion.core.db.tables import Job, Video
from studycompanion.core.interests.creators import CreatorMark, clip_handle
from studycompanion.core.screen.merge import ScreenLine
from studycompanion.core.types import JobState, JobStep, KeyPoint, TagSource
from studycompanion.ui.clip.transcript_lines import Lines, build_lines

if TYPE_CHECKING:
    from studycompanion.services import Services


@dataclass
class ClipData:
    """Everything the view shows about one clip, read in one background call."""

    video: Video
    media: Path | None
    poster: Path | None
    lines: Lines
    keypoints: list[KeyPoint]
    tags: list[str]
    suggested: list[str]
    known_tags: list[str]
    running: list[Job] = field(default_factory=list)
    creator: CreatorMark | None = None
    screen: list[ScreenLine] = field(default_factory=list)  # on-screen text lines (OCR), timed


def load_clip(services: Services, video_id: int) -> ClipData:
    """The clip, its media and poster (when on disk), transcript lines, key points, tags, running jobs, creator,
    on-screen text."""
    library, jobs = services.library, services.jobs
    video = library.get(video_id)
    media = library.media_path(video) if video.media_file else None
    poster = library.file_path(video.thumbnail_file)
    lines = build_lines(library.transcript(video_id))
    running = jobs.list_jobs(states=[JobState.QUEUED, JobState.RUNNING], video_id=video_id)
    sources = services.suggestions.tag_sources(video_id)
    handle = clip_handle(video)
    return ClipData(
        video, media if media and media.is_file() else None, poster if poster and poster.is_file() else None,
        lines, library.keypoints(video_id), list(sources), suggested_tags(sources),
        [n for n, _ in library.tags.tag_counts()], running, services.creators.get(handle) if handle else None,
        services.screen_text.lines(video_id),
    )


def load_parts(library: Any, video_id: int, screen_text: Any = None
               ) -> tuple[Video, Lines, list[KeyPoint], list[ScreenLine]]:
    """What a job or an edit elsewhere may have changed: the clip, its transcript lines, key points, on-screen
    lines."""
    screen = screen_text.lines(video_id) if screen_text is not None else []
    return library.get(video_id), build_lines(library.transcript(video_id)), library.keypoints(video_id), screen


def change_tags(services: Services, video_id: int, name: str, action: str
                ) -> tuple[Video, dict[str, TagSource], list[str]]:
    """add / remove a tag, or accept / reject a suggested one; then what the library holds (clip, tags, all names)."""
    library, suggestions = services.library, services.suggestions
    if action == "add":
        library.tags.tag(video_id, [name])
    elif action == "remove":
        library.tags.untag(video_id, [name])
    else:
        (suggestions.accept if action == "accept" else suggestions.reject)(video_id, [name])
    return library.get(video_id), suggestions.tag_sources(video_id), [n for n, _ in library.tags.tag_counts()]


def queue_cards(library: Any, pipeline: Any, video_id: int) -> int:
    """Queue key points and card drafts for the clip, transcribing it first when it has no transcript."""
    if library.transcript(video_id):
        return int(pipeline.queue_step(JobStep.CARDS, video_id))
    return int(pipeline.queue_step(JobStep.TRANSCRIBE, video_id, then=[JobStep.CARDS.value]))


def suggested_tags(sources: dict[str, TagSource]) -> list[str]:
    return [name for name, source in sources.items() if source == TagSource.SUGGESTED]
