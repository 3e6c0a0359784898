"""What a finished download is: the media file, thumbnail and subtitles yt-dlp left in its folder, the clip's real
platform and id, its metadata as a CapturedClip, and the trimmed info.json written beside them.

Part of capture (core/capture/download.py runs the download and re-exports the public names here).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from studycompanion.core.capture import metadata as meta
from studycompanion.core.capture.errors import NO_VIDEO_ON_PAGE, NoVideoFound, Unreachable
from studycompanion.core.capture.files import TruncatedMedia, inspect_download
from studycompanion.core.capture.links import DIRECT, INSTAGRAM, TIKTOK, WEB, YOUTUBE, LinkRef
from studycompanion.core.errors import BadInput
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CapturedClip

CUT_SHORT = QT_TRANSLATE_NOOP("CaptureErrors", "The download ended before the end of the clip (the connection broke "
                              "off). Retry to download it again.")
NOT_PLAYABLE = QT_TRANSLATE_NOOP("CaptureErrors", "The link gave a file that is not a playable video.")
NOTHING_PLAYABLE = QT_TRANSLATE_NOOP("CaptureErrors", "Nothing playable was downloaded from that link.")

MEDIA_NAME = "media"
INFO_NAME = "info.json"
THUMB_NAME = "thumb.jpg"
_PLATFORM_OF_EXTRACTOR = {"tiktok": TIKTOK, "youtube": YOUTUBE, "instagram": INSTAGRAM}


def describe(ref: LinkRef, info: dict[str, Any], dest_dir: Path, length_checked: bool) -> CapturedClip:
    """What a finished download in `dest_dir` is: its media, thumbnail, subtitles, identity and metadata, with the
    trimmed info.json written beside it."""
    if info.get("_type") == "playlist":  # a page with several videos: the first one was downloaded
        entries = [e for e in info.get("entries") or [] if isinstance(e, dict)]
        if not entries:
            raise NoVideoFound(NO_VIDEO_ON_PAGE(), f"empty playlist from {ref.url}")
        page = info
        info = {**entries[0]}
        for key in ("title", "description", "thumbnail", "site_name"):
            if not info.get(key) and page.get(key):
                info[key] = page[key]
        info["title"] = meta.entry_title(info.get("title"), page.get("title"))  # no "Title (1)"
    media_file = _media_file(info, dest_dir)
    thumb = _downloaded_thumbnail(info)
    try:
        probed, frame = inspect_download(media_file, None if thumb else dest_dir / THUMB_NAME,
                                         verify_end=not length_checked)
    except TruncatedMedia as exc:
        media_file.unlink(missing_ok=True)
        raise Unreachable(CUT_SHORT(), exc.detail or exc.message) from exc
    except BadInput as exc:
        media_file.unlink(missing_ok=True)
        raise NoVideoFound(NOT_PLAYABLE(), exc.message) from exc
    platform, platform_id, source_url = platform_identity(ref, info)
    caption = (info.get("description") or "").strip() if isinstance(info.get("description"), str) else ""
    handle, name = meta.creator(platform, info)
    clip = CapturedClip(
        platform=platform,
        platform_id=platform_id,
        source_url=source_url,
        media_file=media_file,
        title=meta.title(info, caption, fallback=media_file.stem if platform == WEB else platform_id),
        creator_handle=handle,
        creator_name=name,
        caption=caption,
        hashtags=meta.hashtags(caption, info.get("tags") or []),
        upload_date=meta.upload_date(info),
        duration=meta.duration(info) or (probed.duration or None),
        thumbnail_file=thumb or frame,
    )
    info_path = dest_dir / INFO_NAME
    extra = {"captured_platform": platform, "captured_platform_id": platform_id, "captured_url": source_url,
             "captured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    info_path.write_text(json.dumps(meta.trimmed(info, **extra), ensure_ascii=False, indent=1, default=str),
                         encoding="utf-8")
    clip.info_json = info_path
    clip.subtitles_file = _downloaded_subtitles(info)
    return clip

def platform_identity(ref: LinkRef, info: dict[str, Any]) -> tuple[str, str, str]:
    """(platform, id, url) to store: short links and pages that embed a known platform get the real id."""
    extractor = str(info.get("extractor_key") or info.get("extractor") or "").lower()
    real = _PLATFORM_OF_EXTRACTOR.get(extractor)
    vid = str(info.get("id") or "")
    page = str(info.get("webpage_url") or ref.url)
    if not ref.resolved and real == ref.platform and vid:
        return ref.platform, vid, page
    if ref.platform in (WEB, DIRECT) and real and vid:
        return real, vid, page
    return ref.platform, ref.platform_id, ref.url

def _media_file(info: dict[str, Any], dest_dir: Path) -> Path:
    for item in info.get("requested_downloads") or []:
        path = item.get("filepath") or item.get("filename")
        if path and Path(path).is_file():
            return Path(path)
    skip = {".part", ".ytdl", ".json", ".jpg", ".jpeg", ".png", ".webp", ".temp"}
    found = [p for p in dest_dir.glob(f"{MEDIA_NAME}.*") if p.suffix.lower() not in skip and p.is_file()]
    if not found:
        raise NoVideoFound(NOTHING_PLAYABLE(), f"no media file in {dest_dir}")
    return max(found, key=lambda p: p.stat().st_size)

def _downloaded_subtitles(info: dict[str, Any]) -> Path | None:
    """The subtitle file yt-dlp wrote for the clip, if it has one (English first)."""
    subs = info.get("requested_subtitles") or {}
    for _lang, sub in sorted(subs.items(), key=lambda kv: not str(kv[0]).startswith("en")):
        path = sub.get("filepath") if isinstance(sub, dict) else None
        if path and Path(path).suffix.lower() in (".vtt", ".srt") and Path(path).is_file() \
                and Path(path).stat().st_size > 0:
            return Path(path)
    return None

def _downloaded_thumbnail(info: dict[str, Any]) -> Path | None:
    """The platform's (or og:image) thumbnail yt-dlp wrote, if any."""
    for thumb in reversed(info.get("thumbnails") or []):
        path = thumb.get("filepath") if isinstance(thumb, dict) else None
        if path and Path(path).is_file() and Path(path).stat().st_size > 0:
            return Path(path)
    return None
