"""TikTok's TXT export: `Date:` / `Link:` records, and which list a file holds, told from its content.

A file's list is decided, in order, by its heading ("Favorite Videos:", "Like List"), by its records' structure
(posts carry a like count), and, inside a ZIP, by the other files beside it: an untouched export names its
files itself, and a file whose name was changed is the list its siblings lack. A standalone file with none of
these is an unlabelled list: its links are imported as plain links, never as favourites, and the summary says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from studycompanion.core.capture.import_model import (
    EntryKind,
    ImportEntry,
    InvalidEntry,
    ParsedExport,
    normalise_export_link,
    parse_date,
)
from studycompanion.core.capture.links import UnsupportedLink
from studycompanion.core.capture.tiktok_json import classify_key

_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z ()/]{0,30}?)\s*:\s*(.*?)\s*$")
_LINK_FIELDS = ("link", "url", "videolink")
_POST_FIELDS = ("likes", "likecount", "sound", "coverimage", "whocanview", "title")

# The files TikTok writes in a TXT export (English names), and the list each holds. OTHER: never imported.
OTHER = "other"
TIKTOK_TXT_FILES: dict[str, EntryKind | str] = {
    "favorite videos.txt": EntryKind.FAVOURITE,
    "like list.txt": EntryKind.LIKE,
    "posts.txt": EntryKind.POST,
    "videos.txt": EntryKind.POST,
    "recently deleted posts.txt": OTHER,
    "watch history.txt": OTHER,
    "video browsing history.txt": OTHER,
    "share history.txt": OTHER,
    "favorite sounds.txt": OTHER,
    "favorite hashtags.txt": OTHER,
    "favorite effects.txt": OTHER,
    "favorite collections.txt": OTHER,
    "favorite comments.txt": OTHER,
    "comments.txt": OTHER,
    "searches.txt": OTHER,
    "search history.txt": OTHER,
    "user info.txt": OTHER,
    "profile info.txt": OTHER,
    "login history.txt": OTHER,
    "follower.txt": OTHER,
    "following.txt": OTHER,
    "hashtag.txt": OTHER,
    "status.txt": OTHER,
}


def looks_like_tiktok_txt(text: str) -> bool:
    head = text[:20000]
    return bool(re.search(r"(?im)^\s*date\s*:", head) and re.search(r"(?im)^\s*(link|url)\s*:", head))


def _norm(key: str) -> str:
    return re.sub(r"[^a-z]", "", key.lower())


@dataclass
class _Record:
    lineno: int = 0
    link: str | None = None
    date: str | None = None
    post_field: bool = False
    section: EntryKind | bool | None = None


def _heading(line: str) -> EntryKind | bool | None:
    stripped = line.strip().strip(":").strip()
    if not stripped or stripped.startswith("#") or len(stripped) >= 80 or "://" in stripped:
        return None
    return classify_key(stripped)


def _records(text: str) -> tuple[list[_Record], EntryKind | bool | None]:
    """The file's records, each with the section heading above it; and the file's first heading."""
    records: list[_Record] = []
    current = _Record()
    section: EntryKind | bool | None = None
    first_heading: EntryKind | bool | None = None

    def flush() -> None:
        nonlocal current
        if current.link is not None:
            records.append(current)
        current = _Record(section=section)

    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            flush()
            continue
        m = _FIELD.match(line)
        key = _norm(m.group(1)) if m else ""
        if m is None or (not m.group(2) and key not in _LINK_FIELDS and key != "date"):
            verdict = _heading(line)
            if verdict is not None:
                flush()
                section = verdict
                current.section = section
                if first_heading is None and not records:
                    first_heading = verdict
            continue
        value = m.group(2)
        if key == "date":
            if current.date is not None or current.link is not None:
                flush()
            current.date = value
        elif key in _LINK_FIELDS:
            if current.link is not None:
                flush()
            current.link, current.lineno = value, lineno
        elif key in _POST_FIELDS:
            current.post_field = True
    flush()
    return records, first_heading


def file_kind(text: str) -> EntryKind | bool | None:
    """The list a whole file holds by its content alone: its heading, else its structure; None: not told."""
    records, heading = _records(text)
    if heading is not None:
        return heading
    if records and sum(r.post_field for r in records) * 2 > len(records):
        return EntryKind.POST
    return None


def read_txt_export(text: str, kind: EntryKind | None = None, *, into: ParsedExport | None = None,
                    prefix: str = "") -> ParsedExport:
    """Records of one TXT file; `kind` is the file's list when its content does not say (from the ZIP)."""
    parsed = into if into is not None else ParsedExport("tiktok-txt", tiktok=True)
    seen = {(e.kind, *e.link.key) for e in parsed.entries}
    records, _heading_kind = _records(text)
    for record in records:
        section = record.section
        if record.post_field:
            entry_kind: EntryKind | None = EntryKind.POST
        elif isinstance(section, EntryKind):
            entry_kind = section
        elif section is False:
            entry_kind = None  # under a heading such as "Watch History:"
        else:
            entry_kind = kind or EntryKind.LINK
        if entry_kind is None:
            continue
        assert record.link is not None
        position = f"{prefix}line {record.lineno}"
        try:
            ref = normalise_export_link(record.link)
        except UnsupportedLink as exc:
            parsed.invalid.append(InvalidEntry(record.link[:300], position, exc.message, entry_kind))
            continue
        parsed.add(ImportEntry(ref, record.link, position, entry_kind, parse_date(record.date)), seen)
    return parsed


def zip_kinds(members: dict[str, str]) -> dict[str, EntryKind | None]:
    """The list each TXT member of a ZIP holds (None: skip it), from its content and the files beside it."""
    names = {path: PurePosixPath(path).name.lower() for path in members}
    known = {path: TIKTOK_TXT_FILES[name] for path, name in names.items() if name in TIKTOK_TXT_FILES}
    untouched_export = len(known) >= 2  # TikTok named these files: trust its names for files that do not say
    kinds: dict[str, EntryKind | None] = {}
    undecided: list[str] = []
    for path, text in members.items():
        if not looks_like_tiktok_txt(text):
            kinds[path] = None
            continue
        by_content = file_kind(text)
        if isinstance(by_content, EntryKind):
            kinds[path] = by_content
        elif by_content is False:
            kinds[path] = None
        elif untouched_export and path in known:
            named = known[path]
            kinds[path] = named if isinstance(named, EntryKind) else None
        else:
            undecided.append(path)
    if untouched_export:
        present = {k for k in kinds.values() if k in (EntryKind.FAVOURITE, EntryKind.LIKE)}
        missing = [k for k in (EntryKind.FAVOURITE, EntryKind.LIKE) if k not in present]
        if len(undecided) == 1 and len(missing) == 1:
            kinds[undecided.pop()] = missing[0]  # a renamed file is the list its siblings lack
    for path in undecided:
        kinds[path] = EntryKind.LINK
    return kinds


def standalone_kind(text: str, name: str) -> EntryKind | None:
    """A single TXT file's list: its content, else TikTok's own file name untouched; else unlabelled (LINK)."""
    by_content = file_kind(text)
    if isinstance(by_content, EntryKind):
        return by_content
    if by_content is False:
        return None
    named = TIKTOK_TXT_FILES.get(PurePosixPath(name).name.lower()) if name else None
    if isinstance(named, EntryKind):
        return named
    if named == OTHER:
        return None
    return EntryKind.LINK
