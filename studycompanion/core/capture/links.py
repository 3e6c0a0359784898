"""Recognise and normalise clip links (TikTok, YouTube, Instagram, web pages, direct media) without the network."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from studycompanion.core.capture.errors import UnsupportedSite


class UnsupportedLink(UnsupportedSite):
    """The text is not a link we can download a clip from."""


@dataclass(frozen=True)
class LinkRef:
    """A recognised link: (platform, platform_id) identifies the clip, url is the canonical form to fetch.

    `resolved` is False for short links (vm.tiktok.com/...) whose real id is only known after following
    the redirect; their platform_id is then the short code, prefixed with "short:".
    """

    platform: str
    platform_id: str
    url: str
    resolved: bool = True

    @property
    def key(self) -> tuple[str, str]:
        return (self.platform, self.platform_id)


TIKTOK = "tiktok"
YOUTUBE = "youtube"
INSTAGRAM = "instagram"
WEB = "web"  # a page (og:video, embeds) handled by yt-dlp's generic extractor
DIRECT = "direct"  # a media file URL

MEDIA_EXTENSIONS = frozenset({"mp4", "m4v", "mov", "webm", "mkv", "m3u8", "mp3", "m4a", "ogg", "oga", "wav", "opus"})

# Query parameters that only track who shared what; dropped so two shares of one page dedupe.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|igsh|igshid|si|feature|is_from_webapp|sender_device|sender_web_id|"
    r"is_copy_url|web_id|_r|_t|share_app_id|share_link_id|share_item_id|tt_from|u_code|timestamp|"
    r"ref|ref_src|ref_url|mc_cid|mc_eid|pp|lang)$",
    re.IGNORECASE,
)

_YT_ID = r"[A-Za-z0-9_-]{11}"
_TIKTOK_ID = r"\d{6,25}"
_IG_CODE = r"[A-Za-z0-9_-]{5,60}"
_HOST_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_TRAILING_JUNK = ".,;:!?)]}<>'\"»”’"  # "<" too: "http://x/<?" left a "<" the next pass took off


def normalise(text: str) -> LinkRef:
    """The LinkRef for a link as a student pastes it; raises UnsupportedLink for anything else."""
    raw = text
    url = _clean(text)
    if not url:
        raise UnsupportedLink("That is not a link.", f"empty input: {raw!r}")
    if "://" not in url:
        if re.match(r"^[\w.-]+\.[a-z]{2,}(:\d+)?(/|$)", url, re.IGNORECASE):
            url = "https://" + url
        else:
            raise UnsupportedLink(f"'{_short(raw)}' is not a link.", f"no scheme: {raw!r}")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsupportedLink(f"'{_short(raw)}' is not a valid link.", str(exc)) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsupportedLink(
            f"Only web links (http/https) can be added, not '{scheme}:' links.", f"scheme {scheme!r} in {raw!r}"
        )
    host = (parts.hostname or "").lower().rstrip(".")
    if not _valid_host(host):
        raise UnsupportedLink(f"'{_short(raw)}' has no valid web address.", f"host {host!r} in {raw!r}")
    path = parts.path or "/"
    query = parts.query

    for recognise in (_tiktok, _youtube, _instagram):
        ref = recognise(host, path, query)
        if ref is not None:
            return ref

    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING.match(k)]
    canonical = urlunsplit((scheme, netloc, path, urlencode(kept), ""))
    ext = path.rsplit("/", 1)[-1].rpartition(".")[2].lower() if "." in path.rsplit("/", 1)[-1] else ""
    platform = DIRECT if ext in MEDIA_EXTENSIONS else WEB
    return LinkRef(platform, canonical, canonical)


def try_normalise(text: str) -> LinkRef | None:
    try:
        return normalise(text)
    except UnsupportedLink:
        return None


def _clean(text: str) -> str:
    url = (text or "").strip().strip("<>").strip()
    # A link pasted from a chat often carries punctuation or a closing bracket after it.
    while url and url[-1] in _TRAILING_JUNK:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    if any(c.isspace() for c in url):
        # Keep only the first token that looks like a link ("look at this https://vm.tiktok.com/x/ !")
        for token in url.split():
            if "://" in token or token.lower().startswith("www."):
                return _clean(token)
        return ""
    return url


def _valid_host(host: str) -> bool:
    if not host or len(host) > 253:
        return False
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", host):
        return all(0 <= int(p) <= 255 for p in host.split("."))
    if host.startswith("[") or ":" in host:  # IPv6 literal (urlsplit strips the brackets)
        return True
    labels = host.split(".")
    return all(_HOST_LABEL.match(label) for label in labels) and (len(labels) >= 2 or host == "localhost")


def _is(host: str, *domains: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _tiktok(host: str, path: str, query: str) -> LinkRef | None:
    if host in ("vm.tiktok.com", "vt.tiktok.com"):
        m = re.match(r"^/(?P<code>[A-Za-z0-9_-]+)/?$", path)
        if m:
            code = m["code"]
            return LinkRef(TIKTOK, f"short:{code}", f"https://{host}/{code}/", resolved=False)
        raise UnsupportedLink("That TikTok short link is incomplete.", f"path {path!r} on {host}")
    if not _is(host, "tiktok.com", "tiktokv.com"):
        return None
    patterns = (
        rf"^/@(?P<user>[\w.-]*)/(?:video|photo)/(?P<id>{_TIKTOK_ID})/?$",
        rf"^/(?:share/video|embed(?:/v2)?|v)/(?P<id>{_TIKTOK_ID})(?:\.html)?/?$",
        rf"^/i18n/share/video/(?P<id>{_TIKTOK_ID})/?$",
    )
    for pattern in patterns:
        m = re.match(pattern, path)
        if m:
            user = m.groupdict().get("user") or ""
            vid = m["id"]
            return LinkRef(TIKTOK, vid, f"https://www.tiktok.com/@{user}/video/{vid}")
    m = re.match(r"^/t/(?P<code>[A-Za-z0-9_-]+)/?$", path)
    if m:
        code = m["code"]
        return LinkRef(TIKTOK, f"short:{code}", f"https://www.tiktok.com/t/{code}/", resolved=False)
    item = dict(parse_qsl(query)).get("item_id") or dict(parse_qsl(query)).get("share_item_id")
    if item and re.fullmatch(_TIKTOK_ID, item):
        return LinkRef(TIKTOK, item, f"https://www.tiktok.com/@/video/{item}")
    raise UnsupportedLink(
        "That TikTok link is not a single video (profiles, sounds and tags cannot be added).", f"path {path!r}"
    )


def _youtube(host: str, path: str, query: str) -> LinkRef | None:
    vid: str | None = None
    shorts = False
    if host == "youtu.be" or host == "www.youtu.be":
        m = re.match(rf"^/({_YT_ID})/?$", path)
        vid = m[1] if m else None
    elif _is(host, "youtube.com", "youtube-nocookie.com"):
        m = re.match(rf"^/(shorts|embed|live|v|e)/({_YT_ID})/?$", path)
        if m:
            vid, shorts = m[2], m[1] == "shorts"
        elif path.rstrip("/") == "/watch":
            v = dict(parse_qsl(query)).get("v", "")
            vid = v if re.fullmatch(_YT_ID, v) else None
    else:
        return None
    if vid is None:
        raise UnsupportedLink(
            "That YouTube link is not a single video (channels and playlists cannot be added).",
            f"host {host!r} path {path!r} query {query!r}",
        )
    url = f"https://www.youtube.com/shorts/{vid}" if shorts else f"https://www.youtube.com/watch?v={vid}"
    return LinkRef(YOUTUBE, vid, url)


def _instagram(host: str, path: str, query: str) -> LinkRef | None:
    if not _is(host, "instagram.com", "instagr.am"):
        return None
    m = re.match(rf"^(?:/[\w.]+)?/(?:reels?|p|tv)/(?P<code>{_IG_CODE})/?$", path)
    if m is None:
        raise UnsupportedLink(
            "That Instagram link is not a single reel or post (profiles and stories cannot be added).",
            f"path {path!r}",
        )
    code = m["code"]
    return LinkRef(INSTAGRAM, code, f"https://www.instagram.com/reel/{code}/")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
