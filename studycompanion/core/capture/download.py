"""Capture clips from the web with yt-dlp used as a library: download, metadata, progress, cancel, typed errors."""

from __future__ import annotations

import functools
import json
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from studycompanion.core.capture import metadata as meta
from studycompanion.core.capture import remux
from studycompanion.core.capture.env import YdlLogger, deno_exe, doctor_info
from studycompanion.core.capture.errors import (
    CaptureCancelled,
    CaptureError,
    NoVideoFound,
    Unreachable,
    classify,
)
from studycompanion.core.capture.files import TruncatedMedia, inspect_download
from studycompanion.core.capture.links import (
    DIRECT,
    INSTAGRAM,
    TIKTOK,
    WEB,
    YOUTUBE,
    LinkRef,
    UnsupportedLink,
    normalise,
)
from studycompanion.core.errors import BadInput, JobCancelled
from studycompanion.core.types import CapturedClip
from studycompanion.paths import AppPaths

__all__ = [
    "CaptureOptions", "Capturer", "DownloadProgress", "LinkRef", "UnsupportedLink", "doctor_info", "make_step",
    "normalise",
]

log = logging.getLogger(__name__)
META_BYTES = 256 * 1024  # enough of a page for its <head> (og:site_name)

# A single-file mp4 of 720-1080p wins (TikTok, Instagram, most pages); otherwise the best mp4 video up to
# 1080p merged with m4a audio (YouTube) by PyAV (core/capture/remux.py, no ffmpeg binary); then anything playable.
FORMAT = (
    "b[ext=mp4][height<=?{h}][height>=?720]/bv*[ext=mp4][height<=?{h}]+ba[ext=m4a]/b[ext=mp4][height<=?{h}]"
    "/bv*[height<=?{h}]+ba/b[height<=?{h}]/b/bv*+ba"
)
MEDIA_NAME = "media"
INFO_NAME = "info.json"
THUMB_NAME = "thumb.jpg"
_PLATFORM_OF_EXTRACTOR = {"tiktok": TIKTOK, "youtube": YOUTUBE, "instagram": INSTAGRAM}


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class DownloadProgress:
    downloaded: int
    total: int | None
    speed: float | None  # bytes per second
    eta: float | None  # seconds left

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return max(0.0, min(1.0, self.downloaded / self.total))

    def message(self) -> str:
        done = f"{self.downloaded / 1e6:.1f}"
        text = f"{done} of {self.total / 1e6:.1f} MB" if self.total else f"{done} MB"
        if self.speed:
            text += f" at {self.speed / 1e6:.1f} MB/s"
        return text


ProgressCallback = Callable[[DownloadProgress], None]


@dataclass(frozen=True)
class CaptureOptions:
    """The settings capture reads (cookies live in settings.json, never in the database)."""

    max_height: int = 1080
    retries: int = 5
    timeout: float = 20.0
    cookies_browser: str = ""  # "firefox", "chrome:Profile 1", ...
    cookies_file: str = ""

    @classmethod
    def from_settings(cls, settings: object) -> CaptureOptions:
        def get(name: str, default: Any) -> Any:
            value = getattr(settings, name, default)
            return value if isinstance(value, type(default)) else default

        return cls(
            max_height=get("capture_max_height", 1080),
            retries=get("capture_retries", 5),
            timeout=float(get("capture_timeout", 20)),
            cookies_browser=get("cookies_browser", "").strip(),
            cookies_file=get("cookies_file", "").strip(),
        )


class _Stop(Exception):
    """Raised inside yt-dlp's progress hook to stop a download (subclasses DownloadCancelled at runtime)."""


@functools.cache
def _stop_class() -> type[Exception]:
    from yt_dlp.utils import DownloadCancelled

    return type("CaptureStop", (DownloadCancelled, _Stop), {"msg": "Download stopped"})


def _subtitles_failed(exc: BaseException) -> bool:
    """yt-dlp stopped over the clip's optional subtitle track (a 404, a rate limit on it), not the clip itself."""
    return "Unable to download video subtitles" in str(exc)


