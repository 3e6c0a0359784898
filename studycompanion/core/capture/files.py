"""Check a downloaded file and grab its thumbnail with PyAV in one pass (one open, one decoded frame)."""

from __future__ import annotations

import logging
from pathlib import Path

import av
import av.error

from studycompanion.core.errors import BadInput
from studycompanion.core.media import MediaInfo, container_duration, stream_end

log = logging.getLogger(__name__)


class TruncatedMedia(BadInput):
    """The file starts well but its end cannot be decoded: the download stopped early."""


def inspect_download(
    media_file: Path, thumb_out: Path | None, *, verify_end: bool, max_width: int = 480
) -> tuple[MediaInfo, Path | None]:
    """Streams and duration of `media_file`; with `thumb_out`, the keyframe at min(1 s, 1/3) as a JPEG there.

    `verify_end` also decodes a frame near the end (for downloads whose size the server never told, where
    a cut-off file would otherwise pass). media.probe + media.save_frame do the same in two opens and decode
    on to the exact time, ~10x slower on a big clip; a thumbnail needs no exact frame.
    """
    try:
        container = av.open(str(media_file), mode="r")
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise BadInput(f"{media_file.name} is not an audio or video file.", str(exc)) from exc
    with container:
        video = container.streams.video[0] if container.streams.video else None
        audio = container.streams.audio[0] if container.streams.audio else None
        if video is None and audio is None:
            raise BadInput(f"{media_file.name} has no audio or video in it.")
        duration = container_duration(container)
        info = MediaInfo(
            duration=duration,
            has_video=video is not None,
            has_audio=audio is not None,
            width=video.codec_context.width if video is not None else 0,
            height=video.codec_context.height if video is not None else 0,
        )
        thumb: Path | None = None
        if thumb_out is not None and video is not None:
            try:
                thumb = _keyframe_jpeg(container, video, min(1.0, duration / 3), thumb_out, max_width)
            except (av.error.FFmpegError, OSError, ValueError, StopIteration) as exc:
                log.info("no thumbnail for %s: %s", media_file, exc)
        if verify_end:
            for stream in (audio, video):  # each against its own end: audio often stops before the video
                _check_end(container, stream, duration, media_file)
    return info, thumb


def _check_end(container: av.container.InputContainer, stream: av.stream.Stream | None, duration: float,
               media_file: Path) -> None:
    """Demux the stream's last second: a file cut off mid-way has its index but not its last packets.

    The end is the stream's own (media.stream_end), never the container's: a 12.9 s video with 11.1 s of audio
    is whole. The decision is logged."""
    if stream is None or stream.time_base is None:
        return
    tb = stream.time_base
    duration = stream_end(stream, duration)
    if duration <= 0.5:
        return
    needed = duration - 0.5
    last = -1.0
    try:
        container.seek(int(max(0.0, duration - 1.5) / tb), stream=stream, backward=True)
        for packet in container.demux(stream):
            if packet.pts is not None and packet.size:
                last = max(last, float(packet.pts * tb))
                if last >= needed:
                    log.info("%s: %s stream reaches its end (%.2fs of %.2fs): whole", media_file.name, stream.type,
                             last, duration)
                    return
    except av.error.FFmpegError as exc:
        log.warning("%s: %s stream fails near its end (%s): refused", media_file.name, stream.type, exc)
        raise TruncatedMedia(f"{media_file.name} looks truncated or damaged.", str(exc)) from exc
    log.warning("%s: %s stream's last packet at %.2fs of its %.2fs: refused as truncated", media_file.name,
                stream.type, last, duration)
    raise TruncatedMedia(f"{media_file.name} looks truncated.", f"last packet at {last:.2f}s of {duration:.2f}s")


def _keyframe_jpeg(container: av.container.InputContainer, stream: av.VideoStream, t: float, out: Path,
                   max_width: int) -> Path:
    if stream.time_base is not None and t > 0:
        container.seek(int(t / stream.time_base), stream=stream, backward=True)
    frame = next(container.decode(stream))
    width = min(max_width, frame.width)
    height = max(2, round(frame.height * width / frame.width))
    image = frame.reformat(width=width, height=height, format="rgb24").to_image()  # type: ignore[no-untyped-call]
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, format="JPEG", quality=80)
    return out
