"""Make small real media files for tests and benchmarks with PyAV (colour frames + a sine tone, JPEG stills)."""

from __future__ import annotations

import io
import math
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def make_mp4(
    path: Path,
    seconds: float = 1.5,
    width: int = 320,
    height: int = 240,
    fps: int = 25,
    *,
    noise: bool = False,
    video_bit_rate: int = 400_000,
    audio: bool = True,
    min_bytes: int = 0,
) -> Path:
    """An H.264 + AAC mp4 (moov first) of changing colour frames and a 440 Hz tone.

    With `noise`, frames are random pixels (incompressible, for big files); `min_bytes` keeps adding
    seconds until the file is at least that large.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1234)
    total_frames = max(1, int(seconds * fps))
    with av.open(str(path), "w", format="mp4", options={"movflags": "faststart"}) as out:
        vstream = out.add_stream("libx264", rate=fps)
        vstream.width = width
        vstream.height = height
        vstream.pix_fmt = "yuv420p"
        vstream.bit_rate = video_bit_rate
        vstream.options = {"preset": "ultrafast", "tune": "zerolatency"}
        astream = None
        if audio:
            astream = out.add_stream("aac", rate=44100)
            astream.layout = "mono"
        written = 0
        i = 0
        sample_rate = 44100
        samples_done = 0
        while i < total_frames or (min_bytes and written < min_bytes):
            if noise:
                img = rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
            else:
                hue = (i * 7) % 256
                img = np.empty((height, width, 3), dtype=np.uint8)
                img[..., 0] = hue
                img[..., 1] = (255 - hue)
                img[..., 2] = (i * 3) % 256
                img[: height // 4, : width // 4] = 255  # a white corner so frames are not flat
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            for packet in vstream.encode(frame):
                written += packet.size
                out.mux(packet)
            if astream is not None:
                target = int((i + 1) * sample_rate / fps)
                n = target - samples_done
                t = (np.arange(samples_done, target) / sample_rate).astype(np.float32)
                pcm = (0.3 * np.sin(2 * math.pi * 440.0 * t)).astype(np.float32).reshape(1, n)
                aframe = av.AudioFrame.from_ndarray(pcm, format="fltp", layout="mono")
                aframe.sample_rate = sample_rate
                aframe.pts = samples_done
                aframe.time_base = Fraction(1, sample_rate)
                samples_done = target
                for packet in astream.encode(aframe):
                    out.mux(packet)
            i += 1
        for packet in vstream.encode(None):
            out.mux(packet)
        if astream is not None:
            for packet in astream.encode(None):
                out.mux(packet)
    return path


def make_jpeg(width: int = 160, height: int = 120, colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A single-colour JPEG image, as bytes."""
    img = np.empty((height, width, 3), dtype=np.uint8)
    img[...] = colour
    buf = io.BytesIO()
    with av.open(buf, "w", format="mjpeg") as out:
        stream = out.add_stream("mjpeg", rate=1)
        stream.width = width
        stream.height = height
        stream.pix_fmt = "yuvj420p"
        frame = av.VideoFrame.from_ndarray(img, format="rgb24")
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()
