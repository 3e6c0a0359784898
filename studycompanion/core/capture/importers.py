"""Read bulk imports: TikTok "Download your data" exports (JSON, TXT, ZIP) and plain text / CSV lists of links.

`read_export` reads every list of a file once (favourites, likes, posts, links); `inspect_export` counts them
so the user can choose before importing; `read_import` applies the choice. The TikTok formats live in
tiktok_json.py and tiktok_txt.py, the shapes they fill in import_model.py.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from studycompanion.core.capture.import_model import (
    EntryKind,
    ExportCounts,
    ImportBatch,
    ImportChoice,
    ImportEntry,
    ImportFormatError,
    InvalidEntry,
    ParsedExport,
    choice_from_flags,
    parse_date,
)
from studycompanion.core.capture.links import UnsupportedLink, normalise
from studycompanion.core.capture.tiktok_json import load_json, read_json_export
from studycompanion.core.capture.tiktok_txt import looks_like_tiktok_txt, read_txt_export, standalone_kind, zip_kinds
from studycompanion.core.text import QT_TRANSLATE_NOOP

# What the window shows when an import file cannot be read
A_FOLDER = QT_TRANSLATE_NOOP("ImportErrors", "{path} is a folder; choose the export file inside it.")
TOO_LARGE = QT_TRANSLATE_NOOP("ImportErrors", "{name} is too large to be an export or a list of links.")
INPUT_TOO_LARGE = QT_TRANSLATE_NOOP("ImportErrors", "The input is too large to be an export or a list of links.")
MISSING = QT_TRANSLATE_NOOP("ImportErrors", "{path} does not exist.")
UNREADABLE = QT_TRANSLATE_NOOP("ImportErrors", "{path} cannot be read: {why}")
NOT_TEXT = QT_TRANSLATE_NOOP("ImportErrors", "{name} is not a text, JSON or ZIP file.")
FILE_NOT_TEXT = QT_TRANSLATE_NOOP("ImportErrors", "The file is not a text, JSON or ZIP file.")
BAD_ZIP = QT_TRANSLATE_NOOP("ImportErrors", "{name} is a damaged or encrypted ZIP file.")
NO_EXPORT_IN_ZIP = QT_TRANSLATE_NOOP("ImportErrors", "{name} has no TikTok export (user_data JSON or TXT files) "
                                     "inside.")
ZIP_BAD = QT_TRANSLATE_NOOP("ImportErrors", "The ZIP file is damaged or encrypted.")
ZIP_NO_EXPORT = QT_TRANSLATE_NOOP("ImportErrors", "The ZIP file has no TikTok export (user_data JSON or TXT files) "
                                  "inside.")

__all__ = [
    "MAX_BYTES",
    "EntryKind",
    "ExportCounts",
    "ImportBatch",
    "ImportChoice",
    "ImportEntry",
    "ImportFormatError",
    "InvalidEntry",
    "ParsedExport",
    "choice_from_flags",
    "inspect_export",
    "parse_date",
    "parse_link_list",
    "parse_tiktok_json",
    "parse_tiktok_json_text",
    "parse_tiktok_txt",
    "read_export",
    "read_export_bytes",
    "read_import",
    "read_import_bytes",
]

MAX_BYTES = 200 * 1024 * 1024  # a TikTok export with years of history is a few MB


def _choice(likes: bool, choice: ImportChoice | None) -> ImportChoice:
    return choice if choice is not None else (ImportChoice.LIKES if likes else ImportChoice.FAVOURITES)


# ---- entry points -------------------------------------------------------------------------------------


def read_export(path: Path) -> ParsedExport:
    """Every list in an import file (any supported format), before the user's choice."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ImportFormatError(A_FOLDER(path=path))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFormatError(TOO_LARGE(name=path.name))
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFormatError(MISSING(path=path)) from exc
    except OSError as exc:
        raise ImportFormatError(UNREADABLE(path=path, why=exc.strerror or exc), str(exc)) from exc
    return read_export_bytes(data, path.name)


def inspect_export(path: Path) -> ExportCounts:
    """How many favourites, likes, posts and plain links a file holds: what to offer before importing."""
    return read_export(path).counts()


def read_import(path: Path, *, likes: bool = False, choice: ImportChoice | None = None) -> ImportBatch:
    """Read any supported import file: favourites by default, likes (only) with `likes`, or `choice`."""
    return read_export(path).select(_choice(likes, choice))


