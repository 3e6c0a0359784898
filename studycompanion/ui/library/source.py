"""What one row of a clip list is (ClipItem), which rows a query has, and how they are read (on the worker)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from studycompanion.core.cards.source import creator_label
from studycompanion.core.db.tables import Video
from studycompanion.core.errors import NotFound
from studycompanion.core.library.clips import Library
from studycompanion.core.types import JobState, JobStep, VideoStatus
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP
from studycompanion.ui.common.steps import STEP_LABELS

CLIP_IDS_MIME = "application/x-studycompanion-clip-ids"
PLATFORM_NAMES = {"tiktok": "TikTok", "youtube": "YouTube", "instagram": "Instagram",  # shown via platform_name()
                  "local": QT_TRANSLATE_NOOP("ClipSource", "Local file"), "web": QT_TRANSLATE_NOOP("ClipSource", "Web"),
                  "direct": QT_TRANSLATE_NOOP("ClipSource", "Web")}


class QueryKind(Enum):
    ALL = "all"
    FAVOURITES = "favourites"
    TAG = "tag"
    SEARCH = "search"
    FOR_YOU = "foryou"


@dataclass(frozen=True)
class LibraryQuery:
    kind: QueryKind = QueryKind.ALL
    tag: str = ""
    text: str = ""


@dataclass(frozen=True)
class RowNote:
    """What an id-backed list (search hits, For You) knows about a row before its clip is read."""

    video_id: int
    title: str = ""
    snippet: str = ""  # with the match between [ and ]
    seconds: float | None = None  # where the match is said
    reason: str = ""  # why For You suggests it


@dataclass(frozen=True)
class ClipItem:
    id: int
    title: str
    creator: str
    duration: float | None
    status: VideoStatus
    thumbnail: str  # absolute path or ""
    favourite: bool
    tags: tuple[str, ...] = ()
    platform: str = ""
    source_url: str = ""
    error: str = ""
    snippet: str = ""
    seconds: float | None = None
    reason: str = ""

    @classmethod
    def from_video(cls, video: Video, library: Library, tags: Sequence[str] = (),
                   note: RowNote | None = None) -> ClipItem:
        assert video.id is not None
        creator = video.creator_name or creator_label(video.creator_handle, "", video.platform)
        pending = not video.title or video.title == video.source_url
        return cls(
            id=video.id,
            title=pending_title(video) if pending else video.title,
            creator=creator or (short_url(video.source_url) if pending else platform_name(video.platform)),
            duration=video.duration,
            status=video.status,
            thumbnail=str(library.paths.media / video.thumbnail_file) if video.thumbnail_file else "",
            favourite=video.favourite,
            tags=tuple(tags),
            platform=video.platform,
            source_url=video.source_url,
            error=video.error,
            snippet=note.snippet if note else "",
            seconds=note.seconds if note else None,
            reason=note.reason if note else "",
        )


def platform_name(platform: str) -> str:
    return QCoreApplication.translate("ClipSource", PLATFORM_NAMES.get(platform, platform.capitalize() or "Web"))


def short_url(url: str) -> str:
    """'https://www.tiktok.com/@a/video/1?x' -> 'tiktok.com/@a/video/1'."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path}".rstrip("/")


def pending_title(video: Video) -> str:
    """A readable name for a clip known only by its link (before its download gives it a title)."""
    return link_title(video.platform, video.source_url)


def link_title(platform: str, url: str) -> str:
    match = re.search(r"/@([\w.\-]+)", url)
    name = platform_name(platform)
    translate = QCoreApplication.translate
    if platform in ("web", "direct"):
        host = urlsplit(url).netloc.removeprefix("www.")
        return translate("ClipSource", "Clip from {site}").format(site=host) if host else \
            translate("ClipSource", "Clip from the web")
    if match:
        return translate("ClipSource", "{platform} clip by @{handle}").format(platform=name, handle=match.group(1))
    return translate("ClipSource", "{platform} clip").format(platform=name)


