"""Downloads a whisper model on explicit request: resumable (HTTP Range), verified (size + sha256), with progress.

Files are fetched into models/.partial/NAME/ and moved into models/NAME/ only when every one is verified; a
`.complete` marker written last is what makes the registry treat the folder as usable. Nothing here runs
unless the user asked for the download.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import urllib.error
from pathlib import Path

from studycompanion.core.fetch import FetchProgress, fetch_resuming, why
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.transcribe.models import (
    COMPLETE_MARKER,
    ModelSource,
    ModelUnavailable,
    installed_dir,
    spec_for,
)

log = logging.getLogger(__name__)

# What the window shows when a model download fails
NOT_DOWNLOADABLE = QT_TRANSLATE_NOOP("ModelDownload", "'{name}' is not a downloadable model (it comes with "
                                     "StudyCompanion or its extras).")
NO_FILE = QT_TRANSLATE_NOOP("ModelDownload", "The model repository {repo} has no {filename}; cannot use '{name}'.")
NO_VOCABULARY = QT_TRANSLATE_NOOP("ModelDownload", "The model repository {repo} has no vocabulary file.")
NOT_DOWNLOADED = QT_TRANSLATE_NOOP("ModelDownload", "Could not download the '{name}' model: {why}. Check the internet "
                                   "connection and run it again (it resumes where it stopped); the current model "
                                   "keeps working meanwhile.")
NOT_SAVED = QT_TRANSLATE_NOOP("ModelDownload", "Could not save the '{name}' model: {why}")

HF_BASE_URL = "https://huggingface.co"
REQUIRED = ("config.json", "model.bin", "tokenizer.json")
OPTIONAL = ("preprocessor_config.json",)
VOCABULARY_CHOICES = ("vocabulary.txt", "vocabulary.json")  # one of them must exist

def download_model(
    name: str,
    models_dir: Path,
    *,
    progress: FetchProgress | None = None,  # (bytes done, bytes total or 0 when unknown, file name)
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
        raise ModelUnavailable(NOT_DOWNLOADABLE(name=name))
    staging = models_dir / ".partial" / name
    staging.mkdir(parents=True, exist_ok=True)
    root = f"{base_url.rstrip('/')}/{spec.repo}/resolve/main"

    def get(filename: str) -> bool:
        """The file is in the staging folder already, or now (False: the repository has no such file)."""
        return (staging / filename).is_file() or fetch_resuming(
            f"{root}/{filename}", staging / filename, progress=progress, cancel=cancel, timeout=timeout,
            error=ModelUnavailable)

    try:
        for filename in REQUIRED:
            if not get(filename):
                raise ModelUnavailable(NO_FILE(repo=spec.repo, filename=filename, name=name))
        if not any(get(vocabulary) for vocabulary in VOCABULARY_CHOICES):  # the first one there or found
            raise ModelUnavailable(NO_VOCABULARY(repo=spec.repo))
        for filename in OPTIONAL:
            get(filename)
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise ModelUnavailable(NOT_DOWNLOADED(name=name, why=why(exc, "the model server")), str(exc)) from exc
    except OSError as exc:
        raise ModelUnavailable(NOT_SAVED(name=name, why=exc.strerror or exc), str(exc)) from exc

    final = models_dir / name
    if final.exists():
        shutil.rmtree(final)
    os.replace(staging, final)
    (final / COMPLETE_MARKER).write_text(f"downloaded from {spec.repo}\n", encoding="utf-8")
    log.info("downloaded model %s into %s", name, final)
    return final
