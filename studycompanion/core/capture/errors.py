"""Typed capture errors and the mapping from yt-dlp's DownloadError (whose real cause is in exc_info) to them."""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Iterator

from studycompanion.core.errors import JobCancelled, UserError
from studycompanion.core.text import QT_TRANSLATE_NOOP

# What the window shows for a failed link (whole sentences, the cookies hint written out in each that needs it)
COOKIES_UNREADABLE = QT_TRANSLATE_NOOP("CaptureErrors", "The cookies chosen in Settings → Capture could not be read: "
                                       "{why}.")
NOT_IN_COUNTRY = QT_TRANSLATE_NOOP("CaptureErrors", "This clip is not available in your country.")
HTTP_GONE = QT_TRANSLATE_NOOP("CaptureErrors", "Not found (HTTP {status}): the clip was removed or the link is wrong.")
NEEDS_LOGIN = QT_TRANSLATE_NOOP("CaptureErrors", "This clip needs a login. In Settings → Capture, pick the browser "
                                "you are logged in with (its cookies are used) or a cookies.txt file, then try again.")
REFUSED_403 = QT_TRANSLATE_NOOP("CaptureErrors", "The site refused the download (HTTP 403). If the clip needs a "
                                "login: In Settings → Capture, pick the browser you are logged in with (its cookies "
                                "are used) or a cookies.txt file, then try again.")
RATE_LIMITED = QT_TRANSLATE_NOOP("CaptureErrors", "The site is rate-limiting downloads. Wait a few minutes and retry.")
SITE_TROUBLE = QT_TRANSLATE_NOOP("CaptureErrors", "The site is having trouble (HTTP {status}). Try again later.")
HTTP_OTHER = QT_TRANSLATE_NOOP("CaptureErrors", "The site answered HTTP {status}: {raw}")
NO_VIDEO_ON_PAGE = QT_TRANSLATE_NOOP("CaptureErrors", "No video was found on that page.")
UNSUPPORTED = QT_TRANSLATE_NOOP("CaptureErrors", "That link is not supported: {url}")
BROKE_OFF = QT_TRANSLATE_NOOP("CaptureErrors", "The connection kept breaking off during the download. Retry: it "
                              "continues where it stopped.")
TIMED_OUT = QT_TRANSLATE_NOOP("CaptureErrors", "The site did not answer in time (time-out). Check your connection "
                              "and retry.")
NO_CONNECTION = QT_TRANSLATE_NOOP("CaptureErrors", "Could not reach the site. Check your internet connection and the "
                                  "link, then retry.")
REMOVED = QT_TRANSLATE_NOOP("CaptureErrors", "This clip was removed, made private, or the link is wrong.")
NO_VIDEO_AT_LINK = QT_TRANSLATE_NOOP("CaptureErrors", "No video was found at that link.")
FAILED = QT_TRANSLATE_NOOP("CaptureErrors", "The download failed: {raw}")


class CaptureError(UserError):
    """A clip could not be captured; `message` says why in words a student understands."""


class UnsupportedSite(CaptureError):
    """The link is not something a clip can be downloaded from."""


class NotFoundOrRemoved(CaptureError):
    """404/410, or the platform says the clip was deleted or made private."""


class LoginRequired(CaptureError):
    """The clip is only visible when logged in (private, age-gated, favourites, most of Instagram)."""


class RateLimited(CaptureError):
    """The site asked us to slow down (HTTP 429 or its own wording)."""


class Unreachable(CaptureError):
    """No connection, DNS failure, time-out, or a connection that kept breaking off."""


class GeoBlocked(CaptureError):
    """The clip is not available in the student's country."""


class NoVideoFound(CaptureError):
    """The page loaded but has no video on it (or the file is not a video)."""


class CookiesUnavailable(CaptureError):
    """The cookies chosen in settings could not be read."""


