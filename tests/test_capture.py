"""Capturer against a local HTTP server: direct mp4, og:video pages, failures, resume after a drop, cancel."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from studycompanion.core import media
from studycompanion.core.capture.download import Capturer, DownloadProgress, doctor_info
from studycompanion.core.capture.errors import (
    CaptureCancelled,
    CaptureError,
    CookiesUnavailable,
    LoginRequired,
    NotFoundOrRemoved,
    NoVideoFound,
    RateLimited,
    Unreachable,
)
from studycompanion.core.capture.links import DIRECT, WEB, UnsupportedLink
from studycompanion.core.errors import JobCancelled
from studycompanion.core.settings import Settings
from studycompanion.paths import AppPaths
from tests.conftest_http import PAGE_DESCRIPTION, PAGE_TITLE
from tests.httpserver import ClipServer, Route

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def capturer(home: AppPaths) -> Capturer:
    return Capturer(home, Settings(capture_timeout=3, capture_retries=3))


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_direct_mp4(capturer: Capturer, clip_site: ClipServer, sample_mp4: Path, tmp_path: Path) -> None:
    seen: list[DownloadProgress] = []
    clip = capturer.download(clip_site.url("/clip.mp4"), tmp_path / "dl", seen.append)
    assert clip.platform == DIRECT and clip.platform_id == clip_site.url("/clip.mp4")
    assert clip.media_file.read_bytes() == sample_mp4.read_bytes()
    info = media.probe(clip.media_file)
    assert info.has_video and info.has_audio
    assert clip.duration == pytest.approx(1.5, abs=0.1)  # yt-dlp gives none here: probed with PyAV
    assert clip.thumbnail_file is not None and clip.thumbnail_file.read_bytes()[:2] == b"\xff\xd8"  # a JPEG frame
    # progress: bytes, total, a fraction that ends at 1
    assert seen and seen[-1].downloaded == sample_mp4.stat().st_size
    assert seen[-1].total == sample_mp4.stat().st_size and seen[-1].fraction == 1.0
    assert "MB" in seen[-1].message()


def test_og_video_page(capturer: Capturer, clip_site: ClipServer, sample_jpeg: bytes, tmp_path: Path) -> None:
    clip = capturer.download(clip_site.url("/page.html"), tmp_path / "dl")
    assert clip.platform == WEB and clip.source_url == clip_site.url("/page.html")
    assert clip.title == PAGE_TITLE
    assert clip.caption == PAGE_DESCRIPTION
    assert clip.hashtags == ["cardiology", "physiology", "medschool"]
    assert clip.creator_name == ""  # not the site's address
    assert clip.thumbnail_file is not None and clip.thumbnail_file.read_bytes() == sample_jpeg  # og:image
    assert media.probe(clip.media_file).has_video
    assert clip.info_json is not None
    info = json.loads(clip.info_json.read_text(encoding="utf-8"))
    assert info["title"] == PAGE_TITLE and info["captured_platform"] == WEB
    assert "formats" not in info and "http_headers" not in info and "requested_downloads" not in info


@pytest.mark.parametrize(
    ("path", "error", "words"),
    [
        ("/missing.html", NotFoundOrRemoved, "404"),
        ("/gone.mp4", NotFoundOrRemoved, "410"),
        ("/novideo.html", NoVideoFound, "No video"),
    ],
)
def test_dead_links(capturer: Capturer, clip_site: ClipServer, tmp_path: Path, path: str,
                    error: type[CaptureError], words: str) -> None:
    with pytest.raises(error) as info:
        capturer.download(clip_site.url(path), tmp_path / "dl")
    assert words in info.value.message
    assert info.value.detail  # yt-dlp's own words, for "copy details"
    assert not [n for n in files_in(tmp_path / "dl") if n.startswith("media")]


def test_status_codes_map_to_their_own_errors(capturer: Capturer, clip_server: ClipServer, tmp_path: Path) -> None:
    clip_server.add_status("/busy.html", 429)
    clip_server.add_status("/private.html", 403)
    clip_server.add_status("/login.html", 401)
    clip_server.add_status("/broken.html", 503)
    with pytest.raises(RateLimited):
        capturer.download(clip_server.url("/busy.html"), tmp_path / "a")
    with pytest.raises(LoginRequired, match="cookies"):
        capturer.download(clip_server.url("/private.html"), tmp_path / "b")
    with pytest.raises(LoginRequired, match="cookies"):
        capturer.download(clip_server.url("/login.html"), tmp_path / "c")
    with pytest.raises(Unreachable, match="503"):
        capturer.download(clip_server.url("/broken.html"), tmp_path / "d")


def test_not_a_video_file(capturer: Capturer, clip_server: ClipServer, tmp_path: Path) -> None:
    clip_server.add_file("/notes.pdf", b"%PDF-1.4\n" + b"x" * 5000, content_type="application/pdf")
    with pytest.raises(NoVideoFound):
        capturer.download(clip_server.url("/notes.pdf"), tmp_path / "dl")
    assert not [n for n in files_in(tmp_path / "dl") if n.startswith("media")]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable(capturer: Capturer, tmp_path: Path) -> None:
    with pytest.raises(Unreachable, match="Could not reach"):
        capturer.download(f"http://127.0.0.1:{_closed_port()}/clip.mp4", tmp_path / "dl")


def test_timeout(home: AppPaths, tmp_path: Path) -> None:
    capturer = Capturer(home, Settings(capture_timeout=1, capture_retries=0))
    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        start = time.monotonic()
        with pytest.raises(Unreachable, match="time-out"):
            capturer.download(f"http://127.0.0.1:{port}/page.html", tmp_path / "dl")
        assert time.monotonic() - start < 10


def test_unsupported_link_fails_before_any_request(capturer: Capturer, clip_site: ClipServer, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedLink):
        capturer.download("ftp://127.0.0.1/clip.mp4", tmp_path / "dl")
    with pytest.raises(UnsupportedLink):
        capturer.download("https://www.tiktok.com/@someone", tmp_path / "dl")
    assert clip_site.requests == []


def test_dropped_connection_resumes(capturer: Capturer, clip_site: ClipServer, sample_mp4: Path,
                                    tmp_path: Path) -> None:
    clip = capturer.download(clip_site.url("/drop.html"), tmp_path / "dl")
    assert clip.media_file.read_bytes() == sample_mp4.read_bytes()
    gets = clip_site.requests_for("/drop.mp4")
    assert len(gets) == 2
    assert gets[0].headers.get("range") is None
    first = int(gets[1].headers["range"].removeprefix("bytes=").split("-")[0])
    assert 0 < first <= sample_mp4.stat().st_size // 2  # continued, not restarted


def _cancel_after_first_progress(capturer: Capturer, url: str, dest: Path) -> tuple[BaseException, float]:
    cancel = threading.Event()
    started = threading.Event()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            capturer.download(url, dest, lambda p: started.set(), cancel)
        except BaseException as exc:  # noqa: BLE001
            outcome["error"] = exc
            outcome["at"] = time.monotonic()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    assert started.wait(15), "no progress reported"
    time.sleep(0.3)
    cancelled_at = time.monotonic()
    cancel.set()
    worker.join(5)
    assert not worker.is_alive()
    return outcome["error"], outcome["at"] - cancelled_at


def test_cancel_slow_download_within_a_second(capturer: Capturer, clip_server: ClipServer, sample_mp4: Path,
                                              tmp_path: Path) -> None:
    data = sample_mp4.read_bytes()
    clip_server.add_file("/slow.mp4", data, chunk=1024, delay=0.05)  # ~20 KB/s: would take ~2 s
    error, latency = _cancel_after_first_progress(capturer, clip_server.url("/slow.mp4"), tmp_path / "dl")
    assert isinstance(error, CaptureCancelled) and isinstance(error, JobCancelled)
    assert latency < 1.0
    assert not (tmp_path / "dl" / "media.mp4").exists()


def test_cancel_stalled_download_within_a_second_then_retry_resumes(
    capturer: Capturer, clip_site: ClipServer, sample_mp4: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "dl"
    error, latency = _cancel_after_first_progress(capturer, clip_site.url("/stall.mp4"), dest)
    assert isinstance(error, CaptureCancelled)
    assert latency < 1.0
    part = dest / "media.mp4.part"
    assert part.exists() and 0 < part.stat().st_size < sample_mp4.stat().st_size
    clip_site.release_stalls()  # the server recovers; the abandoned reader hangs up
    clip = capturer.download(clip_site.url("/stall.mp4"), dest, None, threading.Event())
    assert clip.media_file.read_bytes() == sample_mp4.read_bytes()
    ranges = [r.headers.get("range") for r in clip_site.requests_for("/stall.mp4")]
    assert any(r and not r.startswith("bytes=0-") for r in ranges), ranges


def test_progress_callback_can_cancel(capturer: Capturer, clip_server: ClipServer, sample_mp4: Path,
                                      tmp_path: Path) -> None:
    clip_server.add_file("/slow.mp4", sample_mp4.read_bytes(), chunk=2048, delay=0.02)

    def stop(_p: DownloadProgress) -> None:
        raise JobCancelled()

    with pytest.raises(CaptureCancelled):
        capturer.download(clip_server.url("/slow.mp4"), tmp_path / "dl", stop, threading.Event())


def test_cookie_settings_reach_yt_dlp_and_nothing_else(home: AppPaths, tmp_path: Path) -> None:
    opts = Capturer(home, Settings(cookies_browser="Firefox:work")).ydl_options(tmp_path)
    assert opts["cookiesfrombrowser"] == ("firefox", "work", None, None)
    assert "cookiefile" not in opts
    jar = tmp_path / "cookies.txt"
    opts = Capturer(home, Settings(cookies_browser="chrome", cookies_file=str(jar))).ydl_options(tmp_path)
    assert opts["cookiefile"] == str(jar) and "cookiesfrombrowser" not in opts
    opts = Capturer(home, Settings()).ydl_options(tmp_path)
    assert "cookiefile" not in opts and "cookiesfrombrowser" not in opts
    assert opts["retries"] == 5 and opts["continuedl"] is True
    assert "ffmpeg_location" not in opts and opts["fixup"] == "never"  # no ffmpeg executable, never a system one
    assert "height<=?1080" in opts["format"]


def test_bad_cookie_file_is_a_readable_error(home: AppPaths, clip_site: ClipServer, tmp_path: Path) -> None:
    jar = tmp_path / "cookies.txt"
    jar.write_text("this is not a cookie jar\n", encoding="utf-8")
    capturer = Capturer(home, Settings(cookies_file=str(jar)))
    with pytest.raises(CookiesUnavailable) as info:
        capturer.download(clip_site.url("/clip.mp4"), tmp_path / "dl")
    assert "cookies" in info.value.message and "Settings" in info.value.message


def test_doctor_info() -> None:
    info = doctor_info()
    assert isinstance(info["yt_dlp"], str) and info["yt_dlp"][:4].isdigit()
    assert info["impersonation"] is True  # curl_cffi is installed with yt-dlp[curl-cffi]
    assert info["js_runtime_available"] is True and info["js_runtime"].startswith("deno")
    assert "ffmpeg" not in info and info["merger"].startswith("PyAV ")


def test_server_route_defaults() -> None:
    assert Route().status == 200  # the fixture module stays importable for other test files


def test_cut_off_download_without_a_length_is_caught(capturer: Capturer, clip_server: ClipServer,
                                                     sample_mp4: Path, tmp_path: Path) -> None:
    data = sample_mp4.read_bytes()
    clip_server.add_file("/cut.mp4", data[: len(data) * 6 // 10], send_length=False)
    with pytest.raises(Unreachable, match="ended before the end"):
        capturer.download(clip_server.url("/cut.mp4"), tmp_path / "dl")
    assert not (tmp_path / "dl" / "media.mp4").exists()
    # the whole file without a length is fine
    clip_server.add_file("/whole.mp4", data, send_length=False)
    clip = capturer.download(clip_server.url("/whole.mp4"), tmp_path / "dl2")
    assert clip.media_file.read_bytes() == data


def test_identity_of_short_links_and_embeds() -> None:
    from studycompanion.core.capture.links import normalise

    short = normalise("https://vm.tiktok.com/ZMabc123/")
    info = {"extractor_key": "TikTok", "id": "7301234567890123456",
            "webpage_url": "https://www.tiktok.com/@dr/video/7301234567890123456"}
    assert Capturer._identity(short, info) == ("tiktok", "7301234567890123456", info["webpage_url"])
    page = normalise("https://blog.example.org/post")
    assert Capturer._identity(page, {"extractor_key": "Youtube", "id": "dQw4w9WgXcQ",
                                     "webpage_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"})[:2] == (
        "youtube", "dQw4w9WgXcQ")
    assert Capturer._identity(page, {"extractor_key": "Generic", "id": "post"}) == (
        "web", "https://blog.example.org/post", "https://blog.example.org/post")
    full = normalise("https://www.tiktok.com/@dr/video/7301234567890123456")
    assert Capturer._identity(full, {"extractor_key": "TikTok", "id": "999"})[1] == "7301234567890123456"


def test_finished_downloads_are_forgotten(capturer: Capturer, clip_site: ClipServer, tmp_path: Path) -> None:
    capturer.download(clip_site.url("/clip.mp4"), tmp_path / "dl", None, threading.Event())
    assert (tmp_path / "dl") not in capturer._inflight
