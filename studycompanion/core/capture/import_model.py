"""What an import file holds: entries by kind (favourite, like, post, link), the user's choice, counts and selection."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from studycompanion.core.capture.links import TIKTOK, LinkRef, normalise
from studycompanion.core.errors import BadInput


class ImportFormatError(BadInput):
    """The file cannot be read as an export or a list of links."""


class EntryKind(StrEnum):
    FAVOURITE = "favourite"
    LIKE = "like"
    POST = "post"  # the user's own uploads: never queued as clips (their links expire, they are not study picks)
    LINK = "link"  # a plain list, or a list whose kind the export does not say


class ImportChoice(StrEnum):
    """Which lists of a TikTok export to import (plain links are always imported)."""

    FAVOURITES = "favourites"
    LIKES = "likes"
    BOTH = "both"

    def wants(self, kind: EntryKind) -> bool:
        if kind is EntryKind.LINK:
            return True
        if kind is EntryKind.FAVOURITE:
            return self in (ImportChoice.FAVOURITES, ImportChoice.BOTH)
        if kind is EntryKind.LIKE:
            return self in (ImportChoice.LIKES, ImportChoice.BOTH)
        return False


@dataclass(frozen=True)
class ImportEntry:
    link: LinkRef
    raw: str
    position: str  # "line 3", or "Activity › Favorite Videos › FavoriteVideoList[2]"
    kind: EntryKind
    favourited_at: datetime | None = None  # aware, UTC (the date the export gives for the favourite / like)


@dataclass(frozen=True)
class InvalidEntry:
    raw: str
    position: str
    reason: str
    kind: EntryKind = EntryKind.LINK  # the list it was found in


@dataclass
class ImportBatch:
    source: str  # "tiktok-json" / "tiktok-txt" / "links"
    entries: list[ImportEntry] = field(default_factory=list)
    invalid: list[InvalidEntry] = field(default_factory=list)
    duplicates: int = 0  # the same clip twice in one list (kept once)
    skipped_likes: int = 0  # likes present but not asked for
    skipped_favourites: int = 0  # favourites present, likes only asked for
    skipped_posts: int = 0  # the user's own posts: never imported
    unlabelled: int = 0  # entries of a TikTok export whose list (favourites or likes) it does not say
    in_both: int = 0  # clips both liked and favourited, imported once (as favourites)
    choice: ImportChoice = ImportChoice.FAVOURITES


@dataclass(frozen=True)
class ExportCounts:
    """What an export offers, counted before anything is imported (for the choice dialog and `--json`)."""

    source: str
    favourites: int
    likes: int
    posts: int
    links: int  # plain links, or TikTok entries of an unknown list
    in_both: int  # clips that are in the favourites and the likes
    invalid: int

    def total(self, choice: ImportChoice) -> int:
        """How many distinct clips the choice would import (before deduping against the library)."""
        if choice is ImportChoice.FAVOURITES:
            return self.favourites + self.links
        if choice is ImportChoice.LIKES:
            return self.likes + self.links
        return self.favourites + self.likes - self.in_both + self.links

    @property
    def has_choice(self) -> bool:
        """True when the export has both lists, so the user should be asked which to import."""
        return self.favourites > 0 and self.likes > 0

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "favourites": self.favourites, "likes": self.likes, "posts": self.posts,
                "links": self.links, "in_both": self.in_both, "invalid": self.invalid,
                "both": self.total(ImportChoice.BOTH)}


@dataclass
class ParsedExport:
    """Every entry of a file, of every kind, deduped within its list; `select` applies the user's choice."""

    source: str
    entries: list[ImportEntry] = field(default_factory=list)
    invalid: list[InvalidEntry] = field(default_factory=list)
    duplicates: int = 0
    tiktok: bool = False  # a TikTok export (its LINK entries are unlabelled TikTok lists)

    def add(self, entry: ImportEntry, seen: set[tuple[EntryKind, str, str]]) -> None:
        key = (entry.kind, *entry.link.key)
        if key in seen:
            self.duplicates += 1
            return
        seen.add(key)
        self.entries.append(entry)

    def counts(self) -> ExportCounts:
        by_kind: dict[EntryKind, set[tuple[str, str]]] = {kind: set() for kind in EntryKind}
        for entry in self.entries:
            by_kind[entry.kind].add(entry.link.key)
        return ExportCounts(
            self.source, len(by_kind[EntryKind.FAVOURITE]), len(by_kind[EntryKind.LIKE]),
            len(by_kind[EntryKind.POST]), len(by_kind[EntryKind.LINK]),
            len(by_kind[EntryKind.FAVOURITE] & by_kind[EntryKind.LIKE]), len(self.invalid),
        )

    def select(self, choice: ImportChoice = ImportChoice.FAVOURITES) -> ImportBatch:
        batch = ImportBatch(self.source, duplicates=self.duplicates, choice=choice)
        index: dict[tuple[str, str], int] = {}
        for entry in self.entries:
            if not choice.wants(entry.kind):
                if entry.kind is EntryKind.LIKE:
                    batch.skipped_likes += 1
                elif entry.kind is EntryKind.FAVOURITE:
                    batch.skipped_favourites += 1
                else:
                    batch.skipped_posts += 1
                continue
            at = index.get(entry.link.key)
            if at is not None:
                kept = batch.entries[at]
                if {kept.kind, entry.kind} == {EntryKind.FAVOURITE, EntryKind.LIKE}:
                    batch.in_both += 1
                    if entry.kind is EntryKind.FAVOURITE:  # a favourite says more than a like: keep it
                        batch.entries[at] = entry
                else:
                    batch.duplicates += 1
                continue
            index[entry.link.key] = len(batch.entries)
            batch.entries.append(entry)
        batch.unlabelled = sum(1 for e in batch.entries if e.kind is EntryKind.LINK) if self.tiktok else 0
        batch.invalid = [i for i in self.invalid if choice.wants(i.kind)]
        return batch