class CaptureCancelled(JobCancelled):
    """The student stopped the download."""


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    """The exception, then its causes (yt-dlp's .cause / .exc_info, Python's __cause__ / __context__)."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        cur = stack.pop(0)
        if cur is None or id(cur) in seen:
            continue
        seen.add(id(cur))
        yield cur
        exc_info = getattr(cur, "exc_info", None)
        if isinstance(exc_info, tuple) and len(exc_info) >= 2 and isinstance(exc_info[1], BaseException):
            stack.append(exc_info[1])
        for attr in ("cause", "__cause__", "__context__", "orig_msg"):
            nxt = getattr(cur, attr, None)
            if isinstance(nxt, BaseException):
                stack.append(nxt)


def _clean_message(text: str) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    text = re.sub(r"^(ERROR:\s*)+", "", text.strip())
    text = re.sub(r"^\[[\w:]+\]\s*([\w-]+:\s*)?", "", text)
    text = re.sub(r"\s*\(caused by .*\)$", "", text, flags=re.DOTALL)
    text = re.sub(r";?\s*please report this issue.*$", "", text, flags=re.IGNORECASE | re.DOTALL)
    return text.strip() or "unknown error"


_LOGIN_WORDS = re.compile(
    r"log ?in|sign ?in|cookies|\bprivate\b|only available for registered|members[- ]only|"
    r"confirm your age|age[- ]restricted|inappropriate|requires authentication|not logged",
    re.IGNORECASE,
)
_GEO_WORDS = re.compile(r"geo[- ]?restrict|not available (in|from) your (country|location|region)", re.IGNORECASE)
_RATE_WORDS = re.compile(r"\b429\b|too many requests|rate[- ]?limit|try again later|slow down", re.IGNORECASE)
_GONE_WORDS = re.compile(
    r"\b(404|410)\b|not found|does not exist|has been removed|was removed|been deleted|no longer available|"
    r"video unavailable|video is unavailable|post isn't available|content is unavailable|terminated",
    re.IGNORECASE,
)
_NOVIDEO_WORDS = re.compile(r"no video formats|no video|unsupported url|no media|there is no video", re.IGNORECASE)


def classify(exc: BaseException, url: str, *, web_page: bool) -> BaseException:
    """The typed error for a failed capture of `url` (web_page: a generic page rather than a known platform)."""
    from yt_dlp.cookies import CookieLoadError
    from yt_dlp.networking.exceptions import HTTPError, IncompleteRead, TransportError
    from yt_dlp.utils import (
        ContentTooShortError,
        DownloadCancelled,
        GeoRestrictedError,
        UnsupportedError,
    )

    raw = _clean_message(str(exc))
    detail = f"{type(exc).__name__}: {str(exc).strip()}"
    chain = list(_chain(exc))
    for cur in chain:
        if isinstance(cur, (CaptureCancelled, JobCancelled, DownloadCancelled)):
            return CaptureCancelled("Download stopped.")
        if isinstance(cur, CaptureError):
            return cur
    for cur in chain:
        if isinstance(cur, CookieLoadError):
            return CookiesUnavailable(COOKIES_UNREADABLE(why=_clean_message(str(cur.__context__ or cur))), detail)
        if isinstance(cur, GeoRestrictedError):
            return GeoBlocked(NOT_IN_COUNTRY(), detail)
        if isinstance(cur, HTTPError):
            status = cur.status
            if status in (404, 410):
                return NotFoundOrRemoved(HTTP_GONE(status=status), detail)
            if status == 401:
                return LoginRequired(NEEDS_LOGIN(), detail)
            if status == 403:
                return LoginRequired(REFUSED_403(), detail)
            if status == 429:
                return RateLimited(RATE_LIMITED(), detail)
            if status >= 500:
                return Unreachable(SITE_TROUBLE(status=status), detail)
            return CaptureError(HTTP_OTHER(status=status, raw=raw), detail)
        if isinstance(cur, UnsupportedError):
            if web_page:
                return NoVideoFound(NO_VIDEO_ON_PAGE(), detail)
            return UnsupportedSite(UNSUPPORTED(url=url), detail)
        if isinstance(cur, (ContentTooShortError, IncompleteRead)):
            return Unreachable(BROKE_OFF(), detail)
        if isinstance(cur, (TimeoutError, socket.timeout)) or "timed out" in str(cur).lower():
            return Unreachable(TIMED_OUT(), detail)
        if isinstance(cur, (TransportError, ConnectionError, socket.gaierror, ssl.SSLError)):
            return Unreachable(NO_CONNECTION(), detail)
    # No typed cause: fall back on yt-dlp's wording.
    if _GEO_WORDS.search(raw):
        return GeoBlocked(NOT_IN_COUNTRY(), detail)
    if _RATE_WORDS.search(raw):
        return RateLimited(RATE_LIMITED(), detail)
    if _LOGIN_WORDS.search(raw):
        return LoginRequired(NEEDS_LOGIN(), detail)
    if _GONE_WORDS.search(raw):
        return NotFoundOrRemoved(REMOVED(), detail)
    if _NOVIDEO_WORDS.search(raw):
        return NoVideoFound(NO_VIDEO_AT_LINK(), detail)
    return CaptureError(FAILED(raw=raw), detail)
