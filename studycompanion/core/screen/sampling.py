"""Frame sampling for OCR: decode about 2 frames a second, say which rows of the frame hold changed text.

Overlay text stays put while the video under it moves, so the change measure works on *stable* edges: edges
of a small copy of the frame (about 180 px wide; a grey-level step, or a large step in one colour channel) that
were there in the last three samples with the grey level unchanged in between. A talking head, a panning
background or moving noise loses almost all of them; a caption that appears, changes or goes away changes the
stable edges in its cells. Cells (8 x 8 px of the small copy) whose stable edges differ from those at the last
read mark rows; neighbouring rows make bands (with two cells of margin), and only those bands of the full frame
are read. A clip whose text never changes is read once.

Decoding skips non-reference frames (B-frames), which halves decoding cost and still leaves several frames
per half second to pick from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import av
import av.error
import numpy as np

from studycompanion.core.errors import BadInput, JobCancelled
from studycompanion.core.media import container_duration


@dataclass(frozen=True)
class SamplingSettings:
    interval: float = 0.5  # seconds between samples (2 per second)
    analysis_width: int = 180  # width of the grey copy the change measure works on
    edge_threshold: int = 36  # grey-level step (0..255) that counts as an edge
    colour_threshold: int = 72  # ... or a step this large in one colour channel
    cell: int = 8  # cell size of the change map, in analysis pixels
    min_cell_change: int = 10  # changed edge pixels that make a cell count as changed
    min_change_ratio: float = 0.6  # ... and that share of the cell's edge pixels (old or new)
    margin_cells: int = 2  # rows of cells added above and below a changed band
    stable_samples: int = 3  # an edge must hold still over this many samples to count as text
    still_threshold: int = 14  # grey-level change between samples under which a pixel counts as not moving


@dataclass
class Sample:
    """One sampled frame: its time, its edge map, and the full-frame row bands whose text changed."""

    t: float
    frame: av.VideoFrame
    edges: np.ndarray  # bool, analysis size
    bands: list[tuple[int, int]] = field(default_factory=list)  # (y0, y1) rows of the full frame
    scale: float = 1.0  # full-frame pixels per analysis pixel

    def bgr(self) -> np.ndarray:
        return np.asarray(self.frame.to_ndarray(format="bgr24"))


def luma(image: np.ndarray) -> np.ndarray:
    """Grey level (0..255, int16) of an RGB image (BT.601 weights)."""
    if image.ndim == 2:
        return image.astype(np.int16)
    rgb = image.astype(np.int32)
    return ((rgb[..., 0] * 77 + rgb[..., 1] * 150 + rgb[..., 2] * 29) >> 8).astype(np.int16)


def _steps(values: np.ndarray, threshold: int) -> np.ndarray:
    v = values if values.ndim == 3 else values[:, :, None]
    edges = np.zeros(v.shape[:2], dtype=bool)
    dx = (np.abs(v[:, 1:] - v[:, :-1]) > threshold).any(axis=2)
    dy = (np.abs(v[1:, :] - v[:-1, :]) > threshold).any(axis=2)
    edges[:, :-1] |= dx
    edges[:, 1:] |= dx
    edges[:-1, :] |= dy
    edges[1:, :] |= dy
    return edges


def edge_map(image: np.ndarray, threshold: int, colour_threshold: int) -> np.ndarray:
    """Pixels on either side of a grey-level step above `threshold`, or of a step in one colour channel above
    `colour_threshold` (pink text on a grey wall has almost the wall's grey level)."""
    edges = _steps(luma(image), threshold)
    if image.ndim == 3 and colour_threshold > 0:
        edges |= _steps(image.astype(np.int16), colour_threshold)
    return edges


class ChangeDetector:
    """Keeps the stable edges seen at the last read and says which rows changed since."""

    def __init__(self, settings: SamplingSettings) -> None:
        self.settings = settings
        self._history: list[tuple[np.ndarray, np.ndarray]] = []
        self._reference: np.ndarray | None = None

    def update(self, image: np.ndarray, edges: np.ndarray) -> list[tuple[int, int]]:
        """Changed row bands (analysis rows, end exclusive) for this sample; updates the reference there.

        Stable edges: edge pixels in each of the last `stable_samples` samples whose grey level did not move
        in between (random texture and moving things keep almost none)."""
        s = self.settings
        if self._history and self._history[-1][0].shape != image.shape:
            self._history = []
        self._history = [*self._history[-(s.stable_samples - 1):], (image, edges)]
        if self._reference is None:
            self._reference = np.zeros_like(edges)
        if len(self._history) < s.stable_samples:
            return []
        stable = edges.copy()
        for (g0, e0), (g1, _e1) in zip(self._history, self._history[1:], strict=False):
            stable &= e0 & (np.abs(luma(g1) - luma(g0)) <= s.still_threshold)
        assert self._reference is not None
        reference = self._reference
        h, w = edges.shape
        rows, cols = h // s.cell, w // s.cell
        if rows == 0 or cols == 0:
            return []
        crop = (slice(0, rows * s.cell), slice(0, cols * s.cell))
        diff = (stable ^ reference)[crop].reshape(rows, s.cell, cols, s.cell).sum(axis=(1, 3))
        union = (stable | reference)[crop].reshape(rows, s.cell, cols, s.cell).sum(axis=(1, 3))
        changed = (diff >= s.min_cell_change) & (diff >= s.min_change_ratio * np.maximum(union, 1))
        changed_rows = np.flatnonzero(changed.any(axis=1))
        if changed_rows.size == 0:
            return []
        bands: list[tuple[int, int]] = []
        start = prev = int(changed_rows[0])
        for r in changed_rows[1:]:
            r = int(r)
            if r - prev > 2:  # a gap of more than one quiet row of cells ends a band
                bands.append((start, prev + 1))
                start = r
            prev = r
        bands.append((start, prev + 1))
        out: list[tuple[int, int]] = []
        for r0, r1 in bands:
            y0 = max(0, (r0 - s.margin_cells) * s.cell)
            y1 = min(h, (r1 + s.margin_cells) * s.cell)
            reference[y0:y1] = stable[y0:y1]
            out.append((y0, y1))
        return out


def sample_frames(
    path: Path,
    settings: SamplingSettings | None = None,
    *,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Iterator[Sample]:
    """Samples about every `interval` seconds, each with its changed bands; raises JobCancelled when asked to stop."""
    s = settings or SamplingSettings()
    stop = should_stop or (lambda: False)
    try:
        container = av.open(str(path), mode="r")
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise BadInput(f"{path.name} is not a video file StudyCompanion can read.", str(exc)) from exc
    with container:
        if not container.streams.video:
            return
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONREF"
        duration = container_duration(container)
        detector = ChangeDetector(s)
        next_t = 0.0
        try:
            for frame in container.decode(stream):
                if stop():
                    raise JobCancelled()
                t = frame.time
                if t is None or t + 1e-6 < next_t:
                    continue
                next_t = max(next_t + s.interval, t + s.interval * 0.5)
                width, height = frame.width, frame.height
                aw = min(s.analysis_width, width)
                ah = max(1, round(height * aw / width))
                small = frame.reformat(width=aw, height=ah, format="rgb24", interpolation="AREA").to_ndarray()
                image = np.asarray(small)
                edges = edge_map(image, s.edge_threshold, s.colour_threshold)
                scale = height / ah
                bands = [
                    (int(y0 * scale), min(height, int(np.ceil(y1 * scale))))
                    for y0, y1 in detector.update(image, edges)
                ]
                yield Sample(t=float(t), frame=frame, edges=edges, bands=bands, scale=scale)
                if progress is not None and duration > 0:
                    progress(min(1.0, float(t) / duration))
        except av.error.FFmpegError as exc:
            if next_t == 0.0:
                raise BadInput(f"{path.name} looks damaged: no frame could be decoded.", str(exc)) from exc
            # a damaged tail: keep what was read
    if progress is not None:
        progress(1.0)
