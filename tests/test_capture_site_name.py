"""Link metadata of a web page: the creator is the page's og:site_name when it sets one, and a page with several
videos gives its clip the page's title, without the " (1)" yt-dlp numbers its entries with."""

from __future__ import annotations

from pathlib import Path

import pytest

from studycompanion.core.capture.download import Capturer
from studycompanion.core.capture.metadata import entry_title, og_site_name
from studycompanion.core.settings import Settings
from studycompanion.paths import AppPaths
from tests.conftest_http import clip_server, clip_site, sample_jpeg, sample_mp4  # noqa: F401
from tests.httpserver import ClipServer

TITLE = "Cardiac cycle in 60 seconds"


def _page(video: str, second: str | None, site: str | None) -> str:
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    extra = f'<video controls><source src="{second}" type="video/mp4"></video>' if second else ""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{TITLE}</title>
<meta property="og:title" content="{TITLE}">{site_meta}
<meta property="og:type" content="video.other">
<meta property="og:video" content="{video}"><meta property="og:video:type" content="video/mp4">
</head><body><h1>{TITLE}</h1>{extra}</body></html>"""


@pytest.fixture
def capturer(home: AppPaths) -> Capturer:
    return Capturer(home, Settings(capture_timeout=3, capture_retries=3))


def test_site_name_is_the_creator_and_no_entry_number(capturer: Capturer, clip_site: ClipServer,  # noqa: F811
                                                      sample_mp4: Path, tmp_path: Path) -> None:  # noqa: F811
    clip_site.add_file("/b.mp4", sample_mp4.read_bytes())
    clip_site.add_page("/two.html", _page(clip_site.url("/clip.mp4"), clip_site.url("/b.mp4"), "MedClips &amp; Co"))
    clip = capturer.download(clip_site.url("/two.html"), tmp_path / "dl")
    assert clip.title == TITLE  # never "Cardiac cycle in 60 seconds (1)"
    assert clip.creator_name == "MedClips & Co"


def test_a_page_without_site_name_has_no_creator(capturer: Capturer, clip_site: ClipServer,  # noqa: F811
                                                 tmp_path: Path) -> None:
    clip_site.add_page("/plain.html", _page(clip_site.url("/clip.mp4"), None, None))
    clip = capturer.download(clip_site.url("/plain.html"), tmp_path / "dl")
    assert clip.title == TITLE and clip.creator_name == ""


def test_the_parsers() -> None:
    assert og_site_name('<meta content="Osmosis" property="og:site_name">') == "Osmosis"
    assert og_site_name("<meta property='og:title' content='x'>") == ""
    assert entry_title("Lecture (1)", "Lecture") == "Lecture"
    assert entry_title("Top 10 drugs (2)", "Pharmacology notes") == "Top 10 drugs (2)"
