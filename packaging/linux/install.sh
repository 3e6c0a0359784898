#!/bin/sh
# Put StudyCompanion in the application menu (for this user; no root needed), or take it out again.
#
#   ./install.sh              run from the unpacked StudyCompanion folder: adds the menu entry, the icon and
#                             ~/.local/bin/studycompanion (a link to this folder's executable)
#   ./install.sh --uninstall  removes those three again (your library is never touched)
#
# The app runs from wherever this folder is: move the folder first (e.g. to ~/.local/opt/), then run this.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
APPS="$DATA/applications"
ICONS="$DATA/icons/hicolor/256x256/apps"
BIN="$HOME/.local/bin"

refresh_menu() {  # desktops that cache the menu and icons pick the change up at once (optional tools)
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$APPS" >/dev/null 2>&1 || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q "$DATA/icons/hicolor" >/dev/null 2>&1 || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$APPS/studycompanion.desktop" "$ICONS/studycompanion.png"
  if [ -L "$BIN/studycompanion" ]; then rm -f "$BIN/studycompanion"; fi
  refresh_menu
  echo "StudyCompanion was removed from the menu. Your library is still in ~/.local/share/StudyCompanion;"
  echo "delete this folder ($HERE) to remove the app itself."
  exit 0
fi

if [ ! -x "$HERE/studycompanion" ]; then
  echo "install.sh: run me from the unpacked StudyCompanion folder (no studycompanion executable in $HERE)" >&2
  exit 1
fi
mkdir -p "$APPS" "$ICONS" "$BIN"
cp "$HERE/share/studycompanion.png" "$ICONS/studycompanion.png"
sed -e "s|^Exec=studycompanion|Exec=\"$HERE/studycompanion\"|" -e "s|^TryExec=.*|TryExec=$HERE/studycompanion|" \
  "$HERE/share/studycompanion.desktop" > "$APPS/studycompanion.desktop"
ln -sf "$HERE/studycompanion" "$BIN/studycompanion"
refresh_menu
echo "StudyCompanion is in your application menu; in a terminal: studycompanion --help"
case ":$PATH:" in *":$BIN:"*) ;; *) echo "(add $BIN to your PATH to use the studycompanion command)";; esac
