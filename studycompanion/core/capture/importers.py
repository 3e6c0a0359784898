"""Read bulk imports: TikTok "Download your data" exports (JSON, TXT, ZIP) and plain text / CSV lists of links."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from studycompanion.core.capture.links import LinkRef, UnsupportedLink, normalise
from studycompanion.core.errors import BadInput

MAX_BYTES = 200 * 1024 * 1024  # a TikTok export with years of history is a few MB


class ImportFormatError(BadInput):
    """The file cannot be read as an export or a list of links."""


class EntryKind(StrEnum):
    FAVOURITE = "favourite"
    LIKE = "like"
    LINK = "link"  # a plain list, or a JSON list outside any favourites/likes section


@dataclass(frozen=True)
class ImportEntry:
    link: LinkRef
    raw: str
    position: str  # "line 3", or "Activity › Favorite Videos › FavoriteVideoList[2]"
    kind: EntryKind
    favourited_at: datetime | None = None  # aware, UTC


@dataclass(frozen=True)
class InvalidEntry:
    raw: str
    position: str
    reason: str


@dataclass
class ImportBatch:
    source: str  # "tiktok-json" / "tiktok-txt" / "links"
    entries: list[ImportEntry] = field(default_factory=list)
    invalid: list[InvalidEntry] = field(default_factory=list)
    duplicates: int = 0  # the same clip twice in the file (kept once)
    skipped_likes: int = 0  # likes present but not asked for (--likes)
    skipped_favourites: int = 0  # favourites present, --likes asked for likes only


# ---- entry point --------------------------------------------------------------------------------------


def read_import(path: Path, *, likes: bool = False) -> ImportBatch:
    """Read any supported import file: favourites by default, likes (only) with `likes`."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ImportFormatError(f"{path} is a folder; choose the export file inside it.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFormatError(f"{path.name} is too large to be an export or a list of links.")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFormatError(f"{path} does not exist.") from exc
    except OSError as exc:
        raise ImportFormatError(f"{path} cannot be read: {exc.strerror or exc}", str(exc)) from exc
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _read_zip(data, path.name, likes)
    return read_import_bytes(data, path.name, likes=likes)


def read_import_bytes(data: bytes, name: str = "", *, likes: bool = False) -> ImportBatch:
    text = _decode(data, name)
    stripped = text.lstrip()
    if name.lower().endswith(".json") or stripped.startswith(("{", "[")):
        return parse_tiktok_json_text(text, likes=likes, name=name)
    if _looks_like_tiktok_txt(text):
        return parse_tiktok_txt(text, likes=likes, name=name)
    return parse_link_list(text, csv_mode=name.lower().endswith(".csv"))


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFormatError(f"{name or 'The file'} is not a text, JSON or ZIP file.")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_zip(data: bytes, name: str, likes: bool) -> ImportBatch:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and m.file_size <= MAX_BYTES]
            jsons = [m for m in members if m.filename.lower().endswith(".json")]
            txts = [m for m in members if m.filename.lower().endswith(".txt")]
            if jsons:
                best = max(jsons, key=lambda m: m.file_size)
                return parse_tiktok_json_text(_decode(zf.read(best), best.filename), likes=likes, name=best.filename)
            wanted = [m for m in txts if _txt_section(Path(m.filename).stem) in (
                EntryKind.LIKE if likes else EntryKind.FAVOURITE, None)]
            merged = ImportBatch("tiktok-txt")
            for member in wanted or txts:
                text = _decode(zf.read(member), member.filename)
                if _looks_like_tiktok_txt(text):
                    part = parse_tiktok_txt(text, likes=likes, name=member.filename)
                    _merge(merged, part)
            if merged.entries or merged.invalid:
                return merged
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
        raise ImportFormatError(f"{name} is a damaged or encrypted ZIP file.", str(exc)) from exc
    raise ImportFormatError(f"{name} has no TikTok export (user_data JSON or TXT files) inside.")


def _merge(into: ImportBatch, part: ImportBatch) -> None:
    seen = {e.link.key for e in into.entries}
    for entry in part.entries:
        if entry.link.key in seen:
            into.duplicates += 1
            continue
        seen.add(entry.link.key)
        into.entries.append(entry)
    into.invalid.extend(part.invalid)
    into.duplicates += part.duplicates
    into.skipped_likes += part.skipped_likes
    into.skipped_favourites += part.skipped_favourites


