"""`make i18n`: refresh the translation sources from every tr() in studycompanion/ui/ and every marked phrase in
studycompanion/core/ (QT_TRANSLATE_NOOP from core/text.py: check reasons, For You's reasons, the review summary),
then compile them.

    python tools/i18n.py            # pyside6-lupdate -> resources/i18n/studycompanion_<lang>.ts, then lrelease -> .qm
    python tools/i18n.py --check    # exit 1 when a .ts is not what extracting again gives (a tr() string missing,
                                    # an obsolete one kept), a string is left untranslated, or its .qm is not
                                    # compiled from it: run `make i18n`, then translate

New strings appear in the .ts as unfinished; translate them in Qt Linguist (`pyside6-linguist FILE.ts`).
The app loads resources/i18n/studycompanion_<system language>.qm at start (ui/common/i18n.py, from app.run_gui).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "studycompanion" / "ui"
CORE = ROOT / "studycompanion" / "core"  # only its QT_TRANSLATE_NOOP phrases are found there (core has no tr())
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("es",)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is missing: pip install pyside6-essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p) for folder in (UI, CORE) for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(ts: Path) -> None:
    subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none", "-ts", str(ts)],
                   check=True, capture_output=True)


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name") or "", msg.findtext("source") or "")
            for ctx in root.iter("context") for msg in ctx.iter("message")}


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [msg.findtext("source") or "" for msg in root.iter("message")
            if (t := msg.find("translation")) is not None and t.get("type") == "unfinished"]


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def check() -> int:
    """0 when every .ts holds exactly the UI's tr() strings and core's marked phrases, each translated, and every .qm
    is compiled from its .ts."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        lupdate(fresh)
        wanted = messages(fresh)
        bad = 0
        for lang in LANGUAGES:
            ts = I18N / f"studycompanion_{lang}.ts"
            have = messages(ts) if ts.exists() else set()
            missing, obsolete = sorted(wanted - have), sorted(have - wanted)
            for what, found in (("lacks", missing), ("keeps obsolete", obsolete)):
                if found:
                    shown = "; ".join(f"{ctx}: {text[:60]!r}" for ctx, text in found[:5])
                    print(f"{ts.name} {what} {len(found)} strings ({shown}): run `make i18n`", file=sys.stderr)
                    bad += 1
            todo = unfinished(ts) if ts.exists() else []
            if todo:  # a shipped translation is whole: a window half in English is what the .ts is there to avoid
                shown = "; ".join(repr(text[:60]) for text in todo[:5])
                print(f"{ts.name} leaves {len(todo)} strings untranslated ({shown}): translate them", file=sys.stderr)
                bad += 1
            qm = ts.with_suffix(".qm")
            if ts.exists():
                compiled = Path(tmp) / qm.name
                lrelease(ts, compiled)
                if not qm.exists() or qm.read_bytes() != compiled.read_bytes():
                    print(f"{qm.name} is not compiled from {ts.name}: run `make i18n`", file=sys.stderr)
                    bad += 1
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="only check that every .ts holds exactly the UI's tr() strings and core's marked phrases, "
                         "all translated, and that its .qm is up to date")
    args = ap.parse_args()
    I18N.mkdir(parents=True, exist_ok=True)
    if args.check:
        return check()
    for lang in LANGUAGES:
        ts = I18N / f"studycompanion_{lang}.ts"
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        todo = unfinished(ts)
        print(f"{ts.relative_to(ROOT)}: {len(messages(ts))} strings, {len(todo)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
