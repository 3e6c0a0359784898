"""What the PyInstaller spec leaves out of the bundle, and how it trims what it keeps (the size budget, issue 17).

packaging/studycompanion.spec calls these; tests/test_packaging.py checks them without a build.

- `keep(entry)`: a filter for Analysis' binaries and datas. Out go the parts of Qt that nothing loads: the PDF
  image plugin and the Qt PDF library it needs, the virtual-keyboard input method with its libraries, and Qt's
  own translations except those of the languages the app ships (i18n.install_translators loads qtbase_<lang>
  only when resources/i18n has studycompanion_<lang>.qm).
- `strip_debug(folder)` (Linux): `strip --strip-debug` on the ELF files that carry DWARF debug sections
  (ctranslate2's extension module 68 -> 1.7 MB, curl_cffi's 41 -> 8 MB). Only debug sections go: symbol tables
  and everything the loader reads stay, and files without debug sections are not rewritten at all.
- `stub_encoders(internal)` (Linux): PyAV's x265, SVT-AV1 and x264 libraries, which the app never opens, become
  stubs that keep libavcodec loading (30 MB).
OpenCV is not in the bundle at all (the spec excludes cv2: rapidocr runs on core/screen/cv2_lite/).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ---- what Analysis collects that nothing loads -------------------------------------------------------------

_UNUSED_QT = re.compile(
    r"(^|/)(lib)?qpdf\.(so|dll|dylib)$"  # imageformats plugin: PDF pages as images
    r"|(^|/)(lib)?Qt6?Pdf(\.so[.\d]*|\.dll|\.dylib)?$|QtPdf\.framework/"
    r"|(^|/)(lib)?qtvirtualkeyboardplugin\.(so|dll|dylib)$"  # the on-screen keyboard input method (QML)
    r"|(^|/)(lib)?Qt6?VirtualKeyboard\w*(\.so[.\d]*|\.dll|\.dylib)?$|QtVirtualKeyboard\w*\.framework/"
    # Linux platforms for kiosks and embedded screens (EGLFS, linuxfb, VNC, Vulkan display): a desktop runs on
    # xcb or wayland, tests and screenshots on offscreen
    r"|(^|/)plugins/platforms/libq(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay)\.so$"
    r"|(^|/)plugins/egldeviceintegrations/|(^|/)libQt6Egl[Ff][Ss]\w*\.so[.\d]*$"
    # Pillow's AVIF codec (5 MB): thumbnails and frames are JPEG, PNG and WebP
    r"|(^|/)PIL/_avif\.[^/]*$|(^|/)pillow\.libs/libavif[^/]*$",
    re.IGNORECASE,
)
_QT_TRANSLATION = re.compile(r"(^|/)PySide6/Qt/translations/(?P<stem>[a-z_]+?)_(?P<lang>[a-z]{2}(_[A-Z]{2})?)\.qm$")


def shipped_languages(i18n: Path = ROOT / "resources" / "i18n") -> set[str]:
    """The languages the app has its own translation for (studycompanion_<lang>.qm)."""
    return {p.stem.split("_", 1)[1].split("_")[0] for p in i18n.glob("studycompanion_*.qm")}


def keep(entry: tuple[str, ...], languages: set[str] | None = None) -> bool:
    """False for an Analysis TOC entry (dest name first) that the bundle leaves out."""
    dest = str(entry[0]).replace("\\", "/")
    if _UNUSED_QT.search(dest):
        return False
    match = _QT_TRANSLATION.search(dest)
    if match:
        wanted = shipped_languages() if languages is None else languages
        return match["lang"].split("_")[0] in wanted
    return True


# ---- a small ELF reader (64-bit little-endian: x86-64 and aarch64 Linux) -----------------------------------

_SHT_DYNAMIC = 6
_DT_NEEDED = 1
_DT_SONAME = 14


@dataclass(frozen=True)
class _Section:
    name: str
    kind: int
    offset: int
    size: int
    link: int


def _sections(path: Path) -> list[_Section]:
    with open(path, "rb") as f:
        head = f.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
            return []
        shoff = struct.unpack_from("<Q", head, 0x28)[0]
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", head, 0x3A)
        if not shoff or not shnum or shentsize < 64:
            return []
        f.seek(shoff)
        table = f.read(shentsize * shnum)
        raw = [struct.unpack_from("<IIQQQQII", table, i * shentsize) for i in range(shnum)]
        _n, _t, _f, _a, str_off, str_size, _l, _i = raw[shstrndx]
        f.seek(str_off)
        names = f.read(str_size)
    out = []
    for name_at, kind, _flags, _addr, offset, size, link, _info in raw:
        name = names[name_at:names.find(b"\0", name_at)].decode("ascii", "replace")
        out.append(_Section(name, kind, offset, size, link))
    return out


def needed(path: Path) -> list[str]:
    """The DT_NEEDED names of an ELF shared object (empty for anything else)."""
    return _dynamic_strings(path, _DT_NEEDED)


def soname(path: Path) -> str | None:
    """The DT_SONAME of an ELF shared object (None when it has none, or is not one)."""
    names = _dynamic_strings(path, _DT_SONAME)
    return names[0] if names else None


def _dynamic_strings(path: Path, wanted: int) -> list[str]:
    sections = _sections(path)
    dynamic = next((s for s in sections if s.kind == _SHT_DYNAMIC), None)
    if dynamic is None:
        return []
    strings = sections[dynamic.link]
    with open(path, "rb") as f:
        f.seek(dynamic.offset)
        entries = f.read(dynamic.size)
        f.seek(strings.offset)
        table = f.read(strings.size)
    out = []
    for i in range(0, len(entries) - 15, 16):
        tag, value = struct.unpack_from("<qQ", entries, i)
        if tag == 0:
            break
        if tag == wanted:
            out.append(table[value:table.find(b"\0", value)].decode("ascii", "replace"))
    return out


def has_debug_info(path: Path) -> bool:
    return any(s.name.startswith((".debug_", ".zdebug_")) and s.size for s in _sections(path))


def _files(folder: Path) -> Iterable[Path]:
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


# ---- post-build trims (Linux) ------------------------------------------------------------------------------


def strip_debug(folder: Path) -> list[tuple[str, int, int]]:
    """Strip the DWARF sections of every ELF file under folder that has them: (name, bytes before, after)."""
    strip = shutil.which("strip")
    if strip is None:
        print("slim: no `strip` here (binutils); debug sections stay")
        return []
    done = []
    for path in _files(folder):
        try:
            if not has_debug_info(path):
                continue
        except (OSError, struct.error, IndexError, ValueError) as exc:  # an odd or truncated ELF: left as it is
            print(f"slim: {path.relative_to(folder)} not read as ELF ({exc}); left as it is")
            continue
        before = path.stat().st_size
        mode = path.stat().st_mode
        result = subprocess.run([strip, "--strip-debug", str(path)], capture_output=True, text=True)
        os.chmod(path, mode)
        if result.returncode != 0:  # one file strip cannot handle never fails the build
            print(f"slim: strip failed on {path.relative_to(folder)}: {result.stderr.strip()[:200]}")
            continue
        done.append((str(path.relative_to(folder)), before, path.stat().st_size))
    return done


# PyAV's FFmpeg links these video encoders; the app only decodes, remuxes and writes MP3 (libmp3lame) with it
UNUSED_ENCODERS = ("libx265", "libSvtAv1Enc", "libx264")
# what a stub's functions return: NULL (x265_api_get, x264_encoder_open: "no encoder"), or SVT-AV1's
# EB_ErrorInsufficientResources, since 0 is its "no error" (a stub returning 0 there crashed on open)
_STUB_RETURNS = {"libSvtAv1Enc": "(long)0x80001000"}


def _dynamic_symbols(path: Path, *, defined: bool) -> dict[str, tuple[str, int]]:
    """name -> (nm type letter, size) of the library's dynamic symbols (binutils' nm)."""
    flag = "--defined-only" if defined else "--undefined-only"
    out = subprocess.run(["nm", "-D", "-S", flag, str(path)], check=True, capture_output=True, text=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        if defined and len(parts) == 4:
            symbols[parts[3].split("@")[0]] = (parts[2], int(parts[1], 16))
        elif not defined and parts and parts[0] == "U":
            symbols[parts[-1].split("@")[0]] = ("U", 0)
    return symbols


def stub_encoders(internal: Path, av_dir: str = "av.libs", names: Iterable[str] = UNUSED_ENCODERS,
                  cc: str = "cc") -> list[tuple[str, int]]:
    """Replace PyAV's unused encoder libraries (x265, SVT-AV1, x264: 30 MB) with stubs: (name, bytes saved).

    A stub keeps the library's file and soname and defines only the symbols libavcodec takes from it: functions
    that return 0 or NULL, zeroed data of the same size. libavcodec loads as before; the one thing its wrappers
    ask before an encoder is opened (x265_api_get, for the pixel formats it lists) gets NULL, and opening one of
    these encoders fails with an error (_STUB_RETURNS). Decoding, remuxing and the MP3 encoder are untouched
    (tests/test_packaging_size.py runs them on a stubbed copy). Needs a C compiler and binutils at build time."""
    av_libs = internal / av_dir
    codec = next((p for p in sorted(av_libs.glob("libavcodec-*.so*")) if not p.is_symlink()), None) \
        if av_libs.is_dir() else None
    if codec is None or shutil.which(cc) is None or shutil.which("nm") is None:
        return []
    wanted = _dynamic_symbols(codec, defined=False)
    saved = []
    for name in names:
        for lib in sorted(av_libs.glob(f"{name}-*.so*")):
            if lib.is_symlink() or lib.stat().st_size < 100_000:
                continue  # a link, or already a stub
            provided = _dynamic_symbols(lib, defined=True)
            lines = ["/* stub of " + lib.name + " written by packaging/slim.py: the app never opens this encoder */"]
            for symbol in sorted(set(wanted) & set(provided)):
                kind, size = provided[symbol]
                if kind in "TtWi":
                    lines.append(f"long {symbol}(void) {{ return {_STUB_RETURNS.get(name, '0')}; }}")
                else:
                    lines.append(f"char {symbol}[{max(size, 1)}] __attribute__((aligned(64)));")
            source = lib.with_name(lib.name + ".stub.c")
            source.write_text("\n".join(lines) + "\n", encoding="utf-8")
            before = lib.stat().st_size
            built = lib.with_name(lib.name + ".stub")
            subprocess.run([cc, "-shared", "-fPIC", "-O1", "-s", "-o", str(built), str(source),
                            f"-Wl,-soname,{soname(lib) or lib.name}"], check=True, capture_output=True)
            source.unlink()
            os.replace(built, lib)
            saved.append((lib.name, before - lib.stat().st_size))
    return saved


def report(title: str, rows: list[tuple[str, int]]) -> None:
    """One line for the build log: what a trim saved, with its largest items."""
    if rows:
        total = sum(n for _, n in rows)
        top = sorted(rows, key=lambda r: -r[1])[:6]
        more = f" and {len(rows) - len(top)} more" if len(rows) > len(top) else ""
        print(f"slim: {title}: {total / 1e6:.1f} MB in {len(rows)} files "
              f"({', '.join(f'{name} {n / 1e6:.1f}' for name, n in top)}{more})")
