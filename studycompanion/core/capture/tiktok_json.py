"""TikTok's JSON export (user_data.json, every wrapper layout): its lists of favourites, likes and posts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from studycompanion.core.capture.import_model import (
    EntryKind,
    ImportEntry,
    ImportFormatError,
    InvalidEntry,
    ParsedExport,
    normalise_export_link,
    parse_date,
)
from studycompanion.core.capture.links import UnsupportedLink
from studycompanion.core.text import QT_TRANSLATE_NOOP

_SKIP_WORDS = ("sound", "hashtag", "effect", "music", "browsing", "history", "share", "comment", "live",
               "search", "message", "collection", "follow", "block", "profile", "login", "purchase", "gift",
               "setting", "ads", "location", "device", "repost", "deleted")


def classify_key(key: str) -> EntryKind | bool | None:
    """FAVOURITE / LIKE / POST for a section that holds them, False for one that holds other things, None: neutral."""
    k = re.sub(r"[^a-z]", "", key.lower())
    if not k:
        return None
    if k == "itemfavoritelist" or (k.startswith("like") and ("list" in k or "video" in k)) or k == "likedvideos":
        return EntryKind.LIKE
    if ("favorite" in k or "favourite" in k) and "video" in k:
        return EntryKind.FAVOURITE
    if any(word in k for word in _SKIP_WORDS):
        return False
    if k in ("video", "videos", "post", "posts", "myvideos", "yourvideos", "uploads") or k.startswith("postlist"):
        return EntryKind.POST  # "Video › Videos › VideoList" and "Post › Posts › VideoList": the user's uploads
    return None


def _kind_for(path: tuple[str, ...]) -> EntryKind | None:
    """The kind of a list of items by its keys, nearest first; None means 'not favourites, likes or posts'."""
    for key in reversed(path):
        verdict = classify_key(key)
        if verdict is False:
            return None
        if isinstance(verdict, EntryKind):
            return verdict
    return EntryKind.LINK


LINK_KEYS = ("link", "url", "videolink", "sharelink")
_POST_FIELDS = ("likes", "likecount", "diggcount", "sound", "coverimage", "whocanview")


def field_of(item: dict[str, Any], *names: str) -> Any:
    lowered = {str(k).lower().replace(" ", "").replace("_", ""): v for k, v in item.items()}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _looks_like_posts(items: list[Any]) -> bool:
    """The structure of a posts list: each item carries its own like count (or sound, cover) beside its link."""
    dicts = [it for it in items if isinstance(it, dict)]
    if not dicts:
        return False
    with_counts = sum(1 for it in dicts if field_of(it, *_POST_FIELDS) is not None)
    return with_counts * 2 > len(dicts)


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


CUT_OFF = QT_TRANSLATE_NOOP("ImportErrors", "{name} is not valid JSON (line {line}, column {column}): {why}. Was the "
                            "export cut off? Download it again from TikTok.")
FILE_CUT_OFF = QT_TRANSLATE_NOOP("ImportErrors", "The file is not valid JSON (line {line}, column {column}): {why}. "
                                 "Was the export cut off? Download it again from TikTok.")
NOT_JSON = QT_TRANSLATE_NOOP("ImportErrors", "{name} is not valid JSON.")
FILE_NOT_JSON = QT_TRANSLATE_NOOP("ImportErrors", "The file is not valid JSON.")
NO_FAVOURITES = QT_TRANSLATE_NOOP("ImportErrors", "No TikTok favourites or likes were found in this JSON file. Use the "
                                  "user_data JSON file from TikTok's 'Download your data'.")


def load_json(text: str, name: str = "") -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno, "why": exc.msg}
        raise ImportFormatError(CUT_OFF(name=name, **where) if name else FILE_CUT_OFF(**where), str(exc)) from exc
    except (RecursionError, ValueError) as exc:
        raise ImportFormatError(NOT_JSON(name=name) if name else FILE_NOT_JSON(), str(exc)) from exc


def read_json_export(data: Any) -> ParsedExport:
    """Favourites, likes and posts from any TikTok JSON layout; never raises on unexpected shapes.

    Lists are recognised by the keys above them (FavoriteVideoList, Like List > ItemFavoriteList,
    Video > Videos > VideoList, ...), in whatever wrapper a layout puts them (Activity, Likes and Favorites, Your
    Activity), and by their items (posts carry their like counts). In an export that has such sections, other lists
    (watch history, shares, sounds) are ignored; a JSON file without any (a hand-made list of {"link": ...}) is
    read as plain links.
    """
    sections: list[tuple[tuple[str, ...], list[Any], EntryKind]] = []
    for path, items in _walk(data):
        if path and path[-1].startswith("["):
            continue  # lists inside lists: only lists under a named key hold items
        if not any(isinstance(it, dict) and field_of(it, *LINK_KEYS) is not None for it in items):
            continue
        kind = _kind_for(path)
        if kind is EntryKind.LINK and path and _looks_like_posts(items):
            kind = EntryKind.POST
        if kind is not None:
            sections.append((path, items, kind))
    if not sections:
        raise ImportFormatError(NO_FAVOURITES())
    labelled = any(kind != EntryKind.LINK for _, _, kind in sections)
    parsed = ParsedExport("tiktok-json", tiktok=labelled)
    seen: set[tuple[EntryKind, str, str]] = set()
    for path, items, kind in sections:
        if kind == EntryKind.LINK and labelled:
            continue  # an export with labelled lists: an unlabelled one is something else (history, ...)
        where = " › ".join(p for p in path if not p.startswith("[")) or "list"
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            raw_link = field_of(item, *LINK_KEYS)
            position = f"{where}[{index}]"
            if not isinstance(raw_link, str):
                parsed.invalid.append(InvalidEntry(_short_repr(raw_link), position, "the link is not text", kind))
                continue
            try:
                ref = normalise_export_link(raw_link)
            except UnsupportedLink as exc:
                parsed.invalid.append(InvalidEntry(raw_link[:300], position, exc.message, kind))
                continue
            when = parse_date(field_of(item, "date", "favoritedate", "time", "createtime"))
            parsed.add(ImportEntry(ref, raw_link, position, kind, when), seen)
    return parsed


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:119] + "…"