def choice_from_flags(likes: bool = False, favourites: bool = False, both: bool = False) -> ImportChoice:
    """The CLI's --likes / --favourites / --both (favourites when none is given)."""
    if both or (likes and favourites):
        return ImportChoice.BOTH
    return ImportChoice.LIKES if likes else ImportChoice.FAVOURITES


# ---- links ---------------------------------------------------------------------------------------------

# The two shapes TikTok's exports write, read without urlsplit (normalise costs ~0.1 ms a link; an export has
# thousands). The result is the same LinkRef normalise gives (tests/test_importers.py checks it).
_EXPORT_SHARE = re.compile(r"https://www\.tiktokv?\.com/share/video/(\d{6,25})/?")
_EXPORT_VIDEO = re.compile(r"https://www\.tiktok\.com/@([\w.-]*)/video/(\d{6,25})/?")


def normalise_export_link(raw: str) -> LinkRef:
    """normalise(), with a fast path for the link shapes of TikTok exports; raises UnsupportedLink."""
    m = _EXPORT_SHARE.fullmatch(raw)
    if m:
        return LinkRef(TIKTOK, m[1], f"https://www.tiktok.com/@/video/{m[1]}")
    m = _EXPORT_VIDEO.fullmatch(raw)
    if m:
        return LinkRef(TIKTOK, m[2], f"https://www.tiktok.com/@{m[1]}/video/{m[2]}")
    return normalise(raw)


# ---- dates -----------------------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S",
                 "%d/%m/%Y %H:%M:%S", "%d.%m.%Y %H:%M:%S")


def parse_date(value: Any) -> datetime | None:
    """A TikTok export date ("2024-03-01 18:22:05" is UTC, ISO, or epoch seconds) in UTC; None if unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = float(value) / (1000 if value > 1e11 else 1)
        if 0 < seconds < 32503680000:
            return datetime.fromtimestamp(seconds, UTC)
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{9,13}", text):
        return parse_date(int(text))
    text = re.sub(r"\s*(UTC|GMT|Z)$", "", text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)  # the exports write UTC without saying so
    return parsed.astimezone(UTC)
