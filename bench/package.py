"""Bundle size and start-up time of the PyInstaller bundle against running from the source checkout, in one run.

    python bench/package.py [--exe PATH] [--runs N] [--parts N] [--size-only]
                                    (after `make package`; packaging/smoke.sh --bench runs it)

Size: the bundle folder (MB = 10^6 bytes, and MiB as `du -sm` counts), the release archive when
packaging/linux/make_tarball.sh made one, and a table of the --parts largest parts (default 25): the folders
and files of _internal/, with PySide6/Qt/lib's libraries counted on their own (Qt is the largest). The size
target is under 600 MB unpacked (issue 17). --size-only skips the start-up timing.

Measures `--version`, `doctor` and `gui --screenshot` (time until the PNG of the settled, painted library window
is written: an upper bound of the time to the first window, as it includes the screenshot's ~0.6 s wait for
quiet) for:
- bundle: the built executable (default: this platform's build in dist/);
- source: `python -m studycompanion` with this interpreter (the .venv of a checkout).
"cold" runs once right after dropping that side's files from the page cache (posix_fadvise DONTNEED on the
bundle folder, or on site-packages + the stdlib + the checkout; Linux only, and pages that another running
process has mapped stay cached); "warm" are --runs runs after it: their minimum (the least disturbed by other
programs on shared cores), median, and median CPU seconds. Both use the same scratch library (created, and
migrated, before timing). Without a bundle it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "doctor": ["doctor"],
    "gui --screenshot": ["gui", "--screenshot", "{png}"],
}


def default_exe() -> Path:
    if sys.platform == "darwin":
        return ROOT / "dist" / "StudyCompanion.app" / "Contents" / "MacOS" / "StudyCompanion"
    if sys.platform == "win32":
        return ROOT / "dist" / "StudyCompanion" / "studycompanion-cli.exe"
    return ROOT / "dist" / "StudyCompanion" / "studycompanion"


def bundle_root(exe: Path) -> Path:
    parent = exe.parent
    return parent.parent.parent if parent.name == "MacOS" else parent  # the .app, or the one-folder dist


def files_under(folder: Path) -> Iterable[Path]:
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            if not path.is_symlink() and path.is_file():
                yield path


def folder_size(folder: Path) -> tuple[int, int]:
    total = count = 0
    for path in files_under(folder):
        total += path.stat().st_size
        count += 1
    return total, count


def part_sizes(internal: Path) -> list[tuple[int, str]]:
    """(bytes, name) of each folder and file in the bundle's _internal/, PySide6/Qt/lib's libraries on their own."""
    out: list[tuple[int, str]] = []
    qt_lib = internal / "PySide6" / "Qt" / "lib"
    for p in internal.iterdir():
        if p.is_symlink():
            continue
        if p.is_dir():
            size = folder_size(p)[0]
            if p.name == "PySide6" and qt_lib.is_dir():
                for lib in qt_lib.iterdir():
                    if lib.is_file() and not lib.is_symlink():
                        out.append((lib.stat().st_size, f"PySide6/Qt/lib/{lib.name}"))
                        size -= lib.stat().st_size
                out.append((size, "PySide6 (without Qt/lib's libraries)"))
                continue
            out.append((size, p.name + "/"))
        else:
            out.append((p.stat().st_size, p.name))
    return out


def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def evict(roots: Sequence[Path]) -> bool:
    """Drop these files' pages from the page cache (Linux); False where that is not possible."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for root in roots:
        paths = files_under(root) if root.is_dir() else [root]
        for path in paths:
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def children_cpu() -> float:
    """User + system CPU seconds of every child process waited for so far (NaN where the platform cannot say)."""
    try:
        import resource
    except ImportError:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str], png: Path | None) -> tuple[float, float]:
    """Seconds until the PNG appeared (with `png`) or the process exited, and the CPU seconds it used
    (less sensitive than wall time to other programs sharing the cores)."""
    if png is not None:
        png.unlink(missing_ok=True)
    cpu_before = children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tempfile.gettempdir())
    seen: float | None = None
    while proc.poll() is None:
        if png is not None and seen is None and png.exists():
            seen = time.perf_counter() - start
        time.sleep(0.005)
    total = time.perf_counter() - start
    cpu = children_cpu() - cpu_before
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0 or (png is not None and not png.exists()):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    return (seen if seen is not None else total), cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", type=Path, default=default_exe())
    parser.add_argument("--runs", type=int, default=5, help="warm runs per command (default 5)")
    parser.add_argument("--parts", type=int, default=25, help="largest parts to list (default 25)")
    parser.add_argument("--size-only", action="store_true", help="print the size table only (no start-up timing)")
    args = parser.parse_args()
    exe = args.exe.resolve()
    if not exe.is_file():
        print(f"no bundle at {exe}: run `make package` first (skipped)")
        return 0
    root = bundle_root(exe)

    # ---- size -----------------------------------------------------------------------------------------
    size, count = folder_size(root)
    internal = next((p for p in (root / "_internal", root / "Contents" / "Frameworks") if p.is_dir()), root)
    parts = sorted(part_sizes(internal), reverse=True)
    site = Path(sysconfig.get_paths()["purelib"])
    site_size, site_count = folder_size(site)
    print(f"bundle: {root}  ({platform.system()} {platform.machine()}, Python {platform.python_version()})")
    print(f"{'what':<44}{'size':>12}{'files':>9}")
    print(f"{'bundle folder (uncompressed)':<44}{mb(size):>12}{count:>9,}   {size / 2**20:,.0f} MiB")
    for archive in sorted(root.parent.glob("StudyCompanion-*")):  # beside the bundle folder (dist/)
        if archive.is_file() and not archive.name.endswith(".part"):
            kind = "tar.gz" if archive.name.endswith(".tar.gz") else archive.suffix.lstrip(".")
            print(f"{'release archive (' + kind + ')':<44}"
                  f"{mb(archive.stat().st_size):>12}{1:>9}   {archive.name}")
    print(f"{'source: site-packages of ' + Path(sys.prefix).name + ' (with dev tools)':<44}"
          f"{mb(site_size):>12}{site_count:>9,}")
    print()
    print(f"largest {args.parts} parts of the bundle ({internal.name}/):")
    for n, name in parts[:args.parts]:
        print(f"  {name:<58}{n / 1e6:>9.1f} MB")
    rest = sum(n for n, _ in parts[args.parts:])
    print(f"  {f'the other {max(len(parts) - args.parts, 0)} parts':<58}{rest / 1e6:>9.1f} MB")
    if args.size_only:
        return 0

    # ---- start-up -------------------------------------------------------------------------------------
    home = Path(tempfile.mkdtemp(prefix="studycompanion-bench-"))
    env = dict(os.environ, STUDYCOMPANION_HOME=str(home / "library"), QT_QPA_PLATFORM="offscreen")
    for key in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        env.pop(key, None)
    source_env = dict(env, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "studycompanion", "doctor"], env=source_env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # create + migrate the library first
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    sides = {
        "bundle": ([str(exe)], env, [root]),
        "source": ([sys.executable, "-m", "studycompanion"], source_env,
                   [site, stdlib, ROOT / "studycompanion", ROOT / "resources", Path(sys.executable).resolve()]),
    }
    rows: list[list[str]] = []
    ratios: list[str] = []
    png = home / "shot.png"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    for label, extra in COMMANDS.items():
        watch = png if "{png}" in extra else None
        argvs = {side: prefix + [a.format(png=png) for a in extra] for side, (prefix, _e, _c) in sides.items()}
        cold: dict[str, str] = {}
        for side, (_prefix, side_env, cache_roots) in sides.items():
            cold_ok = evict(cache_roots)
            cold[side] = f"{timed(argvs[side], side_env, watch)[0]:.2f}" + ("" if cold_ok else "*")
        warm: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
        for _ in range(args.runs):  # alternate, so that a busy moment on shared cores hits both sides alike
            for side, (_prefix, side_env, _c) in sides.items():
                warm[side].append(timed(argvs[side], side_env, watch))
        for side in sides:
            walls = [w for w, _ in warm[side]]
            rows.append([label, side, cold[side], f"{min(walls):.2f}", f"{statistics.median(walls):.2f}",
                         f"{statistics.median(c for _, c in warm[side]):.2f}"])
        b_wall, s_wall = (min(w for w, _ in warm[side]) for side in ("bundle", "source"))
        b_cpu, s_cpu = (statistics.median(c for _, c in warm[side]) for side in ("bundle", "source"))
        ratios.append(f"{label}: wall {b_wall / s_wall:.2f}x, CPU {b_cpu / s_cpu:.2f}x")
    print()
    print(f"start-up, seconds; gui: until the PNG of the settled window is written (load average {load:.1f} "
          f"on {os.cpu_count()} cores at the start)")
    header = ["command", "run", "cold", f"warm min/{args.runs}", "warm median", "CPU s (median)"]
    widths = [max(len(r[i]) for r in [header, *rows]) + 2 for i in range(len(header))]
    for r in [header, *rows]:
        print("".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
    print("bundle / source (warm min wall, median CPU): " + "; ".join(ratios))
    if any(r[2].endswith("*") for r in rows):
        print("* no page-cache eviction on this platform: the 'cold' run is just the first one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
