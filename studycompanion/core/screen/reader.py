"""`read_screen_text`: a clip's on-screen text lines, read where the text changed and merged over time."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from studycompanion.core.errors import BadInput
from studycompanion.core.screen.engine import OcrEngine, OcrRead
from studycompanion.core.screen.merge import MergeSettings, ScreenLine, TimedRead, join_fragments, merge_reads
from studycompanion.core.screen.sampling import Sample, SamplingSettings, sample_frames

HISTORY = 6  # samples of edge maps kept to date a new line back to when its pixels first appeared
AGREEMENT = 0.5  # share of a line's edge pixels also present in an earlier sample for it to count as shown then


@dataclass
class ReadStats:
    """What one read did (for the benchmark and the job's note)."""

    samples: int = 0
    ocr_calls: int = 0
    ocr_rows: int = 0  # full-frame rows passed to OCR, summed over calls
    frame_rows: int = 0  # rows of one frame
    duration: float = 0.0


def _merge_bands(bands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for y0, y1 in sorted(bands):
        if out and y0 <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], y1))
        else:
            out.append((y0, y1))
    return out


def _grow_bands(bands: list[tuple[int, int]], state: list[TimedRead], height: int) -> list[tuple[int, int]]:
    """Bands grown to cover whole lines already on screen that they cut, so a line is read whole or not at all."""
    bands = _merge_bands(bands)
    changed = True
    while changed:
        changed = False
        for timed in state:
            r = timed.read
            for i, (y0, y1) in enumerate(bands):
                if r.y1 > y0 and r.y0 < y1 and (r.y0 < y0 or r.y1 > y1):
                    pad = 0.25 * (r.y1 - r.y0)
                    bands[i] = (max(0, int(min(y0, r.y0 - pad))), min(height, int(max(y1, r.y1 + pad) + 1)))
                    changed = True
        bands = _merge_bands(bands)
    return bands


def _inside(timed: TimedRead, bands: list[tuple[int, int]]) -> bool:
    centre = (timed.read.y0 + timed.read.y1) / 2
    return any(y0 <= centre < y1 for y0, y1 in bands)


def _first_seen(read: OcrRead, sample: Sample, history: deque[tuple[float, np.ndarray]], interval: float) -> float:
    """The earliest sample time whose edges already showed this line (half an interval before, at most)."""
    s = sample.scale
    y0, y1 = int(read.y0 / s), int(np.ceil(read.y1 / s))
    x0, x1 = int(read.x0 / s), int(np.ceil(read.x1 / s))
    now = sample.edges[y0:y1, x0:x1]
    total = int(now.sum())
    first = sample.t
    if total == 0:
        return max(0.0, first - interval / 2)
    for t, edges in reversed(history):
        before = edges[y0:y1, x0:x1]
        if before.shape != now.shape or (now & before).sum() < AGREEMENT * total:
            break
        first = t
    if first <= interval * 0.75:  # on screen from the first frame
        return 0.0
    return max(0.0, first - interval / 2)


def read_screen_text(
    path: Path,
    engine: OcrEngine,
    *,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
    sampling: SamplingSettings | None = None,
    merging: MergeSettings | None = None,
    stats: ReadStats | None = None,
) -> list[ScreenLine]:
    """The clip's on-screen text lines, by time (top to bottom within a block); [] when it shows none.

    Raises BadInput for a file that is not a readable video, JobCancelled when `should_stop` returns True
    (checked every sampled frame, so within a fraction of a second)."""
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"{path} does not exist.")
    s = sampling or SamplingSettings()
    st = stats if stats is not None else ReadStats()
    state: list[TimedRead] = []
    observations: list[tuple[float, list[TimedRead]]] = []
    history: deque[tuple[float, np.ndarray]] = deque(maxlen=HISTORY)
    width = height = 0
    last_t = 0.0
    for sample in sample_frames(path, s, should_stop=should_stop, progress=progress):
        st.samples += 1
        width, height = sample.frame.width, sample.frame.height
        st.frame_rows = height
        last_t = sample.t
        if sample.bands:
            bands = _grow_bands(sample.bands, state, height)
            image = sample.bgr()
            fresh: list[OcrRead] = []
            for y0, y1 in bands:
                st.ocr_calls += 1
                st.ocr_rows += y1 - y0
                for r in engine.read(image[y0:y1]):
                    fresh.append(OcrRead(text=r.text, score=r.score, x0=r.x0, y0=r.y0 + y0, x1=r.x1, y1=r.y1 + y0))
            fresh = join_fragments(fresh, (merging or MergeSettings()).join_gap)

            state = [timed for timed in state if not _inside(timed, bands)] + [
                TimedRead(read=r, first_seen=_first_seen(r, sample, history, s.interval)) for r in fresh
            ]
            observations.append((sample.t, list(state)))
        history.append((sample.t, sample.edges))
    st.duration = last_t + s.interval / 2
    if not observations or width == 0:
        return []
    return merge_reads(
        observations, width=width, height=height, interval=s.interval, end_time=st.duration, settings=merging
    )
