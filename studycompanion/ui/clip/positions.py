"""Where each clip was left: the playback position per clip, kept in the library's data folder across restarts.

Resume works as in a video player: a clip opened again starts where it was left, unless it was watched to (nearly)
the end or barely started, which both start from the beginning.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MIN_RESUME = 2.0  # seconds: less than this is "not started"
END_MARGIN = 1.5  # seconds before the end: "watched to the end"
MAX_KEPT = 2000  # the oldest positions are dropped beyond this many clips


class PlaybackPositions:
    """video id -> seconds, in `positions.ini` beside the library (QSettings writes it lazily, off the hot path)."""

    FILE = "positions.ini"

    def __init__(self, root: Path) -> None:
        self.settings = QSettings(str(root / self.FILE), QSettings.Format.IniFormat)

    def get(self, video_id: int, duration: float | None = None) -> float | None:
        """Where to resume this clip, or None to start at the beginning."""
        value = self.settings.value(f"p/{video_id}")
        try:
            seconds = float(value) if value is not None else None
        except (TypeError, ValueError):
            return None
        if seconds is None or seconds < MIN_RESUME:
            return None
        if duration and seconds >= duration - END_MARGIN:
            return None
        return seconds

    def set(self, video_id: int, seconds: float, duration: float | None = None) -> None:
        if seconds < MIN_RESUME or (duration and seconds >= duration - END_MARGIN):
            self.settings.remove(f"p/{video_id}")
        else:
            self.settings.setValue(f"p/{video_id}", round(float(seconds), 2))
        self.settings.beginGroup("p")
        keys = self.settings.childKeys()
        self.settings.endGroup()
        if len(keys) > MAX_KEPT:
            for key in sorted(keys, key=int)[: len(keys) - MAX_KEPT]:
                self.settings.remove(f"p/{key}")

    def sync(self) -> None:
        self.settings.sync()
