"""Watch time counts only the seconds a clip actually played, once per clip."""

from __future__ import annotations

from studycompanion.ui.clip.watch_time import WatchTimer


def test_counts_playing_time_once_and_ignores_a_click() -> None:
    now = [100.0]
    timer = WatchTimer(clock=lambda: now[0])
    timer.start_clip(7)
    timer.playing(True)
    now[0] += 12.0
    timer.playing(False)  # paused: the pause is not counted
    now[0] += 30.0
    timer.playing(True)
    now[0] += 3.0
    assert timer.flush() == (7, 15.0)  # leaving while it plays counts up to now
    assert timer.flush() is None  # once
    timer.start_clip(8)
    timer.playing(True)
    now[0] += 0.4
    assert timer.flush() is None  # under a second is a click, not a view
