#!/usr/bin/env bash
# Pack the Linux one-folder build into the release archive: dist/StudyCompanion-<version>-linux-<arch>.tar.gz
# holding StudyCompanion/ (the executable, _internal/, install.sh, share/ with the desktop entry and its icon).
#
#   packaging/linux/make_tarball.sh        (after `make package`; the release workflow runs it too)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="$ROOT/dist"
APP="$DIST/StudyCompanion"
[[ -x "$APP/studycompanion" ]] || { echo "make_tarball: no build in $APP (run 'make package')" >&2; exit 1; }
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/studycompanion/__init__.py")"
ARCH="$(uname -m)"
OUT="$DIST/StudyCompanion-$VERSION-linux-$ARCH.tar.gz"

mkdir -p "$APP/share"
cp "$ROOT/packaging/linux/studycompanion.desktop" "$ROOT/packaging/linux/studycompanion.png" "$APP/share/"
cp "$ROOT/packaging/linux/install.sh" "$APP/install.sh"
chmod +x "$APP/install.sh"
# gzip -6 keeps this to about a minute on two cores; the files are mostly compressed or native code anyway
tar -C "$DIST" --owner=0 --group=0 --numeric-owner -cf - StudyCompanion | gzip -6 > "$OUT.part"
mv "$OUT.part" "$OUT"
echo "$OUT ($(du -h "$OUT" | cut -f1))"