class Capturer:
    """Downloads one clip per call into a folder it is given; the library moves the files in afterwards."""

    def __init__(self, paths: AppPaths, settings: object) -> None:
        self.paths = paths
        self.settings = settings
        # downloads still running per folder (a cancelled one may linger; the next waits for it). Built once in
        # services.py, so every step of one library shares this.
        self._inflight: dict[Path, threading.Thread] = {}
        self._inflight_lock = threading.Lock()

    @property
    def options(self) -> CaptureOptions:
        return CaptureOptions.from_settings(self.settings)  # read each time: settings can change in the app

    def ydl_options(self, dest_dir: Path, hook: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
        o = self.options
        opts: dict[str, Any] = {
            "outtmpl": {"default": str(dest_dir / f"{MEDIA_NAME}.%(ext)s")},
            "paths": {"home": str(dest_dir), "temp": str(dest_dir)},
            "format": FORMAT.format(h=o.max_height),
            "format_sort": [f"res:{o.max_height}", "ext:mp4:m4a", "vcodec:h264"],
            "merge_output_format": "mp4",
            "noplaylist": True,
            "playlist_items": "1",
            "writethumbnail": True,
            # the clip's own subtitles, when it has them (not the automatic ones): to compare or use instead
            "writesubtitles": True,
            "writeautomaticsub": False,
            "subtitleslangs": ["en.*", "en"],
            "subtitlesformat": "vtt/srt",  # what core/capture/subtitles.py reads
            "retries": o.retries,  # None (the library default) would mean no retry at all
            "fragment_retries": o.retries,
            "extractor_retries": 2,
            "file_access_retries": 3,
            "continuedl": True,
            "socket_timeout": o.timeout,
            "quiet": True,
            "noprogress": True,
            "no_color": True,
            "logger": YdlLogger(),
            "progress_hooks": [hook] if hook else [],
            "updatetime": False,
            "cachedir": str(self.paths.root / "cache" / "yt-dlp"),
        }
        remux.install()  # yt-dlp merges video + audio with PyAV (issue 17: no ffmpeg executable ships)
        opts["fixup"] = "never"  # fixups need an ffmpeg executable; never a system one
        if deno := deno_exe():
            opts["js_runtimes"] = {"deno": {"path": deno}}
        if o.cookies_file:
            opts["cookiefile"] = o.cookies_file
        elif o.cookies_browser:
            browser, _, profile = o.cookies_browser.partition(":")
            opts["cookiesfrombrowser"] = (browser.strip().lower(), profile.strip() or None, None, None)
        return opts

    # ---- download ---------------------------------------------------------------------------------

    def download(
        self,
        url: str,
        dest_dir: Path,
        progress_cb: ProgressCallback | None = None,
        cancel_event: CancelFlag | None = None,
    ) -> CapturedClip:
        """Download `url` into `dest_dir` (a partial file there is resumed) and describe what came back."""
        ref = normalise(url)
        dest_dir = Path(dest_dir)
        dest_dir.mkdir(parents=True, exist_ok=True)
        self._wait_for_previous(dest_dir, cancel_event)
        stop = threading.Event()
        sizes: dict[str, tuple[int, int | None]] = {}
        sized: set[str] = set()
        stop_cls = _stop_class()

        def hook(d: dict[str, Any]) -> None:
            if stop.is_set() or (cancel_event is not None and cancel_event.is_set()):
                stop.set()
                raise stop_cls("Download stopped")
            if d.get("status") == "downloading" and d.get("total_bytes"):
                sized.add(str(d.get("filename")))  # the server said how big: yt-dlp checks the length
            if progress_cb is None or d.get("status") not in ("downloading", "finished"):
                return
            total = d.get("total_bytes") or d.get("total_bytes_estimate")
            sizes[str(d.get("filename"))] = (int(d.get("downloaded_bytes") or 0), int(total) if total else None)
            known = [t for _, t in sizes.values()]
            try:
                progress_cb(DownloadProgress(
                    downloaded=sum(b for b, _ in sizes.values()),
                    total=sum(t for t in known if t) if all(known) else None,
                    speed=d.get("speed"), eta=d.get("eta"),
                ))
            except JobCancelled:
                stop.set()
                raise stop_cls("Download stopped") from None

        box: dict[str, Any] = {}

        def work() -> None:
            from yt_dlp import YoutubeDL

            opts = self.ydl_options(dest_dir, hook)
            for attempt in (1, 2):
                try:
                    with YoutubeDL(opts) as ydl:
                        info = ydl.extract_info(ref.url, download=True)
                        box["info"] = ydl.sanitize_info(info)
                        if ref.platform == WEB:  # the page's own name (og:site_name) and title, from its <head>
                            box["page"] = self._page_meta(ydl, ref.url)
                    return
                except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                    if attempt == 1 and _subtitles_failed(exc):  # they are a bonus: never lose the clip over them
                        log.info("subtitles of %s could not be fetched (%s); capturing without them", ref.url, exc)
                        opts = {**opts, "writesubtitles": False}
                        continue
                    box["error"] = exc
                    return

        if cancel_event is None:
            work()
        else:
            # yt-dlp blocks in socket reads; a worker thread lets us return within a second of a cancel
            # even from a stalled server. The abandoned worker stops at its next read or time-out.
            thread = threading.Thread(target=work, name=f"capture {dest_dir.name}", daemon=True)
            with self._inflight_lock:
                self._inflight[dest_dir] = thread
            thread.start()
            while thread.is_alive():
                thread.join(0.05)
                if cancel_event.is_set() and thread.is_alive():
                    stop.set()
                    thread.join(0.3)
                    if thread.is_alive():
                        raise CaptureCancelled("Download stopped.")  # the thread stays listed until it ends
            with self._inflight_lock:
                if self._inflight.get(dest_dir) is thread:
                    del self._inflight[dest_dir]
        if "error" in box:
            raise classify(box["error"], ref.url, web_page=ref.platform in (WEB, DIRECT)) from box["error"]
        if stop.is_set():
            raise CaptureCancelled("Download stopped.")
        info = box["info"]
        page: meta.PageMeta | None = box.get("page")
        if page is not None:
            info = {**info, "site_name": page.site_name,
                    # yt-dlp numbers the videos of a page with several ("Title (1)"): the clip has the page's title
                    "title": meta.entry_title(info.get("title"), page.title)}
        return self._describe(ref, info, dest_dir, length_checked=bool(sized))

    @staticmethod
    def _page_meta(ydl: Any, url: str) -> meta.PageMeta:
        """og:site_name and og:title of a web page, through yt-dlp's opener (same proxy and headers)."""
        try:
            with ydl.urlopen(url) as response:
                html = response.read(META_BYTES).decode("utf-8", "replace")
        except Exception as exc:  # noqa: BLE001 - a name is a nicety: never fail a download for it
            log.info("no page metadata for %s: %s", url, exc)
            return meta.PageMeta()
        return meta.page_meta(html)

    def _wait_for_previous(self, dest_dir: Path, cancel_event: CancelFlag | None) -> None:
        """A cancelled download may still be unwinding in its thread: never let two write the same file."""
        with self._inflight_lock:
            previous = self._inflight.get(dest_dir)
        while previous is not None and previous.is_alive():
            if cancel_event is not None and cancel_event.is_set():
                raise CaptureCancelled("Download stopped.")
            previous.join(0.1)

    def _describe(self, ref: LinkRef, info: dict[str, Any], dest_dir: Path, length_checked: bool) -> CapturedClip:
        if info.get("_type") == "playlist":  # a page with several videos: the first one was downloaded
            entries = [e for e in info.get("entries") or [] if isinstance(e, dict)]
            if not entries:
                raise NoVideoFound("No video was found on that page.", f"empty playlist from {ref.url}")
            page = info
            info = {**entries[0]}
            for key in ("title", "description", "thumbnail", "site_name"):
                if not info.get(key) and page.get(key):
                    info[key] = page[key]
            info["title"] = meta.entry_title(info.get("title"), page.get("title"))  # no "Title (1)"
        media_file = self._media_file(info, dest_dir)
        thumb = self._downloaded_thumbnail(info)
        try:
            probed, frame = inspect_download(media_file, None if thumb else dest_dir / THUMB_NAME,
                                             verify_end=not length_checked)
        except TruncatedMedia as exc:
            media_file.unlink(missing_ok=True)
            raise Unreachable("The download ended before the end of the clip (the connection broke off). "
                              "Retry to download it again.", exc.detail or exc.message) from exc
        except BadInput as exc:
            media_file.unlink(missing_ok=True)
            raise NoVideoFound("The link gave a file that is not a playable video.", exc.message) from exc
        platform, platform_id, source_url = self._identity(ref, info)
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
        clip.subtitles_file = self._downloaded_subtitles(info)
        return clip

    @staticmethod
    def _identity(ref: LinkRef, info: dict[str, Any]) -> tuple[str, str, str]:
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

    @staticmethod
    def _media_file(info: dict[str, Any], dest_dir: Path) -> Path:
        for item in info.get("requested_downloads") or []:
            path = item.get("filepath") or item.get("filename")
            if path and Path(path).is_file():
                return Path(path)
        skip = {".part", ".ytdl", ".json", ".jpg", ".jpeg", ".png", ".webp", ".temp"}
        found = [p for p in dest_dir.glob(f"{MEDIA_NAME}.*") if p.suffix.lower() not in skip and p.is_file()]
        if not found:
            raise NoVideoFound("Nothing playable was downloaded from that link.", f"no media file in {dest_dir}")
        return max(found, key=lambda p: p.stat().st_size)

    @staticmethod
    def _downloaded_subtitles(info: dict[str, Any]) -> Path | None:
        """The subtitle file yt-dlp wrote for the clip, if it has one (English first)."""
        subs = info.get("requested_subtitles") or {}
        for _lang, sub in sorted(subs.items(), key=lambda kv: not str(kv[0]).startswith("en")):
            path = sub.get("filepath") if isinstance(sub, dict) else None
            if path and Path(path).suffix.lower() in (".vtt", ".srt") and Path(path).is_file() \
                    and Path(path).stat().st_size > 0:
                return Path(path)
        return None

    @staticmethod
    def _downloaded_thumbnail(info: dict[str, Any]) -> Path | None:
        """The platform's (or og:image) thumbnail yt-dlp wrote, if any."""
        for thumb in reversed(info.get("thumbnails") or []):
            path = thumb.get("filepath") if isinstance(thumb, dict) else None
            if path and Path(path).is_file() and Path(path).stat().st_size > 0:
                return Path(path)
        return None


# ---- the pipeline step ----------------------------------------------------------------------------


def incoming_dir(paths: AppPaths, video_id: int) -> Path:
    """Where a clip's download lands before the library moves it in (stable, so a retry resumes)."""
    return paths.incoming(video_id)


def _is_resumable(exc: BaseException) -> bool:
    from studycompanion.core.capture.errors import RateLimited

    return isinstance(exc, (JobCancelled, Unreachable, RateLimited))


def clean_stale_incoming(paths: AppPaths, max_age_days: float = 14) -> int:
    """Remove partial downloads nobody retried for a long time."""
    folder = paths.media / ".incoming"
    removed = 0
    cutoff = time.time() - max_age_days * 86400
    for path in folder.glob("capture-*") if folder.is_dir() else []:
        try:
            if path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


def make_step(library: Any, capturer: Capturer, paths: AppPaths) -> Callable[[Any], None]:
    """The JobStep.CAPTURE handler: download the clip's source_url and attach it to the library."""
    clean_stale_incoming(paths)

    def step(ctx: Any) -> None:
        if ctx.video_id is None:
            raise CaptureError("This capture job has no clip.")
        video = library.get(ctx.video_id)
        dest = incoming_dir(paths, ctx.video_id)
        ctx.progress(0.0, "Connecting…")

        class _Cancel:
            def is_set(self) -> bool:
                return bool(ctx.cancelled())

        def on_progress(p: DownloadProgress) -> None:
            fraction = p.fraction
            ctx.progress(None if fraction is None else fraction * 0.98, p.message(), p.eta)

        try:
            clip = capturer.download(video.source_url, dest, on_progress, _Cancel())
            existing = library.find(clip.platform, clip.platform_id)
            if existing is not None and existing.id != ctx.video_id:
                raise CaptureError(f"This clip is already in the library (#{existing.id}).",
                                   f"{clip.platform}:{clip.platform_id}")
            library.attach_capture(ctx.video_id, clip)
        except BaseException as exc:
            if ctx.payload.get("discard_on_failure") or not _is_resumable(exc):
                shutil.rmtree(dest, ignore_errors=True)
            raise
        shutil.rmtree(dest, ignore_errors=True)
        ctx.progress(1.0, "Downloaded")

    return step