def read_export_bytes(data: bytes, name: str = "") -> ParsedExport:
    """Like read_export, for bytes (standard input, a ZIP member, a drop)."""
    if len(data) > MAX_BYTES:
        raise ImportFormatError(TOO_LARGE(name=name) if name else INPUT_TOO_LARGE())
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _read_zip(data, name)
    text = _decode(data, name)
    stripped = text.lstrip()
    if name.lower().endswith(".json") or stripped.startswith(("{", "[")):
        return read_json_export(load_json(text, name))
    if looks_like_tiktok_txt(text):
        kind = standalone_kind(text, name)
        if kind is None:
            return ParsedExport("tiktok-txt", tiktok=True)
        return read_txt_export(text, kind)
    return _link_list(text, csv_mode=name.lower().endswith(".csv"))


def read_import_bytes(data: bytes, name: str = "", *, likes: bool = False,
                      choice: ImportChoice | None = None) -> ImportBatch:
    return read_export_bytes(data, name).select(_choice(likes, choice))


def parse_tiktok_json(data: Any, *, likes: bool = False, choice: ImportChoice | None = None) -> ImportBatch:
    """Favourites (or likes, or both) from any TikTok JSON layout; never raises on unexpected shapes."""
    return read_json_export(data).select(_choice(likes, choice))


def parse_tiktok_json_text(text: str, *, likes: bool = False, name: str = "") -> ImportBatch:
    return parse_tiktok_json(load_json(text, name), likes=likes)


def parse_tiktok_txt(text: str, *, likes: bool = False, name: str = "") -> ImportBatch:
    """The TXT export: `Date: ...` / `Link: ...` records, in one file per list or under list headings."""
    kind = standalone_kind(text, name)
    parsed = read_txt_export(text, kind) if kind is not None else ParsedExport("tiktok-txt", tiktok=True)
    return parsed.select(_choice(likes, None))


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFormatError(NOT_TEXT(name=name) if name else FILE_NOT_TEXT())
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_zip(data: bytes, name: str) -> ParsedExport:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and m.file_size <= MAX_BYTES]
            jsons = [m for m in members if m.filename.lower().endswith(".json")]
            txts = [m for m in members if m.filename.lower().endswith(".txt")]
            if jsons:
                best = max(jsons, key=lambda m: m.file_size)
                return read_json_export(load_json(_decode(zf.read(best), best.filename), best.filename))
            texts = {m.filename: _decode(zf.read(m), m.filename) for m in txts}
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
        raise ImportFormatError(BAD_ZIP(name=name) if name else ZIP_BAD(), str(exc)) from exc
    merged = ParsedExport("tiktok-txt", tiktok=True)
    found = False
    for member, kind in zip_kinds(texts).items():
        if kind is None:
            continue
        found = True
        read_txt_export(texts[member], kind, into=merged, prefix=f"{Path(member).name} ")
    if not found:
        raise ImportFormatError(NO_EXPORT_IN_ZIP(name=name) if name else ZIP_NO_EXPORT())
    return merged


# ---- plain lists --------------------------------------------------------------------------------------------


def parse_link_list(text: str, *, csv_mode: bool = False) -> ImportBatch:
    """One link per line (blank lines and lines starting with # or // are comments); CSV: the cell with a link."""
    return _link_list(text, csv_mode=csv_mode).select(ImportChoice.FAVOURITES)


def _link_list(text: str, *, csv_mode: bool = False) -> ParsedExport:
    parsed = ParsedExport("links")
    seen: set[tuple[EntryKind, str, str]] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//", ";")):
            continue
        candidate = _link_cell(stripped) if (csv_mode or ("," in stripped and "://" in stripped)) else None
        if candidate is None:
            candidate = re.split(r"\s+#", stripped, maxsplit=1)[0].strip()  # "url  # a comment"
        if csv_mode and lineno == 1 and "://" not in stripped and "www." not in stripped.lower():
            continue  # a header row such as "url,title"
        try:
            ref = normalise(candidate)
        except UnsupportedLink as exc:
            parsed.invalid.append(InvalidEntry(stripped[:300], f"line {lineno}", exc.message))
            continue
        parsed.add(ImportEntry(ref, candidate, f"line {lineno}", EntryKind.LINK), seen)
    return parsed


def _link_cell(line: str) -> str | None:
    try:
        cells = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return None
    for cell in cells:
        cell = cell.strip()
        if "://" in cell or cell.lower().startswith("www."):
            return cell
    return None
