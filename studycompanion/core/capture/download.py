"""Capture clips from the web with yt-dlp used as a library: download, metadata, progress, cancel, typed errors.

What came back is described in describe.py, the options and progress live in options.py and the pipeline step in
step.py; this module owns the yt-dlp run (options, worker thread, cancel, retry without subtitles) and re-exports
those names so callers keep importing them from here.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studycompanion.core.capture import metadata as meta
from studycompanion.core.capture import remux
from studycompanion.core.capture.describe import INFO_NAME, MEDIA_NAME, THUMB_NAME, describe, platform_identity
from studycompanion.core.capture.env import YdlLogger, deno_exe, doctor_info
from studycompanion.core.capture.errors import CaptureCancelled, classify
from studycompanion.core.capture.links import DIRECT, WEB, YOUTUBE, LinkRef, UnsupportedLink, normalise
from studycompanion.core.capture.options import CancelFlag, CaptureOptions, DownloadProgress, ProgressCallback
from studycompanion.core.errors import JobCancelled
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CapturedClip
from studycompanion.paths import AppPaths

__all__ = [
    "FORMAT", "INFO_NAME", "MEDIA_NAME", "THUMB_NAME", "CancelFlag", "CaptureOptions", "Capturer", "DownloadProgress",
    "LinkRef", "ProgressCallback", "UnsupportedLink", "doctor_info", "normalise",
]  # the pipeline step (make_step, incoming_dir, clean_stale_incoming) lives in core/capture/step.py

log = logging.getLogger(__name__)
META_BYTES = 256 * 1024  # enough of a page for its <head> (og:site_name)

# A single-file mp4 of 720-1080p wins (TikTok, Instagram, most pages); otherwise the best mp4 video up to
# 1080p merged with m4a audio (YouTube) by PyAV (core/capture/remux.py, no ffmpeg binary); then anything playable.
FORMAT = (
    "b[ext=mp4][height<=?{h}][height>=?720]/bv*[ext=mp4][height<=?{h}]+ba[ext=m4a]/b[ext=mp4][height<=?{h}]"
    "/bv*[height<=?{h}]+ba/b[height<=?{h}]/b/bv*+ba"
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


FETCHING_DENO = QT_TRANSLATE_NOOP("CaptureProgress", "Fetching YouTube support (deno, once)")


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
        if deno := deno_exe(self.paths.root):
            opts["js_runtimes"] = {"deno": {"path": deno}}
        if o.cookies_file:
            opts["cookiefile"] = o.cookies_file
        elif o.cookies_browser:
            browser, _, profile = o.cookies_browser.partition(":")
            opts["cookiesfrombrowser"] = (browser.strip().lower(), profile.strip() or None, None, None)
        return opts

    # ---- download ---------------------------------------------------------------------------------

    def _ensure_js_runtime(self, progress_cb: ProgressCallback | None, cancel_event: CancelFlag | None) -> None:
        """YouTube's formats need deno; the desktop bundle leaves it out, so the first YouTube link fetches it
        (core/capture/deno_fetch.py: 40 MB once, pinned and checked). When it cannot be fetched (PyPI blocked, a
        full disk) the download goes on without it, as yt-dlp can still find some of YouTube's formats; the
        reason goes to the log. A cancel stops the fetch, or the wait for another download's fetch."""
        if deno_exe(self.paths.root) is not None:
            return
        from studycompanion.core.capture.deno_fetch import DenoUnavailable, fetch_deno

        def progress(done: int, total: int, _name: str) -> None:
            if progress_cb is not None:
                progress_cb(DownloadProgress(downloaded=done, total=total or None, speed=None, eta=None,
                                             note=FETCHING_DENO()))

        try:
            fetch_deno(self.paths.root, progress=progress, cancel=cancel_event, timeout=self.options.timeout)
        except DenoUnavailable as exc:
            log.warning("YouTube without a JS runtime (some formats may be missing): %s (%s)", exc.message,
                        exc.detail)

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
        if ref.platform == YOUTUBE:
            self._ensure_js_runtime(progress_cb, cancel_event)
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
        return describe(ref, info, dest_dir, length_checked=bool(sized))

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

    _identity = staticmethod(platform_identity)  # (platform, id, url) to store; see describe.py