def title_or_link(title: str, url_platform: str = "") -> str:
    """A title, or for a clip still known only by its link, the readable name the library grid shows."""
    if not title.startswith(("http://", "https://")):
        return title
    host = urlsplit(title).netloc.removeprefix("www.")
    platform = url_platform or next((p for p in ("tiktok", "youtube", "instagram") if p in host), "web")
    return link_title(platform, title)


def display_title(video: Video) -> str:
    if video.title and video.title != video.source_url:
        return video.title
    return pending_title(video)


@dataclass(frozen=True)
class JobBadge:
    """The active job of a clip, as its card shows it."""

    step: JobStep
    state: JobState
    progress: float
    message: str = ""

    @property
    def label(self) -> str:
        label = STEP_LABELS[self.step]
        if self.state == JobState.QUEUED:
            return QCoreApplication.translate("ClipSource", "Waiting {step}").format(step=label.waiting)
        pct = f" {round(self.progress * 100)}%" if self.progress > 0 else ""
        return f"{label.running}{pct}"


@dataclass
class Head:
    count: int
    first: list[ClipItem]
    notes: list[RowNote] | None = None  # id-backed lists only
    heading: str = ""


ForYouProvider = Callable[[], tuple[list[RowNote], str]]


@dataclass
class ClipSource:
    """Reads rows for a query; every method runs on the worker, never on the UI thread."""

    library: Library
    for_you: ForYouProvider | None = None
    record_search: Callable[[str], None] | None = None  # the interest profile's (services.interests)
    search_limit: int = 300

    def head(self, query: LibraryQuery, page_size: int) -> Head:
        if query.kind in (QueryKind.SEARCH, QueryKind.FOR_YOU):
            heading = ""
            if query.kind == QueryKind.SEARCH:
                hits = self.library.search(query.text, limit=self.search_limit)
                # a local interest signal (issue 7); never leaves the machine
                if len(query.text.strip()) >= 4 and self.record_search is not None:
                    self.record_search(query.text)
                notes = [RowNote(h.video_id, h.title, h.snippet, h.seconds) for h in hits]
            else:
                notes, heading = self.for_you() if self.for_you else ([], "")
            return Head(len(notes), self.page(query, notes, 0, page_size), notes, heading)
        count = self.library.count_videos(**self._filter(query))
        return Head(count, self.page(query, None, 0, page_size) if count else [])

    def page(self, query: LibraryQuery, notes: Sequence[RowNote] | None, page: int, page_size: int) -> list[ClipItem]:
        lib = self.library
        if notes is not None:
            chunk = list(notes[page * page_size:(page + 1) * page_size])
            videos: list[Video | None] = []
            for note in chunk:
                try:
                    videos.append(lib.get(note.video_id))
                except NotFound:  # deleted since the search
                    videos.append(None)
            tags = lib.tags.tags_for_many([n.video_id for n in chunk])
            items = []
            for note, video in zip(chunk, videos, strict=True):
                if video is None:
                    items.append(ClipItem(note.video_id, note.title or QCoreApplication.translate("ClipSource",
                                                                                                  "(deleted)"),
                                          "", None, VideoStatus.FAILED, "", False,
                                          error=QCoreApplication.translate("ClipSource", "This clip was deleted.")))
                else:
                    items.append(ClipItem.from_video(video, lib, tags.get(note.video_id, []), note))
            return items
        found = lib.list_videos(limit=page_size, offset=page * page_size, **self._filter(query))
        tags = lib.tags.tags_for_many([v.id for v in found if v.id is not None])
        return [ClipItem.from_video(v, lib, tags.get(v.id or 0, [])) for v in found]

    def one(self, video_id: int) -> ClipItem:
        return ClipItem.from_video(self.library.get(video_id), self.library, self.library.tags.tags_for(video_id))

    @staticmethod
    def _filter(query: LibraryQuery) -> dict[str, Any]:
        if query.kind == QueryKind.FAVOURITES:
            return {"favourite": True}
        if query.kind == QueryKind.TAG:
            return {"tag": query.tag}
        return {}