# ---- TikTok JSON ----------------------------------------------------------------------------------------

_SKIP_WORDS = ("sound", "hashtag", "effect", "music", "browsing", "history", "share", "post", "comment", "live",
               "search", "message", "collection", "follow", "block", "profile", "login", "purchase", "gift",
               "setting", "ads", "location", "device", "repost")


def _classify_key(key: str) -> EntryKind | bool | None:
    """FAVOURITE / LIKE for a section that holds them, False for one that holds other things, None: neutral."""
    k = re.sub(r"[^a-z]", "", key.lower())
    if not k:
        return None
    if k == "itemfavoritelist" or (k.startswith("like") and ("list" in k or "video" in k)) or k == "likedvideos":
        return EntryKind.LIKE
    if ("favorite" in k or "favourite" in k) and "video" in k:
        return EntryKind.FAVOURITE
    if any(word in k for word in _SKIP_WORDS):
        return False
    return None


def _kind_for(path: tuple[str, ...]) -> EntryKind | None:
    """The kind of a list of items by its keys, nearest first; None means 'not favourites or likes'."""
    for key in reversed(path):
        verdict = _classify_key(key)
        if verdict is False:
            return None
        if isinstance(verdict, EntryKind):
            return verdict
    return EntryKind.LINK


_LINK_KEYS = ("link", "url", "videolink", "sharelink")


