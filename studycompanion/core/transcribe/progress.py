"""Transcription progress between the decoder's reports: how much of the clip is probably decoded by now.

The batched decoder reports nothing until a whole batch of 30 s chunks is done (on 2 cores that is 10-25 s of
wall time with base), so a bar fed only by finished segments sits still ("Transcribed 5 of 514 s" for 25 s). The
estimate moves it on at the measured pace (the audio seconds decoded per wall second so far; a guess from the
model until the first segments come) and never past what the decoder could have reached: the last finished
segment plus one batch. A real report always wins, and the bar never goes backwards (the engine keeps the
maximum).
"""

from __future__ import annotations

import time
from collections.abc import Callable

GUESS_RTF = {"tiny.en": 0.06, "tiny": 0.06, "base.en": 0.12, "base": 0.12, "small.en": 0.35, "small": 0.35}
DEFAULT_RTF = 0.5  # a model we have no figure for: slow, so the estimate stays behind rather than ahead
MIN_ELAPSED = 1.0  # seconds before the first estimate


class ProgressEstimate:
    def __init__(self, duration: float, lookahead: float, model: str = "",
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.duration = duration
        self.lookahead = lookahead  # seconds of audio one report can cover (a batch of chunks)
        self.rtf = GUESS_RTF.get(model, DEFAULT_RTF)
        self.clock = clock
        self.started = clock()
        self.covered = 0.0  # seconds of audio the decoder has reported as done
        self.reported_at = self.started  # when it last said so

    def real(self, covered: float) -> None:
        if covered > self.covered:
            self.covered, self.reported_at = covered, self.clock()

    def estimate(self) -> float | None:
        """Seconds of audio probably decoded by now, or None before there is anything to say."""
        elapsed = self.clock() - self.started
        if self.duration <= 0 or elapsed < MIN_ELAPSED:
            return None
        took = self.reported_at - self.started
        measured = self.covered > self.lookahead / 2 and took > 0
        pace = self.covered / took if measured else 1.0 / self.rtf  # audio seconds per wall second
        ahead = min(self.covered + (self.clock() - self.reported_at) * pace, self.covered + self.lookahead,
                    0.97 * self.duration)
        return ahead if ahead > self.covered else None
