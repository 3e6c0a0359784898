"""Are the system libraries Qt needs here? `make venv` runs this and prints the one line that installs what is
missing (apt or dnf), so a minimal Linux install, WSL or a server says so before the app starts blank.

Exit status 0 always: playback is optional (the clip view works without it), the window is not.
The table (library -> Debian / Fedora package) is studycompanion/ui/common/system_libs.py, the one the clip view
uses to say which package brings playback; it is loaded by path, so this runs even where Qt cannot load.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TABLE = Path(__file__).resolve().parent.parent / "studycompanion" / "ui" / "common" / "system_libs.py"


def _table() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_studycompanion_system_libs", TABLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up while the class is made)
    spec.loader.exec_module(module)
    return module


system_libs = _table()


def missing() -> list[tuple[str, str, str, str]]:
    """(library, Debian package, Fedora package, what it is for) of each one this machine lacks."""
    return [(lib.name, lib.deb, lib.rpm, lib.purpose) for lib in system_libs.missing()]


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    gone = system_libs.missing()
    if not gone:
        return 0
    print("Some system libraries Qt uses are missing:")
    for lib in gone:
        print(f"  lib{lib.name}: {lib.purpose}")
    command = system_libs.install_command(gone, system_libs.package_manager())
    print("Install them with:  " + command if command else "Install them with your distribution's package manager.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
