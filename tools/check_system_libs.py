"""Are the system libraries Qt needs here? `make venv` runs this and prints the one line that installs what is
missing (apt or dnf), so a minimal Linux install, WSL or a server says so before the app starts blank.

Exit status 0 always: playback is optional (the clip view works without it), the window is not.
"""

from __future__ import annotations

import ctypes.util
import shutil
import sys

# library (as ctypes finds it) -> (Debian/Ubuntu package, Fedora package, what it is for)
NEEDED = {
    "xkbcommon": ("libxkbcommon0", "libxkbcommon", "the window (keyboard)"),
    "xkbcommon-x11": ("libxkbcommon-x11-0", "libxkbcommon-x11", "the window on X11"),
    "EGL": ("libegl1", "libglvnd-egl", "the window (drawing)"),
    "GL": ("libgl1", "libglvnd-glx", "the window (drawing)"),
    "fontconfig": ("libfontconfig1", "fontconfig", "text"),
    "dbus-1": ("libdbus-1-3", "dbus-libs", "the desktop session"),
    "xcb-cursor": ("libxcb-cursor0", "xcb-util-cursor", "the window on X11"),
    "pulse": ("libpulse0", "pulseaudio-libs", "playing clips (optional: transcripts and cards work without it)"),
}


def missing() -> list[tuple[str, str, str, str]]:
    return [(lib, *pkgs) for lib, pkgs in NEEDED.items() if ctypes.util.find_library(lib) is None]


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    gone = missing()
    if not gone:
        return 0
    print("Some system libraries Qt uses are missing:")
    for lib, _deb, _rpm, why in gone:
        print(f"  lib{lib}: {why}")
    if shutil.which("apt-get"):
        print("Install them with:  sudo apt-get install " + " ".join(deb for _l, deb, _r, _w in gone))
    elif shutil.which("dnf"):
        print("Install them with:  sudo dnf install " + " ".join(rpm for _l, _d, rpm, _w in gone))
    else:
        print("Install them with your distribution's package manager.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
