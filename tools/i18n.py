"""`make i18n`: refresh the translation sources from every tr() in studycompanion/ui/, then compile them.

    python tools/i18n.py            # pyside6-lupdate -> resources/i18n/studycompanion_<lang>.ts, then lrelease -> .qm
    python tools/i18n.py --check    # exit 1 when a .ts lacks a tr() string of the UI (run lupdate and translate)

New strings appear in the .ts as unfinished; translate them in Qt Linguist (`pyside6-linguist FILE.ts`).
The app loads resources/i18n/studycompanion_<system language>.qm at start (hook: see ImportChoiceDialog's report).
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
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("es",)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is missing: pip install pyside6-essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that every .ts has every tr() string")
    args = ap.parse_args()
    I18N.mkdir(parents=True, exist_ok=True)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.ts"
            lupdate(fresh)
            wanted = messages(fresh)
        bad = 0
        for lang in LANGUAGES:
            ts = I18N / f"studycompanion_{lang}.ts"
            missing = wanted - (messages(ts) if ts.exists() else set())
            if missing:
                print(f"{ts.name} lacks {len(missing)} strings: run tools/i18n.py and translate them", file=sys.stderr)
                bad += 1
        return 1 if bad else 0
    for lang in LANGUAGES:
        ts = I18N / f"studycompanion_{lang}.ts"
        lupdate(ts)
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                       capture_output=True)
        todo = unfinished(ts)
        print(f"{ts.relative_to(ROOT)}: {len(messages(ts))} strings, {len(todo)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
