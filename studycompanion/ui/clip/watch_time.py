"""Counts how long a clip really played, and hands it to the interest profile when the clip is left."""

from __future__ import annotations

import time
from collections.abc import Callable


class WatchTimer:
    """Fed by the player's playing/paused changes; `flush()` returns (video id, seconds) once per clip."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._video_id: int | None = None
        self._since: float | None = None
        self._seconds = 0.0

    def start_clip(self, video_id: int | None) -> None:
        self._video_id, self._since, self._seconds = video_id, None, 0.0

    def playing(self, on: bool) -> None:
        now = self._clock()
        if on and self._since is None:
            self._since = now
        elif not on and self._since is not None:
            self._seconds += now - self._since
            self._since = None

    def flush(self) -> tuple[int, float] | None:
        """What was watched since the last flush (None below a second: a click is not a view)."""
        self.playing(False)
        video_id, seconds = self._video_id, self._seconds
        self._seconds = 0.0
        if video_id is None or seconds < 1.0:
            return None
        return video_id, seconds
