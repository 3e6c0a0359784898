"""Subtitles a clip ships with: captured beside the video (a page with an HTML5 <track>, on a local server), kept
in the clip's folder, printed to compare with the transcript, or used instead of transcribing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from studycompanion.core.capture.download import Capturer
from studycompanion.core.settings import Settings
from studycompanion.paths import AppPaths
from tests.httpserver import ClipServer

VTT = """WEBVTT

00:00:00.000 --> 00:00:01.200
Digoxin toxicity causes yellow vision.
"""


def _page(clip: str, vtt: str) -> str:
    return (f"<html><head><title>Digoxin in a minute</title></head><body><video controls>"
            f'<source src="{clip}" type="video/mp4"><track kind="subtitles" srclang="en" src="{vtt}"></video>'
            "</body></html>")


def test_a_clip_page_with_subtitles_brings_them_along(home: AppPaths, clip_server: ClipServer, sample_mp4: Path,
                                                      tmp_path: Path) -> None:
    clip_server.add_file("/clip.mp4", sample_mp4.read_bytes())
    clip_server.add_file("/clip.vtt", VTT.encode(), content_type="text/vtt")
    clip_server.add_page("/digoxin.html", _page(clip_server.url("/clip.mp4"), clip_server.url("/clip.vtt")))
    clip = Capturer(home, Settings(capture_timeout=3, capture_retries=1)).download(
        clip_server.url("/digoxin.html"), tmp_path / "dl")
    assert clip.subtitles_file is not None and clip.subtitles_file.suffix == ".vtt"
    assert "Digoxin toxicity" in clip.subtitles_file.read_text(encoding="utf-8")


def _cli(home: AppPaths, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studycompanion", "--home", str(home.root), *args],
                          capture_output=True, text=True, timeout=120)


import pytest  # noqa: E402


@pytest.mark.cli
def test_shipped_subtitles_print_and_can_stand_in_for_the_transcript(home: AppPaths, sample_mp4: Path) -> None:
    from studycompanion.services import build_services

    services = build_services(home)
    try:
        video, _ = services.library.add_file(sample_mp4)
        assert video.id is not None
        vid = video.id
        (services.library.clip_folder(vid) / "subtitles.vtt").write_text(VTT, encoding="utf-8")
    finally:
        services.close()
    shown = _cli(home, "transcript", str(vid), "--subtitles")
    assert shown.returncode == 0 and "Digoxin toxicity causes yellow vision." in shown.stdout
    used = _cli(home, "transcribe", str(vid), "--use-subtitles", "--json")
    assert used.returncode == 0, used.stderr
    assert json.loads(used.stdout) == [{"id": vid, "segments": 1, "source": "subtitles"}]
    assert "Digoxin toxicity" in _cli(home, "transcript", str(vid)).stdout


def test_the_library_keeps_captured_subtitles_in_the_clip_folder(services: object, sample_mp4: Path,
                                                                 tmp_path: Path) -> None:
    import shutil

    from studycompanion.core.types import CapturedClip

    lib = services.library  # type: ignore[attr-defined]
    video, _ = lib.create_queued("web", "digoxin", "https://example.org/digoxin")
    media, subs = tmp_path / "media.mp4", tmp_path / "media.en.vtt"
    shutil.copy(sample_mp4, media)
    subs.write_text(VTT, encoding="utf-8")
    lib.attach_capture(video.id, CapturedClip("web", "digoxin", "https://example.org/digoxin", media,
                                              subtitles_file=subs))
    kept = lib.subtitles_path(video.id)
    assert kept is not None and kept.name == "subtitles.vtt" and "Digoxin" in kept.read_text(encoding="utf-8")


def test_a_subtitle_track_that_fails_never_loses_the_clip(home: AppPaths, clip_server: ClipServer, sample_mp4: Path,
                                                          tmp_path: Path) -> None:
    clip_server.add_file("/clip.mp4", sample_mp4.read_bytes())
    clip_server.add_status("/gone.vtt", 404)
    clip_server.add_page("/digoxin.html", _page(clip_server.url("/clip.mp4"), clip_server.url("/gone.vtt")))
    clip = Capturer(home, Settings(capture_timeout=3, capture_retries=1)).download(
        clip_server.url("/digoxin.html"), tmp_path / "dl")
    assert clip.media_file.is_file() and clip.subtitles_file is None
