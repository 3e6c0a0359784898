"""The JobStep.CAPTURE handler: download a clip's source_url into its incoming folder and attach it to the
library; partial downloads nobody retried are cleaned up.

Part of capture (core/capture/download.py re-exports every name here).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studycompanion.core.capture.errors import CaptureError, Unreachable
from studycompanion.core.capture.options import DownloadProgress
from studycompanion.core.errors import JobCancelled
from studycompanion.paths import AppPaths

if TYPE_CHECKING:
    from studycompanion.core.capture.download import Capturer


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
