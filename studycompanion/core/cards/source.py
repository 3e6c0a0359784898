"""Where a card came from, its one owner: the "@creator" display rule, times, deep links and the source line.

`creator_label` is how a clip's creator is written everywhere (cards, Anki notes, the clip header, the
library); `SourceLine` is the card's "creator · title · platform · 1:23" in plain text (shown in the app)
and as HTML with the link at the second (the Anki field).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from studycompanion.core.db.tables import Video

PLATFORM_NAMES = {
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "instagram": "Instagram",
    "vimeo": "Vimeo",
    "web": "Web",
    "local": "Local file",
}
CAPTION_CHARS = 160


def creator_label(handle: str, name: str = "", platform: str = "") -> str:
    """'drmike' on TikTok -> '@drmike'; a local file's creator (a name someone typed) stays as written;
    no handle -> the display name; nothing -> ''."""
    handle, name = handle.strip(), name.strip()
    if not handle:
        return name
    if platform == "local" or handle.startswith("@"):
        return handle
    return "@" + handle


def video_creator(video: Video) -> str:
    return creator_label(video.creator_handle, video.creator_name, video.platform)


def format_time(seconds: float) -> str:
    """83.4 -> '1:23'; an hour or more -> '1:02:03'."""
    total = max(0, int(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def deep_link(platform: str, url: str, seconds: float) -> str:
    """The clip's link, opening at `seconds` where the platform supports it (YouTube, Vimeo)."""
    if not url or not url.startswith(("http://", "https://")):
        return ""
    t = max(0, int(seconds))
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if platform == "youtube" or host.endswith(("youtube.com", "youtu.be")):
        video_id = ""
        if host.endswith("youtu.be"):
            video_id = parts.path.strip("/").split("/")[0]
        elif parts.path.startswith(("/shorts/", "/live/", "/embed/")):
            video_id = parts.path.split("/")[2] if len(parts.path.split("/")) > 2 else ""
        else:
            video_id = dict(parse_qsl(parts.query)).get("v", "")
        if video_id:  # Shorts ignore ?t=, the watch page honours it
            return f"https://www.youtube.com/watch?{urlencode({'v': video_id, 't': f'{t}s'})}"
        return url
    if platform == "vimeo" or host.endswith("vimeo.com"):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, f"t={t}s"))
    return url


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def _strip_hashtags(caption: str) -> str:
    return " ".join(w for w in caption.split() if not w.startswith("#")).strip()


@dataclass(frozen=True)
class SourceLine:
    """A card's source: who said it, in which clip, on which platform, at which second."""

    creator: str  # already displayed: '@drmike' or a name
    title: str
    platform: str  # the key: 'tiktok', 'youtube' ...
    url: str
    seconds: float
    caption: str = ""

    @classmethod
    def of(cls, video: Video, seconds: float) -> SourceLine:
        return cls(video_creator(video), video.title, video.platform, video.source_url, seconds, video.caption)

    @property
    def platform_name(self) -> str:
        return PLATFORM_NAMES.get(self.platform, self.platform)

    @property
    def link(self) -> str:
        return deep_link(self.platform, self.url, self.seconds)

    def text(self) -> str:
        """'@creator · Title · TikTok · 1:23' (shown in the app)."""
        parts = [self.creator, self.title, self.platform_name, format_time(self.seconds)]
        return " · ".join(p.strip() for p in parts if p and p.strip())

    def html(self) -> str:
        """Creator · title · platform · link@m:ss, and the caption under it (the Anki Source field)."""
        stamp = _escape(format_time(self.seconds))
        link = self.link
        when = f'<a href="{html.escape(link, quote=True)}">{stamp}</a>' if link else stamp
        parts = [_escape(p) for p in (self.creator, self.title, self.platform_name) if p] + [when]
        out = " · ".join(parts)
        caption = _strip_hashtags(self.caption)
        if caption:
            short = caption if len(caption) <= CAPTION_CHARS else caption[: CAPTION_CHARS - 3].rstrip() + "…"
            out += f"<div class=caption>{_escape(short)}</div>"
        return out