def _field(item: dict[str, Any], *names: str) -> Any:
    lowered = {str(k).lower().replace(" ", "").replace("_", ""): v for k, v in item.items()}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _walk(value: Any) -> Iterator[tuple[tuple[str, ...], list[Any]]]:
    """Every list in the JSON tree with the keys that lead to it (iterative: deep files cannot overflow)."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), value)]
    while stack:
        path, cur = stack.pop()
        if isinstance(cur, dict):
            for key, child in reversed(list(cur.items())):
                if isinstance(child, (dict, list)):
                    stack.append(((*path, str(key)), child))
        elif isinstance(cur, list):
            yield path, cur
            for i in range(len(cur) - 1, -1, -1):
                if isinstance(cur[i], (dict, list)):
                    stack.append(((*path, f"[{i}]"), cur[i]))


def parse_tiktok_json_text(text: str, *, likes: bool = False, name: str = "") -> ImportBatch:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{name or 'The file'} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}. "
            "Was the export cut off? Download it again from TikTok.",
            str(exc),
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise ImportFormatError(f"{name or 'The file'} is not valid JSON.", str(exc)) from exc
    return parse_tiktok_json(data, likes=likes)


def parse_tiktok_json(data: Any, *, likes: bool = False) -> ImportBatch:
    """Favourites (or likes) from any TikTok JSON layout; never raises on unexpected shapes.

    Lists are recognised by the keys above them (FavoriteVideoList, Like List > ItemFavoriteList, ...), in
    whatever wrapper a layout puts them (Activity, Likes and Favorites, Your Activity). In an export that has
    such sections, other lists (posts, watch history, shares, sounds) are ignored; a JSON file without any
    (a hand-made list of {"link": ...}) is read as plain links.
    """
    batch = ImportBatch("tiktok-json")
    wanted = EntryKind.LIKE if likes else EntryKind.FAVOURITE
    sections: list[tuple[tuple[str, ...], list[Any], EntryKind]] = []
    for path, items in _walk(data):
        if path and path[-1].startswith("["):
            continue  # lists inside lists: only lists under a named key hold items
        if not any(isinstance(it, dict) and _field(it, *_LINK_KEYS) is not None for it in items):
            continue
        kind = _kind_for(path)
        if kind is not None:
            sections.append((path, items, kind))
    if not sections:
        raise ImportFormatError(
            "No TikTok favourites or likes were found in this JSON file. Use the user_data JSON file from "
            "TikTok's 'Download your data'."
        )
    labelled = any(kind != EntryKind.LINK for _, _, kind in sections)
    seen: set[tuple[str, str]] = set()
    for path, items, kind in sections:
        if kind == EntryKind.LINK and labelled:
            continue
        if kind != EntryKind.LINK and kind != wanted:
            count = sum(1 for it in items if isinstance(it, dict))
            if kind == EntryKind.LIKE:
                batch.skipped_likes += count
            else:
                batch.skipped_favourites += count
            continue
        where = " › ".join(p for p in path if not p.startswith("[")) or "list"
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            raw_link = _field(item, *_LINK_KEYS)
            position = f"{where}[{index}]"
            if not isinstance(raw_link, str):
                batch.invalid.append(InvalidEntry(_short_repr(raw_link), position, "the link is not text"))
                continue
            try:
                ref = normalise(raw_link)
            except UnsupportedLink as exc:
                batch.invalid.append(InvalidEntry(raw_link[:300], position, exc.message))
                continue
            if ref.key in seen:
                batch.duplicates += 1
                continue
            seen.add(ref.key)
            when = parse_date(_field(item, "date", "favoritedate", "time", "createtime"))
            batch.entries.append(ImportEntry(ref, raw_link, position, kind, when))
    return batch


# ---- TikTok TXT -------------------------------------------------------------------------------------------

_TXT_PAIR = re.compile(r"^\s*(date|link|url)\s*:\s*(.*?)\s*$", re.IGNORECASE)


def _looks_like_tiktok_txt(text: str) -> bool:
    head = text[:20000]
    return bool(re.search(r"(?im)^\s*date\s*:", head) and re.search(r"(?im)^\s*(link|url)\s*:", head))


def _txt_section(line: str) -> EntryKind | bool | None:
    return _classify_key(line)


def parse_tiktok_txt(text: str, *, likes: bool = False, name: str = "") -> ImportBatch:
    """The TXT export: `Date: ...` / `Link: ...` pairs, in one file per section or under section headings."""
    batch = ImportBatch("tiktok-txt")
    wanted = EntryKind.LIKE if likes else EntryKind.FAVOURITE
    by_name = _txt_section(Path(name).stem) if name else None
    section: EntryKind | bool | None = by_name if isinstance(by_name, EntryKind) else None
    pending_date: datetime | None = None
    seen: set[tuple[str, str]] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        m = _TXT_PAIR.match(line)
        if m is None:
            stripped = line.strip().strip(":").strip()
            if stripped and not stripped.startswith("#") and len(stripped) < 80 and "://" not in stripped:
                verdict = _txt_section(stripped)
                if verdict is not None:
                    section = verdict  # a heading such as "Favorite Videos:" or "Like List"
            continue
        key, value = m.group(1).lower(), m.group(2)
        if key == "date":
            pending_date = parse_date(value)
            continue
        kind = section if isinstance(section, EntryKind) else (None if section is False else EntryKind.LINK)
        when, pending_date = pending_date, None
        if kind is None:
            continue
        if kind == EntryKind.LINK and not likes:
            pass
        elif kind != wanted:
            if kind == EntryKind.LIKE:
                batch.skipped_likes += 1
            else:
                batch.skipped_favourites += 1
            continue
        try:
            ref = normalise(value)
        except UnsupportedLink as exc:
            batch.invalid.append(InvalidEntry(value[:300], f"line {lineno}", exc.message))
            continue
        if ref.key in seen:
            batch.duplicates += 1
            continue
        seen.add(ref.key)
        batch.entries.append(ImportEntry(ref, value, f"line {lineno}", kind, when))
    return batch


# ---- plain lists --------------------------------------------------------------------------------------------


def parse_link_list(text: str, *, csv_mode: bool = False) -> ImportBatch:
    """One link per line (blank lines and lines starting with # or // are comments); CSV: the cell with a link."""
    batch = ImportBatch("links")
    seen: set[tuple[str, str]] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//", ";")):
            continue
        candidate = _link_cell(stripped) if (csv_mode or ("," in stripped and "://" in stripped)) else None
        if candidate is None:
            candidate = re.split(r"\s+#", stripped, maxsplit=1)[0].strip()  # "url  # a comment"
        if csv_mode and lineno == 1 and "://" not in stripped and "www." not in stripped.lower():
            continue  # a header row such as "url,title"
        try:
            ref = normalise(candidate)
        except UnsupportedLink as exc:
            batch.invalid.append(InvalidEntry(stripped[:300], f"line {lineno}", exc.message))
            continue
        if ref.key in seen:
            batch.duplicates += 1
            continue
        seen.add(ref.key)
        batch.entries.append(ImportEntry(ref, candidate, f"line {lineno}", EntryKind.LINK))
    return batch


def _link_cell(line: str) -> str | None:
    try:
        cells = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return None
    for cell in cells:
        cell = cell.strip()
        if "://" in cell or cell.lower().startswith("www."):
            return cell
    return None


# ---- helpers -------------------------------------------------------------------------------------------------

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


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:119] + "…"
