"""The bundle's size trims (packaging/slim.py), checked on the real libraries of this environment, without a build.

What the spec leaves out (Qt's PDF plugin, the virtual keyboard, unshipped Qt translations), the ELF reader that
finds debug sections and needed libraries, and PyAV working with its unused video encoders stubbed.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo" / "demo.mp4"


def _slim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("studycompanion_packaging_slim", ROOT / "packaging" / "slim.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _site(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).resolve().parent.parent


def test_unused_qt_parts_are_left_out_and_the_ones_the_player_needs_stay() -> None:
    slim = _slim()
    out = ["PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6/Qt/lib/libQt6Pdf.so.6",
           "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
           "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", "PySide6/Qt/lib/libQt6VirtualKeyboardQml.so.6",
           "PySide6\\plugins\\imageformats\\qpdf.dll", "PySide6\\Qt6Pdf.dll",
           "PySide6/Qt/translations/qtbase_fr.qm", "PySide6/Qt/translations/qt_help_pt_BR.qm",
           "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms/libqvnc.so",
           "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
           "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "PIL/_avif.cpython-311-x86_64-linux-gnu.so",
           "pillow.libs/libavif-c6062d5f.so.16.4.2"]
    kept = ["PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
            "PySide6/Qt/lib/libQt6Quick.so.6",  # the ffmpeg media plugin links Quick and Qml
            "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/imageformats/libqsvg.so",
            "PySide6/Qt/translations/qtbase_es.qm", "PySide6/Qt/translations/qt_es.qm",
            "resources/i18n/studycompanion_es.qm", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
            "PIL/_webp.cpython-311-x86_64-linux-gnu.so", "pillow.libs/libwebp-51b0b3f7.so.7.2.0"]
    for name in out:
        assert not slim.keep((name, "/src", "BINARY"), {"es"}), name
    for name in kept:
        assert slim.keep((name, "/src", "BINARY"), {"es"}), name
    assert "es" in slim.shipped_languages()  # from resources/i18n/studycompanion_es.qm


def test_elf_reader_finds_needed_libraries_and_debug_sections(tmp_path: Path) -> None:
    slim = _slim()
    ext = next((_site("ctranslate2") / "ctranslate2").glob("_ext*.so"), None)
    avformat = next((_site("av") / "av.libs").glob("libavformat-*.so*"), None)
    if ext is None or avformat is None or sys.platform != "linux":
        pytest.skip("needs the Linux wheels of ctranslate2 and av")
    assert any(n.startswith("libavcodec-") for n in slim.needed(avformat))
    assert "libc.so.6" in slim.needed(avformat)
    assert slim.soname(avformat) == avformat.name and slim.soname(ROOT / "pyproject.toml") is None
    assert slim.needed(ROOT / "pyproject.toml") == [] and not slim.has_debug_info(ROOT / "pyproject.toml")
    if shutil.which("strip") is None:
        pytest.skip("no strip (binutils)")
    copy = tmp_path / "lib" / ext.name
    copy.parent.mkdir()
    shutil.copy2(ext, copy)
    assert slim.has_debug_info(copy)  # the wheel ships 66 MB of DWARF in it
    (stripped,) = slim.strip_debug(tmp_path / "lib")
    assert stripped[1] > 10 * stripped[2] and not slim.has_debug_info(copy)
    assert slim.needed(copy) == slim.needed(ext)  # what the loader reads is untouched
    assert slim.strip_debug(tmp_path / "lib") == []  # nothing left to strip: the file is not rewritten again


@pytest.mark.slow
def test_pyav_decodes_remuxes_and_writes_mp3_with_its_video_encoders_stubbed(tmp_path: Path) -> None:
    """PyAV's x265 / SVT-AV1 / x264 libraries (30 MB) become stubs in the Linux bundle: av still imports, lists
    its codecs (each wrapper's static set-up runs), decodes the demo clip, remuxes it and writes MP3 as the card
    audio does; opening a stubbed encoder fails with an error instead of crashing."""
    slim = _slim()
    site = _site("av")
    if sys.platform != "linux" or not (site / "av.libs").is_dir() or not (shutil.which("cc") and shutil.which("nm")):
        pytest.skip("needs PyAV's Linux wheel, a C compiler and binutils")
    for name in ("av", "av.libs"):
        shutil.copytree(site / name, tmp_path / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    sonames = {p.name: slim.soname(p) for p in (tmp_path / "av.libs").iterdir()}
    saved = dict(slim.stub_encoders(tmp_path))
    assert {n: slim.soname(tmp_path / "av.libs" / n) for n in saved} == {n: sonames[n] for n in saved}
    assert {n.split("-")[0] for n in saved} == {"libx265", "libSvtAv1Enc", "libx264"} and sum(saved.values()) > 25e6
    assert slim.stub_encoders(tmp_path) == [], "a second run leaves the stubs alone"
    script = f"""
import sys
sys.path.insert(0, {str(tmp_path)!r})
import av
assert av.__file__.startswith({str(tmp_path)!r}), av.__file__
assert "libx265" in av.codecs_available and "h264" in av.codecs_available
with av.open({str(DEMO)!r}) as c:
    frame = next(c.decode(video=0))
    assert frame.width > 0
with av.open({str(DEMO)!r}) as src, av.open({str(tmp_path / "copy.mp4")!r}, "w") as dst:
    streams = {{s.index: dst.add_stream_from_template(s) for s in src.streams if s.type in ("video", "audio")}}
    for packet in src.demux():
        if packet.stream.index in streams and packet.dts is not None:
            packet.stream = streams[packet.stream.index]
            dst.mux(packet)
with av.open({str(tmp_path / "copy.mp4")!r}) as c:
    assert next(c.decode(video=0)).width == frame.width
with av.open({str(DEMO)!r}) as src, av.open({str(tmp_path / "a.mp3")!r}, "w", format="mp3") as dst:
    out = dst.add_stream("libmp3lame", rate=44100)
    for f in src.decode(audio=0):
        f.pts = None
        for p in out.encode(f):
            dst.mux(p)
    for p in out.encode(None):
        dst.mux(p)
with av.open({str(tmp_path / "a.mp3")!r}) as c:
    assert c.duration and c.duration > 0
for name in ("libx265", "libx264", "libsvtav1"):
    with av.open({str(tmp_path / "x.mp4")!r}, "w") as dst:
        try:
            s = dst.add_stream(name, rate=25)
            s.width, s.height, s.pix_fmt = 64, 64, "yuv420p"
            s.codec_context.open()
        except Exception as exc:
            print(name, "refused:", type(exc).__name__)
        else:
            raise SystemExit(name + " opened with a stub")
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), (result.stdout + result.stderr)[-3000:]
