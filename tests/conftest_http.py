"""Reusable pytest fixtures for a local clip website (import them into a test module or list this as a plugin).

Use from any test module:
    from tests.conftest_http import clip_server, clip_site, sample_mp4, sample_jpeg  # noqa: F401
or once for the whole suite in tests/conftest.py:
    pytest_plugins = ["tests.conftest_http"]

`clip_site` serves, on 127.0.0.1:PORT (see `clip_site.url(path)`):
    /clip.mp4       a real ~1.5 s H.264/AAC mp4 (Range supported)
    /page.html      a page with og:video (-> /clip.mp4), og:title, og:description with #hashtags, og:image
    /thumb.jpg      the page's og:image
    /missing.html   404
    /gone.mp4       410
    /novideo.html   a page without any video
    /drop.mp4       the same mp4, but the first request is cut off half-way (a retry must resume)
    /drop.html      a page whose og:video is /drop.mp4 (yt-dlp's direct-link probe would eat the drop)
    /slow.mp4       the mp4 sent in 4 KiB chunks every 50 ms
    /stall.mp4      sends 16 KiB then stalls until the server stops (cancel must still work)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.httpserver import NO_VIDEO_PAGE, ClipServer, og_page
from tests.mediagen import make_jpeg, make_mp4

PAGE_TITLE = "Cardiac cycle in 60 seconds"
PAGE_DESCRIPTION = "Systole vs diastole #cardiology #physiology #medschool"


@pytest.fixture(scope="session")
def sample_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real mp4 (1.5 s, 320x240, 25 fps, H.264 + AAC 440 Hz tone)."""
    return make_mp4(tmp_path_factory.mktemp("media") / "sample.mp4", seconds=1.5)


@pytest.fixture(scope="session")
def sample_jpeg() -> bytes:
    return make_jpeg()


@pytest.fixture
def clip_server() -> Iterator[ClipServer]:
    """An empty local server; add routes with add_file / add_page / add_status / add(Route(...))."""
    with ClipServer() as server:
        yield server


@pytest.fixture
def clip_site(clip_server: ClipServer, sample_mp4: Path, sample_jpeg: bytes) -> ClipServer:
    """The local server with the standard clip routes (see the module docstring)."""
    data = sample_mp4.read_bytes()
    s = clip_server
    s.add_file("/clip.mp4", data)
    s.add_file("/thumb.jpg", sample_jpeg, content_type="image/jpeg")
    s.add_page("/page.html", og_page(s.url("/clip.mp4"), PAGE_TITLE, PAGE_DESCRIPTION, s.url("/thumb.jpg")))
    s.add_status("/missing.html", 404)
    s.add_status("/gone.mp4", 410)
    s.add_page("/novideo.html", NO_VIDEO_PAGE)
    s.add_file("/drop.mp4", data, drop_after=len(data) // 2, drop_times=1)
    s.add_page("/drop.html", og_page(s.url("/drop.mp4"), "Dropped", "A clip that breaks #retry"))
    s.add_file("/slow.mp4", data, chunk=4096, delay=0.05)
    s.add_file("/stall.mp4", data, stall_after=16 * 1024)
    return s
