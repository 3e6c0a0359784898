"""The `doctor` command: paths, versions, the database's and the models' health; restore a backup or rebuild."""

from __future__ import annotations

import argparse
import functools
import platform
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from studycompanion import __version__
from studycompanion.cli.output import print_json
from studycompanion.core.errors import BadInput
from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("doctor", help="paths, versions, the database's health; restore a backup or rebuild")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--restore", nargs="?", const="latest", metavar="BACKUP",
                   help="put a backup in place of the database (default: the latest good one)")
    p.add_argument("--rebuild", action="store_true",
                   help="rebuild a damaged database into a new file, keeping every readable row")
    p.set_defaults(handler=cmd_doctor, needs_services=False)


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _doctor_repair(args: argparse.Namespace) -> int | None:
    """`doctor --restore` / `--rebuild`: on the database alone (a damaged library does not open services)."""
    from studycompanion.core.db.engine import Database
    from studycompanion.core.db.health import integrity_check
    from studycompanion.paths import app_paths

    paths = app_paths()
    if not (args.restore or args.rebuild):
        return None
    if not paths.db.exists() and not args.restore:
        raise BadInput(f"There is no library database at {paths.db}.")
    db = Database(paths.db, paths.backups)
    try:
        if args.rebuild:
            result, aside = db.rebuild("damaged")
            print(f"rebuilt {paths.db} ({result.method}): {result.saved} rows saved, {result.skipped} unreadable; "
                  f"the old file is kept as {aside}")
        else:
            store = db.backup_store()
            chosen = store.latest_good() if args.restore == "latest" else None
            path = chosen.path if chosen else Path(args.restore)
            if args.restore == "latest" and chosen is None:
                raise BadInput(f"There is no usable backup in {paths.backups}; try `studycompanion doctor --rebuild`.")
            if not path.exists():
                raise BadInput(f"There is no backup at {path}.")
            aside = db.restore(path)
            result_db = db.migrate()
            print(f"restored {paths.db} from {path} (schema {result_db.after}); the replaced file is kept as {aside}")
        check = integrity_check(paths.db)
        print(f"integrity: {check.summary}")
        return 0 if check.ok else 1
    finally:
        db.dispose()


def cmd_doctor(args: argparse.Namespace, services: Services | None) -> int:
    from studycompanion.core.db.engine import DamagedLibrary
    from studycompanion.core.db.health import integrity_check
    from studycompanion.services import build_services

    repaired = _doctor_repair(args)
    if repaired is not None:
        return repaired
    try:
        services = build_services(check_damage=False)
    except DamagedLibrary as exc:  # damaged and past migrating: report the file alone
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    try:
        return _doctor_report(args, services, integrity_check(services.paths.db))
    finally:
        services.close()


def _doctor_report(args: argparse.Namespace, services: Services, integrity: Any) -> int:
    from studycompanion.core.db.engine import head_revision

    backups = services.db.backup_store().list()
    info: dict[str, Any] = {
        "integrity": integrity.summary,
        "read_only": services.read_only,
        "backups": {"count": len(backups), "latest": str(backups[0].path) if backups else None},
        "studycompanion": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "paths": {k: str(getattr(services.paths, k)) for k in ("root", "db", "media", "models", "exports", "logs")},
        "schema": {"current": services.db.current_revision(), "head": head_revision()},
        "clips": services.library.count_videos(),
        "versions": {d: _version(d) for d in ("yt-dlp", "faster-whisper", "ctranslate2", "PySide6-Essentials",
                                              "PySide6-Addons", "av", "genanki", "sqlmodel", "alembic")},
    }
    from studycompanion.core.capture.env import merger

    info["merger"] = merger()  # separate video + audio downloads are joined by PyAV; no ffmpeg executable ships
    from studycompanion.core.capture.env import doctor_info as capture_doctor
    from studycompanion.core.transcribe.service import doctor_info as transcribe_doctor

    readers: tuple[tuple[str, Callable[[], dict[str, Any]]], ...] = (
        ("capture", functools.partial(capture_doctor, services.paths.root)),
        ("transcription", functools.partial(transcribe_doctor, services.paths)),
    )
    for key, read in readers:
        try:
            info[key] = read()
        except Exception as exc:  # noqa: BLE001 - doctor reports, never fails
            info[key] = {"error": str(exc)}
    from studycompanion.core.transcribe.integrity import verify_installed

    # every installed model file against its sha256 (the pinned wheels'); a changed file is named
    checks = verify_installed(services.paths.models)
    info["model_files"] = [{"source": c.source.value, "ok": c.ok, "problems": c.problems()} for c in checks]
    models_ok = all(c.ok for c in checks)
    code = 0 if integrity.ok is not False and models_ok else 1  # damage found: say so in the exit status too
    if args.json:
        print_json(info)
        return code
    _print_nested(info)
    if code:
        print("error: the database is damaged: `studycompanion doctor --restore` puts the latest backup back, "
              "`studycompanion doctor --rebuild` keeps every readable row", file=sys.stderr)
    return code


def _print_nested(data: dict[str, Any], indent: int = 0) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            print(" " * indent + f"{key}:")
            _print_nested(value, indent + 2)
        else:
            print(" " * indent + f"{key}: {value if value is not None else '-'}")
