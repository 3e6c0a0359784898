"""One file over HTTPS on the user's request: resumable (HTTP Range), verified (size + sha256), cancellable.

Shared by the model downloads (core/transcribe/download.py, which learns the sha256 from the Hub's headers) and
the one-time fetch of yt-dlp's JavaScript runtime (core/capture/deno_fetch.py, whose sha256 is pinned). A file
is written to `NAME.part` and renamed into place only once it is whole and verified, so an interrupted fetch
resumes on the next try and never looks finished.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any

from studycompanion.core.errors import JobCancelled, UserError
from studycompanion.core.filelock import Cancel
from studycompanion.core.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
RETRIES = 3  # a dropped connection resumes where it stopped, this many times per file
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

# (bytes done, bytes total or 0 when unknown, file name)
FetchProgress = Callable[[int, int, str], None]


class FetchFailed(UserError):
    """A fetch that broke off for good, or a file that came back damaged."""


@dataclass
class Expected:
    size: int | None = None
    sha256: str | None = None


class _RecordingRedirects(urllib.request.HTTPRedirectHandler):
    """Keeps the headers of each redirect hop: the Hub puts the file's sha256 and size on the first one."""

    def __init__(self) -> None:
        self.hops: list[HTTPMessage] = []

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        self.hops.append(headers)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _expected_from(headers: list[HTTPMessage], response: Any, offset: int) -> Expected:
    expected = Expected()
    for h in [*headers, response.headers]:
        for key in ("X-Linked-Etag", "ETag"):
            value = (h.get(key) or "").strip().strip('"').removeprefix("W/").strip('"').lower()
            if _SHA256.match(value) and expected.sha256 is None:
                expected.sha256 = value
        linked = h.get("X-Linked-Size")
        if linked and linked.isdigit() and expected.size is None:
            expected.size = int(linked)
    if expected.size is None:
        content_range = response.headers.get("Content-Range") or ""
        match = re.search(r"/(\d+)$", content_range)
        if match:
            expected.size = int(match.group(1))
        elif response.headers.get("Content-Length", "").isdigit() and response.status == 200:
            expected.size = int(response.headers["Content-Length"])
        elif response.headers.get("Content-Length", "").isdigit():
            expected.size = offset + int(response.headers["Content-Length"])
    return expected


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as inp:
        for block in iter(lambda: inp.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


LARGER = QT_TRANSLATE_NOOP("Fetch", "The downloaded {name} is larger than announced; run it again.")
DAMAGED = QT_TRANSLATE_NOOP("Fetch", "The downloaded {name} is damaged (checksum mismatch); run it again.")
BREAKS_OFF = QT_TRANSLATE_NOOP("Fetch", "The download of {name} keeps breaking off; run it again later to resume.")


def fetch(
    url: str,
    dest: Path,
    *,
    progress: FetchProgress | None = None,
    cancel: Cancel | None = None,
    timeout: float = 30.0,
    pinned: Expected | None = None,
    error: type[UserError] = FetchFailed,
) -> bool:
    """Fetch `url` into `dest`, resuming a partial `dest.part`; False when the server has no such file.

    `pinned` (size, sha256) wins over what the server's headers say, and a partial file already of the pinned
    size (a crash before the rename) is only verified, not fetched again; `error` is the UserError raised for a
    damaged file. Not a lock: callers that may fetch one file twice at once hold core/filelock.locked()."""
    part = dest.with_name(dest.name + ".part")
    offset = part.stat().st_size if part.exists() else 0
    if pinned is not None and pinned.size and offset == pinned.size:
        expected = pinned
    else:
        got = _download(url, part, offset, dest.name, progress=progress, cancel=cancel, timeout=timeout)
        if got is None:
            return False
        expected = Expected(pinned.size or got.size, pinned.sha256 or got.sha256) if pinned is not None else got
    size = part.stat().st_size
    if expected.size is not None and size < expected.size:
        raise ConnectionError(f"{dest.name} stopped early ({size} of {expected.size} bytes)")  # resumed
    if expected.size is not None and size > expected.size:
        part.unlink(missing_ok=True)
        raise error(LARGER(name=dest.name))
    if expected.sha256 is not None and _sha256(part) != expected.sha256:
        part.unlink(missing_ok=True)
        raise error(DAMAGED(name=dest.name))
    os.replace(part, dest)
    return True


def _download(url: str, part: Path, offset: int, name: str, *, progress: FetchProgress | None,
              cancel: Cancel | None, timeout: float) -> Expected | None:
    """Append the rest of `url` to `part` from `offset`; what the server announced, or None for a 404."""
    request = urllib.request.Request(url, headers={"User-Agent": "StudyCompanion"})
    if offset:
        request.add_header("Range", f"bytes={offset}-")
    redirects = _RecordingRedirects()
    opener = urllib.request.build_opener(redirects)
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        if exc.code == 416 and offset:  # the partial file is already whole (or bigger): start again
            part.unlink(missing_ok=True)
            return _download(url, part, 0, name, progress=progress, cancel=cancel, timeout=timeout)
        raise
    with response:
        expected = _expected_from(redirects.hops, response, offset)
        mode = "ab"
        if offset and response.status != 206:  # server ignored the Range: restart from zero
            offset, mode = 0, "wb"
        total = expected.size or 0
        done = offset
        with open(part, mode) as out:
            while True:
                if cancel is not None and cancel.is_set():
                    raise JobCancelled()
                block = response.read(CHUNK)
                if not block:
                    break
                out.write(block)
                done += len(block)
                if progress is not None:
                    progress(done, total, name)
    return expected


def fetch_resuming(
    url: str,
    dest: Path,
    *,
    progress: FetchProgress | None = None,
    cancel: Cancel | None = None,
    timeout: float = 30.0,
    pinned: Expected | None = None,
    error: type[UserError] = FetchFailed,
) -> bool:
    """fetch(), resumed after a dropped connection up to RETRIES times (not after a cancel)."""
    for attempt in range(RETRIES + 1):
        if cancel is not None and cancel.is_set():
            raise JobCancelled()
        try:
            return fetch(url, dest, progress=progress, cancel=cancel, timeout=timeout, pinned=pinned, error=error)
        except (http.client.IncompleteRead, ConnectionError, TimeoutError) as exc:
            if attempt == RETRIES:
                raise error(BREAKS_OFF(name=dest.name), str(exc)) from exc
            log.info("download of %s broke off (%s); resuming", dest.name, exc)
    raise AssertionError("unreachable: the last attempt returns or raises")


def why(exc: BaseException, server: str = "the server") -> str:
    """A network failure in words ("[Errno -2] Name or service not known" means nothing to a student)."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.gaierror):
        return f"this computer is offline, or cannot find {server}"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"{server} did not answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return f"{server} refused the connection"
    return "the connection failed"
