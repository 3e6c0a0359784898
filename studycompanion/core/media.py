"""Media files through PyAV: probe, thumbnail / frame at a time, audio clip of a span."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import av
import av.error

from studycompanion.core.errors import BadInput

log = logging.getLogger(__name__)

MEDIA_SUFFIXES = {
    ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mp3", ".m4a", ".wav", ".ogg", ".opus", ".flac", ".aac",
}


@dataclass(frozen=True)
class MediaInfo:
    duration: float
    has_video: bool
    has_audio: bool
    width: int = 0
    height: int = 0


def _open(path: Path) -> av.container.InputContainer:
    try:
        return av.open(str(path), mode="r")
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise BadInput(f"{path.name} is not an audio or video file StudyCompanion can read.", str(exc)) from exc


def probe(path: Path, *, verify: bool = True) -> MediaInfo:
    """Duration and streams; with `verify`, decode the start and the end so a truncated file is caught."""
    if not path.exists():
        raise BadInput(f"{path} does not exist.")
    if path.is_dir():
        raise BadInput(f"{path} is a folder, not a media file.")
    with _open(path) as container:
        video = container.streams.video[0] if container.streams.video else None
        audio = container.streams.audio[0] if container.streams.audio else None
        if video is None and audio is None:
            raise BadInput(f"{path.name} has no audio or video in it.")
        duration = container_duration(container)
        if verify:
            _verify_decodes(container, duration, path)
        return MediaInfo(
            duration=duration,
            has_video=video is not None,
            has_audio=audio is not None,
            width=video.codec_context.width if video is not None else 0,
            height=video.codec_context.height if video is not None else 0,
        )


def container_duration(container: av.container.InputContainer) -> float:
    """The container's duration, or its longest stream's when the container gives none."""
    if container.duration:
        return float(container.duration) / av.time_base
    best = 0.0
    for stream in container.streams:
        if stream.duration and stream.time_base:
            best = max(best, float(stream.duration * stream.time_base))
    return best


def stream_end(stream: av.stream.Stream, fallback: float) -> float:
    """Where this stream itself ends, in seconds: its own duration (from its start time) when the file gives one,
    else `fallback` (the container's). Audio and video of one clip often end apart (a 12.9 s video, 11.1 s audio)."""
    tb = stream.time_base
    if tb is None or not stream.duration:
        return fallback
    start = float(stream.start_time * tb) if stream.start_time else 0.0
    return max(0.0, start + float(stream.duration * tb))


def _verify_decodes(container: av.container.InputContainer, duration: float, path: Path) -> None:
    """Decode the start of each stream and reach its own last second: a cut-off download fails here, not later.

    Each stream is checked against its own end, never the container's: an audio track shorter than the video is
    common and fine. What was decided is logged (stream, its end, where decoding reached)."""
    streams = [*container.streams.audio[:1], *container.streams.video[:1]]
    try:
        for stream in streams:
            if stream.time_base is None:
                continue
            end = min(stream_end(stream, duration), duration) if duration else stream_end(stream, duration)
            for t in (0.0, max(0.0, end - 1.0)):
                container.seek(int(t / stream.time_base), stream=stream, any_frame=False, backward=True)
                reached: float | None = None
                for frame in container.decode(stream):
                    if not isinstance(frame, (av.AudioFrame, av.VideoFrame)) or frame.time is None:
                        reached = t
                        break
                    if frame.time >= t - 0.5:
                        reached = float(frame.time)
                        break
                if reached is None:
                    log.warning("%s: %s stream ends at %.2fs by its index but decoding stops before %.1fs: refused",
                                path.name, stream.type, end, t)
                    raise BadInput(f"{path.name} looks truncated or damaged: its {stream.type} stops before "
                                   f"{t:.0f}s of {end:.0f}s.")
            log.info("%s: %s stream decodes to its end (%.2fs; container %.2fs)", path.name, stream.type, end,
                     duration)
    except av.error.FFmpegError as exc:
        log.warning("%s: decoding failed (%s): refused as damaged", path.name, exc)
        raise BadInput(f"{path.name} looks truncated or damaged.", str(exc)) from exc


def save_frame(path: Path, t: float, out: Path, max_width: int = 480, quality: int = 80) -> Path:
    """Write the video frame at `t` seconds as a small JPEG (or WebP, by the suffix of `out`)."""
    with _open(path) as container:
        if not container.streams.video:
            raise BadInput(f"{path.name} has no video to take a frame from.")
        stream = container.streams.video[0]
        target = max(0.0, t)
        if stream.time_base is not None:
            container.seek(int(target / stream.time_base), stream=stream, backward=True)
        chosen = None
        try:
            for frame in container.decode(stream):
                chosen = frame
                if frame.time is not None and frame.time >= target:
                    break
        except av.error.FFmpegError:
            pass  # a damaged tail: keep the last good frame
        if chosen is None:
            raise BadInput(f"No frame could be read from {path.name} at {t:.1f}s.")
        image = chosen.to_image()  # type: ignore[no-untyped-call]
        if image.width > max_width:
            image = image.resize((max_width, round(image.height * max_width / image.width)))
        out.parent.mkdir(parents=True, exist_ok=True)
        fmt = "WEBP" if out.suffix.lower() == ".webp" else "JPEG"
        image.convert("RGB").save(out, format=fmt, quality=quality)
        return out


def audio_clip(path: Path, t0: float, t1: float, out: Path, pad: float = 0.3, bitrate: int = 64_000) -> Path:
    """Encode the audio of [t0 - pad, t1 + pad] as mono MP3 (AnkiMobile cannot play ogg)."""
    start, end = max(0.0, t0 - pad), t1 + pad
    out.parent.mkdir(parents=True, exist_ok=True)
    with _open(path) as src:
        if not src.streams.audio:
            raise BadInput(f"{path.name} has no audio.")
        astream = src.streams.audio[0]
        rate = 44100
        resampler = av.AudioResampler(format="s16p", layout="mono", rate=rate)
        with av.open(str(out), mode="w", format="mp3") as dst:
            ostream = dst.add_stream("libmp3lame", rate=rate)
            ostream.layout = "mono"
            ostream.bit_rate = bitrate
            if astream.time_base is not None:
                src.seek(int(start / astream.time_base), stream=astream, backward=True)
            for frame in src.decode(astream):
                if frame.time is None:
                    continue
                if frame.time + frame.samples / frame.sample_rate < start:
                    continue
                if frame.time > end:
                    break
                for rframe in resampler.resample(frame):
                    for packet in ostream.encode(rframe):
                        dst.mux(packet)
            for rframe in resampler.resample(None):
                for packet in ostream.encode(rframe):
                    dst.mux(packet)
            for packet in ostream.encode(None):
                dst.mux(packet)
    return out


def content_digest(path: Path) -> str:
    """A short content hash of a file (media names that change when the file does)."""
    digest = hashlib.sha1()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()[:20]
