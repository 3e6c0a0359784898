"""The yt-dlp environment: deno, the PyAV merger (no ffmpeg binary), yt-dlp's logger, and what `doctor` reports."""

from __future__ import annotations

import functools
import logging
import shutil
from pathlib import Path
from typing import Any

log = logging.getLogger("studycompanion.core.capture.download")


def merger() -> str:
    """What joins separate video and audio downloads: PyAV's FFmpeg libraries (core/capture/remux.py), never an
    ffmpeg executable (issue 17: imageio-ffmpeg's 172 MB GPL binary was bundled for this alone)."""
    import av

    return f"PyAV {av.__version__}"


@functools.cache
def _installed_deno() -> str | None:
    """The deno binary of the `deno` wheel, else a system one."""
    try:
        import deno

        path = deno.find_deno_bin()
        if path:
            return str(path)
    except Exception:  # noqa: BLE001 - the wheel is missing (the desktop bundle) or has no binary
        pass
    return shutil.which("deno")


def deno_exe(root: Path | None = None) -> str | None:
    """The deno yt-dlp-ejs runs YouTube's JS challenges with: the wheel's, a system one, or the one fetched
    into the library at `root` on a first YouTube link (core/capture/deno_fetch.py)."""
    installed = _installed_deno()
    if installed or root is None:
        return installed
    from studycompanion.core.capture.deno_fetch import fetched_deno

    fetched = fetched_deno(root)
    return str(fetched) if fetched else None


class YdlLogger:
    """yt-dlp's messages go to our log file, not the terminal."""

    def debug(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)

    def info(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)

    def warning(self, msg: str) -> None:
        if "Falling back on generic information extractor" not in msg:
            log.info("yt-dlp warning: %s", msg)

    def error(self, msg: str) -> None:
        log.info("yt-dlp error: %s", msg)


# ---- doctor -----------------------------------------------------------------------------------------


def doctor_info(root: Path | None = None) -> dict[str, Any]:
    """yt-dlp version, whether TikTok impersonation and a JS runtime (YouTube) are available, ffmpeg."""
    out: dict[str, Any] = {}
    try:
        from yt_dlp import YoutubeDL
        from yt_dlp.version import __version__ as ytdlp_version

        out["yt_dlp"] = ytdlp_version
        with YoutubeDL({"quiet": True, "logger": YdlLogger()}) as ydl:
            targets = ydl._get_available_impersonate_targets()  # noqa: SLF001 - no public API yet
        out["impersonation"] = bool(targets)
        out["impersonate_targets"] = list(dict.fromkeys(str(t[0]) for t in targets))[:6]  # newest first
    except Exception as exc:  # noqa: BLE001 - doctor reports, never fails
        out.setdefault("yt_dlp", None)
        out["impersonation"] = False
        out["error"] = str(exc)
    out["js_runtime"] = _js_runtime(root)
    out["js_runtime_available"] = out["js_runtime"] is not None
    try:
        from importlib.metadata import version

        out["yt_dlp_ejs"] = version("yt-dlp-ejs")
    except Exception:  # noqa: BLE001
        out["yt_dlp_ejs"] = None
    out["merger"] = merger()
    return out


def _js_runtime(root: Path | None) -> str | None:
    path = deno_exe(root)
    if not path:
        return None
    try:
        from yt_dlp.utils._jsruntime import DenoJsRuntime

        info = DenoJsRuntime(path).info
        if info is None:
            return None
        return f"deno {info.version}" + ("" if info.supported else " (too old)")
    except Exception:  # noqa: BLE001
        return f"deno ({path})"
