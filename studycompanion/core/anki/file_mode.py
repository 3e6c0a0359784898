"""The permissions of a saved document (.apkg): 0666 less the user's umask, as any editor saves a file.

tempfile.mkstemp (used to write an export atomically) creates 0600 files, so an .apkg in a shared folder could
not be read by another account or a sync client running as another user (issue 17).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

_LOCK = threading.Lock()


def current_umask() -> int:
    """The process umask, read without changing it where the system says (Linux), else set-and-restore."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        m = re.search(r"^Umask:\s*([0-7]+)$", status, re.MULTILINE)
        if m:
            return int(m.group(1), 8)
    except OSError:
        pass
    with _LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def document_mode() -> int:
    return 0o666 & ~current_umask()


def apply_document_mode(path: Path) -> None:
    """Give a file written through mkstemp the mode a newly saved document gets (no-op on Windows)."""
    if os.name == "nt":
        return
    os.chmod(path, document_mode())
