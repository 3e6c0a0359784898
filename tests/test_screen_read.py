"""On-screen text end to end: generated clips with known overlay text, the real in-wheel OCR models, no network."""

from __future__ import annotations

import itertools
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from bench.ocr_clips import ClipSpec, TruthLine, render_clip
from studycompanion.core.errors import BadInput, JobCancelled
from studycompanion.core.screen import OcrEngine, ReadStats, ScreenLine, read_screen_text

pytestmark = pytest.mark.slow

SMALL = {"width": 360, "height": 640, "fps": 15}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a socket (a model download) fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("on-screen text tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine()


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[TruthLine]]]:
    folder = tmp_path_factory.mktemp("screen_clips")
    specs = {
        "changing": ClipSpec("changing", seed=101, background="gradient", style="stroke", duration=9.0, blocks=3,
                             max_lines=2, emoji=False, **SMALL),
        "caption": ClipSpec("caption", seed=202, background="talking_head", style="box", duration=8.0,
                            max_lines=2, emoji=True, static_caption=True, **SMALL),
        "watermarked": ClipSpec("watermarked", seed=303, background="subject", style="box", duration=9.0, blocks=2,
                                max_lines=1, emoji=False, watermark=True, **SMALL),
        "empty": ClipSpec("empty", seed=404, background="subject", style="plain", duration=5.0, blocks=0,
                          watermark=False, **SMALL),
    }
    return {name: (folder / f"{name}.mp4", render_clip(spec, folder / f"{name}.mp4")) for name, spec in specs.items()}


def _find(truth: TruthLine, lines: list[ScreenLine]) -> ScreenLine | None:
    overlapping = [ln for ln in lines if ln.end > truth.start and ln.start < truth.end]
    best = max(overlapping, key=lambda ln: fuzz.ratio(ln.text, truth.text), default=None)
    return best if best is not None and fuzz.ratio(best.text, truth.text) >= 90 else None


def test_lines_found_with_their_text_and_times(
    clips: dict[str, tuple[Path, list[TruthLine]]], engine: OcrEngine
) -> None:
    path, truth = clips["changing"]
    progress: list[float] = []
    lines = read_screen_text(path, engine, progress=progress.append)
    assert len(truth) >= 3
    for t in truth:
        line = _find(t, lines)
        assert line is not None, f"{t.text!r} not read; got {[ln.text for ln in lines]}"
        assert line.text == t.text
        assert abs(line.start - t.start) <= 0.75, (t, line)
        assert abs(line.end - t.end) <= 0.75, (t, line)
        assert 0.0 <= line.box.x0 < line.box.x1 <= 1.0 and 0.0 <= line.box.y0 < line.box.y1 <= 1.0
        assert 0.5 <= line.confidence <= 1.0
    assert len(lines) == len(truth)  # no duplicates, no junk
    # a block reads top to bottom, blocks in time order
    starts = [ln.start for ln in lines]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(lines):
        if abs(a.start - b.start) < 0.5:
            assert a.box.y0 < b.box.y0
    assert progress and progress[-1] == 1.0
    assert all(x <= y for x, y in itertools.pairwise(progress))


def test_static_caption_over_a_talking_head_is_read_once(
    clips: dict[str, tuple[Path, list[TruthLine]]], engine: OcrEngine
) -> None:
    path, truth = clips["caption"]
    stats = ReadStats()
    lines = read_screen_text(path, engine, stats=stats)
    assert [ln.text for ln in lines] == [t.text for t in truth]  # emoji dropped, one line each, top to bottom
    for line in lines:
        assert line.start <= 0.6 and line.end >= 7.4
    assert stats.samples >= 14
    # change detection skips samples: the moving head makes some re-reads, never one per sample
    assert stats.ocr_calls <= stats.samples // 2, stats


def test_watermark_and_handle_are_not_content(
    clips: dict[str, tuple[Path, list[TruthLine]]], engine: OcrEngine
) -> None:
    path, truth = clips["watermarked"]
    lines = read_screen_text(path, engine)
    texts = [ln.text for ln in lines]
    assert not any("tiktok" in t.lower().replace(" ", "") or t.startswith("@") for t in texts), texts
    for t in truth:
        assert _find(t, lines) is not None, (t, texts)


def test_a_clip_without_text_gives_no_lines(clips: dict[str, tuple[Path, list[TruthLine]]], engine: OcrEngine) -> None:
    path, truth = clips["empty"]
    assert truth == []
    assert read_screen_text(path, engine) == []


def test_cancel_stops_within_a_sample(clips: dict[str, tuple[Path, list[TruthLine]]], engine: OcrEngine) -> None:
    path, _truth = clips["changing"]
    reported: list[float] = []

    stats = ReadStats()
    with pytest.raises(JobCancelled):
        read_screen_text(
            path, engine, should_stop=lambda: len(reported) >= 2, progress=reported.append, stats=stats
        )
    assert stats.samples == 2  # stopped at the first frame after asking, not at the end of the clip
    assert reported[-1] < 0.5


def test_not_a_video_is_a_clear_error(tmp_path: Path, engine: OcrEngine) -> None:
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    with pytest.raises(BadInput):
        read_screen_text(bad, engine)
    with pytest.raises(BadInput):
        read_screen_text(tmp_path / "missing.mp4", engine)
