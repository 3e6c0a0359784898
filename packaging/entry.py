"""The frozen app's entry point (PyInstaller's script): the transcription or OCR worker, the CLI or the window.

Inside a bundle `sys.executable` is the app itself, so `python -m studycompanion.core.transcribe.worker`
cannot start the transcription child; core/transcribe/engine.py starts `<app> --transcribe-worker`
instead (core/screen/process.py: `<app> --screen-worker` for the on-screen text reader), and this script
sends that flag to its worker before anything else (Qt, the library) is imported.
Without arguments the app opens its window (cli.main decides), otherwise it runs the sub-command.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

WORKER_FLAG = "--transcribe-worker"
SCREEN_WORKER_FLAG = "--screen-worker"


def _ensure_streams(worker: bool) -> None:
    """A windowed Windows/macOS app may start with sys.stdin/stdout/stderr set to None (like pythonw).

    The worker talks over the pipes its parent gave it, so reopen those; the window gets a sink so a stray
    print() cannot crash it.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if getattr(sys, name) is not None:
            continue
        stream = None
        if worker:
            try:
                stream = os.fdopen(os.dup(fd), mode, encoding="utf-8", buffering=1)
            except OSError:
                stream = None
        if stream is None:
            stream = open(os.devnull, mode, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        setattr(sys, name, stream)


def _restore_library_path() -> None:
    """Give child processes the user's LD_LIBRARY_PATH, not the one the bootloader pointed at the bundle.

    The dynamic loader read the bundle's path when this process started and keeps it, so this process is not
    affected; but system programs we start (xdg-open for "open folder" and links, then the file manager or the
    browser) must not load the bundle's older copies of glib, libstdc++ or OpenSSL. Our own children (the
    transcription worker) get the bundle's path again from their bootloader; ffmpeg and deno need none.
    """
    if not getattr(sys, "frozen", False):
        return
    original = os.environ.get("LD_LIBRARY_PATH_ORIG")  # kept: yt-dlp restores the same one for its children
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


def _certificates() -> None:
    """HTTPS from urllib (model downloads, the LLM endpoint) needs CA certificates. The bundle's OpenSSL looks
    where the build machine keeps them (/usr/lib/ssl on Debian and Ubuntu, a python.org folder on macOS); when
    this machine has none there, use certifi's bundle instead. Windows reads its own certificate store."""
    if not getattr(sys, "frozen", False) or sys.platform == "win32" or os.environ.get("SSL_CERT_FILE"):
        return
    import ssl

    paths = ssl.get_default_verify_paths()
    if (paths.cafile and os.path.isfile(paths.cafile)) or (paths.capath and os.path.isdir(paths.capath)
                                                             and os.listdir(paths.capath)):
        return
    try:
        import certifi
    except ImportError:
        return
    os.environ["SSL_CERT_FILE"] = certifi.where()


def run() -> int:
    multiprocessing.freeze_support()  # in case a library spawns a multiprocessing child of the bundle
    _restore_library_path()
    _certificates()
    if len(sys.argv) > 1 and sys.argv[1] == WORKER_FLAG:
        _ensure_streams(worker=True)
        from studycompanion.core.transcribe import worker as transcribe_worker

        transcribe_worker.main()
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == SCREEN_WORKER_FLAG:
        _ensure_streams(worker=True)
        from studycompanion.core.screen import worker as screen_worker

        screen_worker.main()
        return 0
    _ensure_streams(worker=False)
    from studycompanion.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
