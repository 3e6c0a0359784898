"""yt-dlp's DownloadError mapped to typed capture errors by its real cause (exc_info) or, failing that, its words."""

from __future__ import annotations

import sys

import pytest
from yt_dlp.cookies import CookieLoadError
from yt_dlp.networking.common import Response
from yt_dlp.networking.exceptions import HTTPError, TransportError
from yt_dlp.utils import DownloadError, ExtractorError, GeoRestrictedError, UnsupportedError

from studycompanion.core.capture.errors import (
    CaptureCancelled,
    CaptureError,
    CookiesUnavailable,
    GeoBlocked,
    LoginRequired,
    NotFoundOrRemoved,
    NoVideoFound,
    RateLimited,
    Unreachable,
    UnsupportedSite,
    classify,
)
from studycompanion.core.errors import UserError


def wrapped(cause: BaseException, message: str | None = None) -> DownloadError:
    """What YoutubeDL raises: a DownloadError whose exc_info holds the real cause."""
    try:
        raise cause
    except BaseException:
        return DownloadError(message or f"ERROR: {cause}", sys.exc_info())


def http_error(status: int) -> HTTPError:
    import io

    return HTTPError(Response(io.BytesIO(b""), "http://x/", {}, status=status))


URL = "https://www.tiktok.com/@x/video/1234567890"


@pytest.mark.parametrize(
    ("cause", "expected"),
    [
        (GeoRestrictedError("This video is not available from your location"), GeoBlocked),
        (ExtractorError("This video is only available for registered users. Use --cookies-from-browser"),
         LoginRequired),
        (ExtractorError("This account is private"), LoginRequired),
        (ExtractorError("Sign in to confirm your age"), LoginRequired),
        (ExtractorError("Video unavailable. This video has been removed by the uploader"), NotFoundOrRemoved),
        (ExtractorError("HTTP Error 429: Too Many Requests"), RateLimited),
        (ExtractorError("Unable to extract", cause=http_error(404)), NotFoundOrRemoved),
        (ExtractorError("Unable to download webpage", cause=http_error(429)), RateLimited),
        (ExtractorError("Unable to download webpage", cause=TransportError("timed out")), Unreachable),
        (TransportError("[Errno -2] Name or service not known"), Unreachable),
        (ExtractorError("No video formats found!"), NoVideoFound),
        (UnsupportedError(URL), UnsupportedSite),
        (ExtractorError("something nobody expected"), CaptureError),
    ],
)
def test_classify_by_cause(cause: BaseException, expected: type[Exception]) -> None:
    error = classify(wrapped(cause), URL, web_page=False)
    assert type(error) is expected
    assert isinstance(error, UserError)
    assert error.message and error.message[0].isupper() and "ERROR:" not in error.message
    assert error.detail


def test_unsupported_on_a_web_page_means_no_video() -> None:
    assert isinstance(classify(wrapped(UnsupportedError("http://a/b")), "http://a/b", web_page=True), NoVideoFound)


def test_geo_message_without_a_typed_cause() -> None:
    error = classify(DownloadError("ERROR: [TikTok] 1: Video not available in your country"), URL, web_page=False)
    assert isinstance(error, GeoBlocked)


def test_login_message_says_how_to_give_cookies() -> None:
    error = classify(wrapped(ExtractorError("Log in for access. Use --cookies")), URL, web_page=False)
    assert isinstance(error, LoginRequired)
    assert "Settings" in error.message and "cookies" in error.message


def test_cookie_load_error() -> None:
    try:
        try:
            raise FileNotFoundError("could not find firefox cookies database")
        except FileNotFoundError as inner:
            raise CookieLoadError("failed to load cookies") from inner
    except CookieLoadError as exc:
        error = classify(wrapped(exc), URL, web_page=False)
    assert isinstance(error, CookiesUnavailable)
    assert "firefox" in error.message


def test_cancel_is_recognised() -> None:
    from yt_dlp.utils import DownloadCancelled

    assert isinstance(classify(wrapped(DownloadCancelled("stop")), URL, web_page=False), CaptureCancelled)
