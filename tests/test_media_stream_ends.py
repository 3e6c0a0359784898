"""A clip whose audio track ends before its video (12.9 s video, 11.1 s audio: common) is accepted by both checks
(adding a file, media.probe; a download, capture.files.inspect_download) and the decision is logged; a file that
really stops early is still refused."""

from __future__ import annotations

import logging
import math
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from studycompanion.core.capture.files import inspect_download
from studycompanion.core.errors import BadInput
from studycompanion.core.media import probe

MEDIA = Path(__file__).resolve().parent / "fixtures" / "media"


def _mp4(path: Path, video_s: float, audio_s: float, fps: int = 10) -> Path:
    """H.264 + AAC, moov first, with the two streams of different lengths."""
    rate = 44100
    with av.open(str(path), "w", format="mp4", options={"movflags": "faststart"}) as out:
        vs = out.add_stream("libx264", rate=fps)
        vs.width, vs.height, vs.pix_fmt = 160, 96, "yuv420p"
        vs.options = {"preset": "ultrafast"}
        aus = out.add_stream("aac", rate=rate)
        aus.layout = "mono"
        for i in range(int(video_s * fps)):
            img = np.full((96, 160, 3), (i * 5) % 256, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, fps)
            for p in vs.encode(frame):
                out.mux(p)
        done, chunk = 0, 1024
        while done < int(audio_s * rate):
            t = (np.arange(done, done + chunk) / rate).astype(np.float32)
            pcm = (0.2 * np.sin(2 * math.pi * 440 * t)).astype(np.float32).reshape(1, chunk)
            af = av.AudioFrame.from_ndarray(pcm, format="fltp", layout="mono")
            af.sample_rate, af.pts, af.time_base = rate, done, Fraction(1, rate)
            done += chunk
            for p in aus.encode(af):
                out.mux(p)
        for s in (vs, aus):
            for p in s.encode(None):
                out.mux(p)
    return path


def test_a_short_audio_track_is_accepted_and_the_decision_logged(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    path = _mp4(tmp_path / "clip.mp4", 12.9, 11.1)
    with av.open(str(path)) as c:  # the file really is like that
        ends = {s.type: float(s.duration * s.time_base) for s in c.streams}
    assert ends["video"] == pytest.approx(12.9, abs=0.15) and ends["audio"] == pytest.approx(11.1, abs=0.1)
    with caplog.at_level(logging.INFO):
        info = probe(path)
        checked, _thumb = inspect_download(path, None, verify_end=True)
    assert info.duration == pytest.approx(12.9, abs=0.15) and info.has_audio and info.has_video
    assert checked.duration == pytest.approx(info.duration)
    text = caplog.text
    assert "audio stream decodes to its end (11.1" in text and "video stream decodes to its end (12.9" in text
    assert "audio stream reaches its end" in text


def test_a_really_truncated_file_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"not an audio or video file|truncated or damaged"):
        probe(MEDIA / "truncated.mp4")
    whole = _mp4(tmp_path / "whole.mp4", 12.9, 11.1)
    data = whole.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: int(len(data) * 0.55)])  # the index says 12.9 s; the data stops about half-way
    with pytest.raises(BadInput, match="truncated"):
        probe(cut)
    with pytest.raises(BadInput, match="truncated"):
        inspect_download(cut, None, verify_end=True)
