"""Downloads a whisper model on explicit request: resumable (HTTP Range), verified (size + sha256), with progress.

Files are fetched into models/.partial/NAME/ and moved into models/NAME/ only when every one is verified; a
`.complete` marker written last is what makes the registry treat the folder as usable. Nothing here runs
unless the user asked for the download.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import os
import re
import shutil
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any

from studycompanion.core.errors import JobCancelled
from studycompanion.core.transcribe.models import (
    COMPLETE_MARKER,
    ModelSource,
    ModelUnavailable,
    installed_dir,
    spec_for,
)

log = logging.getLogger(__name__)

HF_BASE_URL = "https://huggingface.co"
REQUIRED = ("config.json", "model.bin", "tokenizer.json")
OPTIONAL = ("preprocessor_config.json",)
VOCABULARY_CHOICES = ("vocabulary.txt", "vocabulary.json")  # one of them must exist
CHUNK = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

# (bytes done, bytes total or 0 when unknown, file name)
DownloadProgress = Callable[[int, int, str], None]


@dataclass
class _Expected:
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


def _expected_from(headers: list[HTTPMessage], response: Any, offset: int) -> _Expected:
    expected = _Expected()
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


def _fetch(
    url: str,
    dest: Path,
    *,
    progress: DownloadProgress | None,
    cancel: threading.Event | None,
    timeout: float,
) -> bool:
    """Fetch `url` into `dest`, resuming a partial `dest.part`; False when the server has no such file."""
    part = dest.with_name(dest.name + ".part")
    offset = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "StudyCompanion"})
    if offset:
        request.add_header("Range", f"bytes={offset}-")
    redirects = _RecordingRedirects()
    opener = urllib.request.build_opener(redirects)
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return False
        if exc.code == 416 and offset:  # the partial file is already whole (or bigger): start again
            part.unlink(missing_ok=True)
            return _fetch(url, dest, progress=progress, cancel=cancel, timeout=timeout)
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
                    progress(done, total, dest.name)
    size = part.stat().st_size
    if expected.size is not None and size < expected.size:
        raise ConnectionError(f"{dest.name} stopped early ({size} of {expected.size} bytes)")  # resumed
    if expected.size is not None and size > expected.size:
        part.unlink(missing_ok=True)
        raise ModelUnavailable(f"The downloaded {dest.name} is larger than announced; run it again.")
    if expected.sha256 is not None:
        digest = hashlib.sha256()
        with open(part, "rb") as inp:
            for block in iter(lambda: inp.read(CHUNK), b""):
                digest.update(block)
        if digest.hexdigest() != expected.sha256:
            part.unlink(missing_ok=True)
            raise ModelUnavailable(f"The downloaded {dest.name} is damaged (checksum mismatch); run it again.")
    os.replace(part, dest)
    return True


RETRIES = 3  # a dropped connection resumes where it stopped, this many times per file


def _fetch_resuming(
    url: str,
    dest: Path,
    *,
    progress: DownloadProgress | None,
    cancel: threading.Event | None,
    timeout: float,
) -> bool:
    for attempt in range(RETRIES + 1):
        try:
            return _fetch(url, dest, progress=progress, cancel=cancel, timeout=timeout)
        except (http.client.IncompleteRead, ConnectionError, TimeoutError) as exc:
            if attempt == RETRIES:
                raise ModelUnavailable(
                    f"The download of {dest.name} keeps breaking off; run it again later to resume.", str(exc)
                ) from exc
            log.info("download of %s broke off (%s); resuming", dest.name, exc)
    return False


def _why(exc: BaseException) -> str:
    """A network failure in words ("[Errno -2] Name or service not known" means nothing to a student)."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.gaierror):
        return "this computer is offline, or cannot find the model server"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "the model server did not answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "the model server refused the connection"
    return "the connection failed"


def download_model(
    name: str,
    models_dir: Path,
    *,
    progress: DownloadProgress | None = None,
    cancel: threading.Event | None = None,
    base_url: str = HF_BASE_URL,
    timeout: float = 30.0,
) -> Path:
    """Download `name` into models_dir/NAME and return the folder (returns at once when already there)."""
    spec = spec_for(name)
    done = installed_dir(name, models_dir)
    if done is not None:
        return done
    if spec.source is not ModelSource.DOWNLOAD or not spec.repo:
        raise ModelUnavailable(f"'{name}' is not a downloadable model (it comes with StudyCompanion or its extras).")
    staging = models_dir / ".partial" / name
    staging.mkdir(parents=True, exist_ok=True)
    root = f"{base_url.rstrip('/')}/{spec.repo}/resolve/main"
    try:
        for filename in REQUIRED:
            if not (staging / filename).is_file() and not _fetch_resuming(
                f"{root}/{filename}", staging / filename, progress=progress, cancel=cancel, timeout=timeout
            ):
                raise ModelUnavailable(f"The model repository {spec.repo} has no {filename}; cannot use '{name}'.")
        if not any((staging / v).is_file() for v in VOCABULARY_CHOICES):
            for vocabulary in VOCABULARY_CHOICES:
                if _fetch_resuming(f"{root}/{vocabulary}", staging / vocabulary, progress=progress, cancel=cancel,
                          timeout=timeout):
                    break
            else:
                raise ModelUnavailable(f"The model repository {spec.repo} has no vocabulary file.")
        for filename in OPTIONAL:
            if not (staging / filename).is_file():
                _fetch_resuming(
                    f"{root}/{filename}", staging / filename, progress=progress, cancel=cancel, timeout=timeout
                )
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise ModelUnavailable(
            f"Could not download the '{name}' model: {_why(exc)}. Check the internet connection and run it again "
            "(it resumes where it stopped); the current model keeps working meanwhile.",
            str(exc),
        ) from exc
    except OSError as exc:
        raise ModelUnavailable(f"Could not save the '{name}' model: {exc.strerror or exc}", str(exc)) from exc

    final = models_dir / name
    if final.exists():
        shutil.rmtree(final)
    os.replace(staging, final)
    (final / COMPLETE_MARKER).write_text(f"downloaded from {spec.repo}\n", encoding="utf-8")
    log.info("downloaded model %s into %s", name, final)
    return final
