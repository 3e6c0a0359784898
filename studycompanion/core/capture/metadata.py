"""Turn a yt-dlp info dict into clip metadata: title, creator, caption, hashtags, dates, and the trimmed info JSON."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import unescape
from typing import Any

from studycompanion.core.capture.links import INSTAGRAM, TIKTOK, YOUTUBE

# A hashtag: '#' not preceded by a word character or '&' (HTML entities), then letters/digits/underscore.
_HASHTAG = re.compile(r"(?<![\w&#])#(\w[\w\u00b7\u0300-\u036f]*)", re.UNICODE)

# The keys worth keeping from yt-dlp's (huge) info dict: enough to re-fill the metadata, cite the source
# and debug a capture, none of the signed format URLs or HTTP headers.
KEEP_KEYS = (
    "id", "display_id", "title", "fulltitle", "description", "uploader", "uploader_id", "uploader_url",
    "channel", "channel_id", "channel_url", "creator", "creators", "artist", "artists", "track", "album",
    "upload_date", "release_date", "timestamp", "release_timestamp", "duration", "tags", "categories",
    "webpage_url", "original_url", "webpage_url_domain", "extractor", "extractor_key", "view_count",
    "like_count", "comment_count", "repost_count", "save_count", "age_limit", "availability", "language",
    "width", "height", "fps", "ext", "format_id", "format", "vcodec", "acodec", "filesize", "filesize_approx",
    "tbr", "thumbnail", "playlist_id", "playlist_title",
)


def hashtags(caption: str, tags: Iterable[Any] = ()) -> list[str]:
    """Hashtags from yt-dlp's tags and from the caption, without '#', first spelling kept, no duplicates."""
    out: list[str] = []
    seen: set[str] = set()

    def add(raw: str) -> None:
        tag = unicodedata.normalize("NFC", raw.strip().lstrip("#").strip())
        tag = re.sub(r"\s+", "_", tag)
        key = tag.casefold()
        if tag and len(tag) <= 80 and key not in seen:
            seen.add(key)
            out.append(tag)

    for tag in tags or ():
        if isinstance(tag, str):
            add(tag)
    for m in _HASHTAG.finditer(caption or ""):
        if not m.group(1).isdigit():  # "#1" is a rank, not a tag
            add(m.group(1))
    return out


def creator(platform: str, info: Mapping[str, Any]) -> tuple[str, str]:
    """(handle, display name): each platform fills yt-dlp's uploader/channel fields differently."""

    def s(key: str) -> str:
        value = info.get(key)
        return value.strip() if isinstance(value, str) else ""

    if platform == TIKTOK:  # uploader = unique_id (@handle), channel = nickname
        handle, name = s("uploader"), s("channel") or s("creator")
    elif platform == INSTAGRAM:  # channel = username, uploader = full name
        handle, name = s("channel"), s("uploader")
    elif platform == YOUTUBE:  # uploader_id = '@handle', uploader / channel = channel name
        handle, name = s("uploader_id"), s("uploader") or s("channel")
        if not handle.startswith("@"):
            handle = ""
    else:
        handle = s("uploader_id") if not s("uploader_id").isdigit() else ""
        name = s("uploader") or s("channel") or s("creator")
        if info.get("extractor") == "generic" and name and name == _domain(info):
            name = ""  # the generic extractor puts the site's address there: not a creator
        if not name and s("site_name"):
            name = s("site_name")  # the page's og:site_name ("MedClips"), read by capture/download.py
        if not handle and not name:
            artists = info.get("artists") or info.get("creators")
            if isinstance(artists, list) and artists and isinstance(artists[0], str):
                name = artists[0]
    return handle.lstrip("@"), name


_OG_SITE_NAME = re.compile(
    r"""<meta\s[^>]*?(?:property|name)\s*=\s*["']og:site_name["'][^>]*?content\s*=\s*["']([^"']*)["']"""
    r"""|<meta\s[^>]*?content\s*=\s*["']([^"']*)["'][^>]*?(?:property|name)\s*=\s*["']og:site_name["']""",
    re.IGNORECASE,
)


def _og(html: str, prop: str) -> str:
    pattern = _OG_SITE_NAME.pattern.replace("og:site_name", re.escape(prop))
    m = re.search(pattern, html, re.IGNORECASE)
    if not m:
        return ""
    return " ".join(unescape(m.group(1) or m.group(2) or "").split())


def og_site_name(html: str) -> str:
    """The page's og:site_name ("" when it sets none); either attribute order."""
    return _og(html, "og:site_name")


@dataclass(frozen=True)
class PageMeta:
    """What a web page says of itself in its <head>."""

    site_name: str = ""
    title: str = ""


def page_meta(html: str) -> PageMeta:
    return PageMeta(site_name=og_site_name(html), title=_og(html, "og:title"))


def entry_title(entry: object, page: object) -> object:
    """An entry's title without the " (1)" yt-dlp appends when a page holds several videos."""
    if not isinstance(entry, str):
        return entry
    m = re.fullmatch(r"(.*) \(\d+\)", entry.strip())
    if m and isinstance(page, str) and page.strip() and (m.group(1) == page.strip()
                                                          or page.strip().startswith(m.group(1))):
        return m.group(1)
    return entry


def _domain(info: Mapping[str, Any]) -> str:
    m = re.match(r"^(?:https?://)?([^/]*)", str(info.get("webpage_url") or info.get("original_url") or ""))
    return m.group(1) if m else ""


def upload_date(info: Mapping[str, Any]) -> date | None:
    raw = info.get("upload_date") or info.get("release_date")
    if isinstance(raw, str) and re.fullmatch(r"\d{8}", raw):
        try:
            return datetime.strptime(raw, "%Y%m%d").date()
        except ValueError:
            pass
    ts = info.get("timestamp") or info.get("release_timestamp")
    if isinstance(ts, (int, float)) and 0 < ts < 32503680000:
        return datetime.fromtimestamp(ts, UTC).date()
    return None


def title(info: Mapping[str, Any], caption: str, fallback: str) -> str:
    """yt-dlp's title; TikTok and Instagram titles are the caption (cut) or 'Video by x': prefer a clean line."""
    raw = info.get("title") or info.get("fulltitle")
    text = raw.strip() if isinstance(raw, str) else ""
    generic = not text or re.fullmatch(r"(video|post|reel) by .*", text, re.IGNORECASE) is not None
    if generic and caption:
        text = caption
    if not text:
        text = fallback
    text = " ".join(text.split())
    if len(text) > 200:
        text = text[:199].rstrip() + "…"
    return text


def trimmed(info: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """The info dict without formats, URLs with tokens, headers or private keys (written next to the clip)."""
    out: dict[str, Any] = {k: info[k] for k in KEEP_KEYS if info.get(k) not in (None, "", [], {})}
    out.update(extra)
    return out


def duration(info: Mapping[str, Any]) -> float | None:
    value = info.get("duration")
    if isinstance(value, (int, float)) and value > 0:
        return float(value)
    return None
