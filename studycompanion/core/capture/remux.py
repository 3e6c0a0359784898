"""Merge yt-dlp's separate video and audio downloads with PyAV (stream copy), so no ffmpeg binary ships.

YouTube (and Instagram) serve 720p and up as a video-only and an audio-only file; yt-dlp joins them with its
FFmpegMergerPP, which runs an `ffmpeg` executable (imageio-ffmpeg's GPL build, 172 MB unpacked, was bundled
for this alone). PyAV already carries FFmpeg's libraries (LGPL), and a merge is only a remux: packets are
copied into one mp4, interleaved by time, never re-encoded.

`install()` makes yt-dlp use PyAVMergerPP wherever it would use FFmpegMergerPP (yt-dlp looks the class up by
name in its YoutubeDL module on each download); it is idempotent and process-wide, which is what we want:
this app never runs the ffmpeg binary.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import av

from studycompanion.core.errors import UserError


class RemuxError(UserError):
    """The downloaded parts could not be joined into one file."""


def remux(parts: Sequence[Path], output: Path, *, kinds: Sequence[set[str]] | None = None) -> Path:
    """Copy the first video and the first audio stream of `parts` (in that order of preference) into `output`.

    `kinds[i]` limits what part i may give ({"video"}, {"audio"}, or both); by default each part gives whatever
    kind is still missing. The container follows `output`'s extension (mp4, m4a, mkv, webm)."""
    output = Path(output)
    temp = output.with_name(output.stem + ".remux" + output.suffix)
    inputs = [av.open(str(p)) for p in parts]
    try:
        with av.open(str(temp), "w", options={"movflags": "faststart"} if output.suffix in (".mp4", ".m4a",
                                                                                              ".mov") else {}) as out:
            mapping: dict[tuple[int, int], Any] = {}
            taken: set[str] = set()
            for i, container in enumerate(inputs):
                allowed = kinds[i] if kinds is not None else {"video", "audio"}
                for stream in container.streams:
                    if stream.type in ("video", "audio") and stream.type in allowed and stream.type not in taken:
                        mapping[(i, stream.index)] = out.add_stream_from_template(stream)
                        taken.add(stream.type)
            if not mapping:
                raise RemuxError("The downloaded parts hold no video or audio to join.")
            for packet, target in _interleaved(inputs, mapping):
                packet.stream = target
                out.mux(packet)
        os.replace(temp, output)
    except av.error.FFmpegError as exc:
        temp.unlink(missing_ok=True)
        raise RemuxError(f"The downloaded video and audio could not be joined: {exc}", str(exc)) from exc
    finally:
        for container in inputs:
            container.close()
    return output


def _interleaved(inputs: list[Any], mapping: dict[tuple[int, int], Any]) -> Iterator[tuple[Any, Any]]:
    """Packets of the mapped streams from every input, in time order (a muxer wants them interleaved)."""

    def packets(i: int) -> Iterator[tuple[float, int, int, Any, Any]]:
        wanted = [s for s in inputs[i].streams if (i, s.index) in mapping]
        n = 0
        for packet in inputs[i].demux(wanted):
            if packet.dts is None:  # the flush packet at the end of each stream
                continue
            n += 1
            at = float(packet.dts * packet.time_base) if packet.time_base else 0.0
            yield at, i, n, packet, mapping[(i, packet.stream.index)]

    for _at, _i, _n, packet, target in heapq.merge(*(packets(i) for i in range(len(inputs)))):
        yield packet, target


# ---- yt-dlp --------------------------------------------------------------------------------------------


def _merger_class() -> type:
    from yt_dlp.postprocessor.common import PostProcessor

    class PyAVMergerPP(PostProcessor):  # type: ignore[misc]  # yt-dlp is untyped
        """yt-dlp's FFmpegMergerPP interface (available, can_merge, run), done with PyAV."""

        available = True

        def can_merge(self) -> bool:
            return True

        def run(self, info: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
            files = list(info["__files_to_merge"])
            formats = info.get("requested_formats") or []
            kinds: list[set[str]] = []
            for i in range(len(files)):
                fmt = formats[i] if i < len(formats) else {}
                kind = set()
                if fmt.get("vcodec") != "none":
                    kind.add("video")
                if fmt.get("acodec") != "none":
                    kind.add("audio")
                kinds.append(kind or {"video", "audio"})
            self.to_screen(f'Merging formats into "{info["filepath"]}" (PyAV)')
            remux([Path(f) for f in files], Path(info["filepath"]), kinds=kinds)
            return files, info

    PyAVMergerPP.__name__ = PyAVMergerPP.__qualname__ = "PyAVMergerPP"
    return PyAVMergerPP


_INSTALLED: list[type] = []


def install() -> type:
    """Make yt-dlp merge with PyAV (see the module docstring); returns the merger class."""
    import importlib

    ydl_module = importlib.import_module("yt_dlp.YoutubeDL")  # the module (the package's attribute is the class)
    if not _INSTALLED:
        _INSTALLED.append(_merger_class())
    ydl_module.FFmpegMergerPP = _INSTALLED[0]  # type: ignore[attr-defined]
    return _INSTALLED[0]
