"""The system libraries Qt needs on Linux and the apt / dnf packages that bring them: one table for both users.

`make venv`'s check (tools/check_system_libs.py) lists what is missing before the app starts; the clip views say
which package brings playback when Qt Multimedia cannot load. Standard library only, no Qt: the check loads this
file by path and runs where Qt itself cannot load.
"""

from __future__ import annotations

import ctypes.util
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SystemLib:
    name: str  # as ctypes.util.find_library spells it ("pulse" is libpulse.so.0)
    deb: str  # the Debian / Ubuntu package
    rpm: str  # the Fedora package
    purpose: str  # what the app uses it for
    label: str = ""  # what a student is told it is

    def matches(self, soname: str) -> bool:
        return soname.startswith(f"lib{self.name}.so")


NEEDED = (
    SystemLib("xkbcommon", "libxkbcommon0", "libxkbcommon", "the window (keyboard)"),
    SystemLib("xkbcommon-x11", "libxkbcommon-x11-0", "libxkbcommon-x11", "the window on X11"),
    SystemLib("EGL", "libegl1", "libglvnd-egl", "the window (drawing)"),
    SystemLib("GL", "libgl1", "libglvnd-glx", "the window (drawing)"),
    SystemLib("fontconfig", "libfontconfig1", "fontconfig", "text"),
    SystemLib("dbus-1", "libdbus-1-3", "dbus-libs", "the desktop session"),
    SystemLib("xcb-cursor", "libxcb-cursor0", "xcb-util-cursor", "the window on X11"),
    SystemLib("pulse", "libpulse0", "pulseaudio-libs",
              "playing clips (optional: transcripts and cards work without it)", "PulseAudio's client library"),
)
PLAYBACK = next(lib for lib in NEEDED if lib.name == "pulse")  # what Qt Multimedia loads on Linux

_SONAME = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*): cannot open shared object file")


def missing(find: Callable[[str], str | None] | None = None) -> list[SystemLib]:
    """The libraries of NEEDED that this machine lacks (`find`: ctypes.util.find_library, looked up at the call)."""
    find = find or ctypes.util.find_library
    return [lib for lib in NEEDED if find(lib.name) is None]


def package_manager() -> str | None:
    """"apt-get" or "dnf", whichever this machine has (None for neither)."""
    return next((tool for tool in ("apt-get", "dnf") if shutil.which(tool)), None)


def install_command(libs: Iterable[SystemLib], manager: str | None) -> str | None:
    """The one line that installs `libs` ("sudo apt-get install libpulse0"), None without a known manager."""
    libs = list(libs)
    if manager == "apt-get":
        return "sudo apt-get install " + " ".join(lib.deb for lib in libs)
    if manager == "dnf":
        return "sudo dnf install " + " ".join(lib.rpm for lib in libs)
    return None


def missing_soname(error: str) -> str | None:
    """The library a failed import names ("libpulse.so.0: cannot open shared object file…" -> "libpulse.so.0")."""
    found = _SONAME.search(error)
    return found.group(1) if found else None


def lib_for(soname: str) -> SystemLib | None:
    return next((lib for lib in NEEDED if lib.matches(soname)), None)
