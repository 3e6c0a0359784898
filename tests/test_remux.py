"""Merging yt-dlp's separate video and audio downloads with PyAV (no ffmpeg binary), end to end through yt-dlp
against a local server: format selection picks the video-only and audio-only files, our merger joins them."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from studycompanion.core import media
from studycompanion.core.capture import remux
from tests.httpserver import ClipServer
from tests.mediagen import make_mp4


def split(source: Path, folder: Path) -> tuple[Path, Path]:
    """A video-only .mp4 and an audio-only .m4a, as YouTube serves them."""
    video, audio = folder / "video.mp4", folder / "audio.m4a"
    for target, kind in ((video, "video"), (audio, "audio")):
        remux.remux([source], target, kinds=[{kind}])
    return video, audio


@pytest.fixture
def parts(tmp_path: Path) -> tuple[Path, Path]:
    return split(make_mp4(tmp_path / "both.mp4", seconds=2.0), tmp_path)


def test_remux_joins_video_and_audio_without_reencoding(parts: tuple[Path, Path], tmp_path: Path) -> None:
    video, audio = parts
    with av.open(str(video)) as c:
        assert [s.type for s in c.streams] == ["video"]
        packets_in = sum(1 for p in c.demux(c.streams.video[0]) if p.dts is not None)
    with av.open(str(audio)) as c:
        assert [s.type for s in c.streams] == ["audio"]
    out = remux.remux([video, audio], tmp_path / "merged.mp4")
    info = media.probe(out)
    assert info.has_video and info.has_audio and info.duration == pytest.approx(2.0, abs=0.15)
    with av.open(str(out)) as c:
        assert c.streams.video[0].codec_context.name == "h264" and c.streams.audio[0].codec_context.name == "aac"
        assert sum(1 for p in c.demux(c.streams.video[0]) if p.dts is not None) == packets_in  # copied, all
    assert not list(tmp_path.glob("*.remux.*"))


def test_a_broken_part_is_a_readable_error(parts: tuple[Path, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.m4a"
    bad.write_bytes(b"not media at all" * 100)
    with pytest.raises((remux.RemuxError, av.error.FFmpegError)):
        remux.remux([parts[0], bad], tmp_path / "merged.mp4")
    assert not (tmp_path / "merged.mp4").exists()


def test_yt_dlp_merges_best_video_and_audio_with_pyav(parts: tuple[Path, Path], tmp_path: Path) -> None:
    from yt_dlp import YoutubeDL

    from studycompanion.core.capture.download import FORMAT

    video, audio = parts
    with ClipServer() as server:
        vurl = server.add_file("/v.mp4", video.read_bytes())
        aurl = server.add_file("/a.m4a", audio.read_bytes(), content_type="audio/mp4")
        low = server.add_file("/low.mp4", make_mp4(tmp_path / "low.mp4", seconds=2.0, width=160, height=120)
                              .read_bytes())
        remux.install()
        info = {
            "id": "clip1", "title": "Murmurs", "extractor": "test", "extractor_key": "Test",
            "webpage_url": server.url("/page"),
            "formats": [
                {"format_id": "18", "url": low, "ext": "mp4", "vcodec": "avc1", "acodec": "mp4a", "height": 120,
                 "width": 160, "protocol": "http"},
                {"format_id": "137", "url": vurl, "ext": "mp4", "vcodec": "avc1", "acodec": "none", "height": 240,
                 "width": 320, "protocol": "http"},
                {"format_id": "140", "url": aurl, "ext": "m4a", "vcodec": "none", "acodec": "mp4a",
                 "protocol": "http"},
            ],
        }
        opts = {"outtmpl": {"default": str(tmp_path / "dl" / "media.%(ext)s")}, "quiet": True, "noprogress": True,
                "format": FORMAT.format(h=1080), "merge_output_format": "mp4", "fixup": "never"}
        with YoutubeDL(opts) as ydl:
            result = ydl.process_ie_result(info, download=True)
    assert result["format_id"] == "137+140"  # the 240p video-only + audio, not the 120p single file
    merged = tmp_path / "dl" / "media.mp4"
    probe = media.probe(merged)
    assert probe.has_video and probe.has_audio and probe.height == 240
    assert sorted(p.name for p in (tmp_path / "dl").iterdir()) == ["media.mp4"]  # the parts are gone
