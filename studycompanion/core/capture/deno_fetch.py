"""yt-dlp's JavaScript runtime, fetched once on the first YouTube link where the app did not ship one.

YouTube hides its video formats behind JavaScript challenges that yt-dlp-ejs solves with deno. The `deno` wheel
(a pip dependency) carries the binary, 96 MB of the desktop bundle for one site, so the bundle leaves it out
(issue 17, the size budget) and the first YouTube link fetches the pinned wheel of this platform from PyPI:
40 MB, once, resumable, its sha256 checked, only the binary kept under <library>/tools/. A YouTube link needs
the internet anyway; TikTok, Instagram, files and every offline feature never need deno. Where deno is
installed (the wheel, or a system one), nothing is fetched.
"""

from __future__ import annotations

import logging
import os
import platform
import shutil
import sys
import urllib.error
import zipfile
from dataclasses import dataclass
from pathlib import Path

from studycompanion.core.errors import UserError
from studycompanion.core.fetch import Expected, FetchProgress, fetch_resuming, why
from studycompanion.core.filelock import Cancel, locked
from studycompanion.core.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DENO_VERSION = "2.9.8"
PYPI_FILES = "https://files.pythonhosted.org/packages"

NO_BUILD = QT_TRANSLATE_NOOP("DenoFetch", "YouTube links need deno, which has no build here that StudyCompanion "
                             "knows; install deno (https://deno.com) and try again.")
NOT_FETCHED = QT_TRANSLATE_NOOP("DenoFetch", "YouTube links need deno (a {mb} MB download, once), and it could not be "
                                "fetched: {why}. Try again when online; it resumes where it stopped.")
GONE_FROM_PYPI = QT_TRANSLATE_NOOP("DenoFetch", "PyPI no longer has {filename}; update StudyCompanion for YouTube "
                                   "links.")
NO_DENO_INSIDE = QT_TRANSLATE_NOOP("DenoFetch", "The deno download has no deno in it; try again.")
NOT_SAVED = QT_TRANSLATE_NOOP("DenoFetch", "YouTube links need deno, and it could not be saved in the library: {why}.")


class DenoUnavailable(UserError):
    """deno could not be fetched, or has no build for this platform."""


@dataclass(frozen=True)
class DenoWheel:
    path: str  # under PYPI_FILES
    sha256: str
    size: int

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]


# (sys.platform, machine) -> the pinned wheel; from https://pypi.org/simple/deno/ (deno 2.9.8)
WHEELS: dict[tuple[str, str], DenoWheel] = {
    ("linux", "x86_64"): DenoWheel(
        "76/21/16d41da4c0c1c966d85fbfc5af6e2ea5e55eb9aadce00b82810875fe11d0/deno-2.9.8-py3-none-manylinux_2_27_x86_64.whl",
        "b1d1318e7deda8efd593aefa8b565a827fe71cf83aeff09d3a5ceb047444ca18", 41_964_284),
    ("linux", "aarch64"): DenoWheel(
        "0b/01/4a71078d8007c04f36b7306a0e9838e43a6e0c56d48f947040b779d469d1/deno-2.9.8-py3-none-manylinux_2_27_aarch64.whl",
        "3e286918a36f436134336c5c6ef37dfe3a27f16ea22cd6af452ab7daa4ef1da4", 40_125_945),
    ("darwin", "x86_64"): DenoWheel(
        "4d/b1/ed2631d14362b442854a14efc5e3ac1b3422e6544734b2d746114f874acf/deno-2.9.8-py3-none-macosx_10_12_x86_64.whl",
        "338245af268724ae55ebebdb81270a0553b665affde8bdd80b01b8f1c07c7163", 42_807_330),
    ("darwin", "arm64"): DenoWheel(
        "67/d7/78ae96540972c31d5787ab454af58a30a52ec35984bc4143b19f4175707d/deno-2.9.8-py3-none-macosx_11_0_arm64.whl",
        "b82eac91d3e3f6fe37d94a12f833550e05029274cb9020b1e3f0f61e1678dc24", 38_783_813),
    ("win32", "x86_64"): DenoWheel(
        "fb/42/07b0f91b0962869218653e32a85aebf22fc359a146d8c032623994b9457f/deno-2.9.8-py3-none-win_amd64.whl",
        "60dd97e612b8bab67c8080712646a821071e3809909489f853763cea19617700", 41_825_460),
}


def platform_key() -> tuple[str, str]:
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "arm64": "arm64" if sys.platform == "darwin" else "aarch64"}.get(
        machine, machine)
    return sys.platform, machine


def _binary_name() -> str:
    return "deno.exe" if sys.platform == "win32" else "deno"


def fetched_deno(root: Path) -> Path | None:
    """The deno fetched earlier into this library's tools folder, if it is there."""
    path = root / "tools" / f"deno-{DENO_VERSION}" / _binary_name()
    return path if path.is_file() else None


def fetch_deno(
    root: Path,
    *,
    progress: FetchProgress | None = None,
    cancel: Cancel | None = None,
    base_url: str | None = None,  # PYPI_FILES
    timeout: float = 30.0,
) -> Path:
    """Fetch the pinned deno wheel for this platform, keep its binary under root/tools/, return its path.

    Downloads run side by side (several YouTube links at once, the window and a CLI `add`): one fetches under
    a file lock, the others wait for it (cancellable) and use its result; they never append to one partial file
    together. A file that cannot be written (a full disk) is said in words."""
    try:
        with locked(root / "tools" / ".deno.lock", cancel):
            return _fetch_deno(root, progress=progress, cancel=cancel, base_url=base_url, timeout=timeout)
    except OSError as exc:
        raise DenoUnavailable(NOT_SAVED(why=exc.strerror or str(exc)), str(exc)) from exc


def _fetch_deno(root: Path, *, progress: FetchProgress | None, cancel: Cancel | None, base_url: str | None,
                timeout: float) -> Path:
    done = fetched_deno(root)
    if done is not None:
        return done
    wheel = WHEELS.get(platform_key())
    if wheel is None:
        raise DenoUnavailable(NO_BUILD(), f"platform {platform_key()}")
    staging = root / "tools" / ".partial"
    staging.mkdir(parents=True, exist_ok=True)
    archive = staging / wheel.filename
    try:
        url = f"{(base_url or PYPI_FILES).rstrip('/')}/{wheel.path}"
        found = fetch_resuming(url, archive, progress=progress, cancel=cancel, timeout=timeout,
                               pinned=Expected(wheel.size, wheel.sha256), error=DenoUnavailable)
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise DenoUnavailable(NOT_FETCHED(mb=f"{wheel.size / 1e6:.0f}", why=why(exc, "PyPI")), str(exc)) from exc
    if not found:
        raise DenoUnavailable(GONE_FROM_PYPI(filename=wheel.filename))
    folder = root / "tools" / f"deno-{DENO_VERSION}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / _binary_name()
    member = f"deno-{DENO_VERSION}.data/scripts/{_binary_name()}"
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(member) as inp, open(target.with_suffix(".part"), "wb") as out:
            shutil.copyfileobj(inp, out, 4 * 1024 * 1024)
    except (KeyError, zipfile.BadZipFile) as exc:
        archive.unlink(missing_ok=True)
        raise DenoUnavailable(NO_DENO_INSIDE(), str(exc)) from exc
    os.chmod(target.with_suffix(".part"), 0o755)
    os.replace(target.with_suffix(".part"), target)
    archive.unlink(missing_ok=True)
    log.info("fetched deno %s into %s", DENO_VERSION, target)
    return target

