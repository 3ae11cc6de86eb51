"""jdlint's speed as ratios measured side by side in one run (these machines are noisy).

    python benchmarks/bench.py floor [FOLDER]     jdlint --no-cache -j 1 vs markdown-it-py parse
    python benchmarks/bench.py peers [FOLDER]     jdlint --no-cache vs markdownlint-cli2 and rumdl
    python benchmarks/bench.py cache [FOLDER]     warm cache vs cold run
    python benchmarks/bench.py start              jdlint on one page vs `import markdown_it`
    python benchmarks/bench.py scale [--pages 1000 10000]   generated handbooks: time, memory, -j
    python benchmarks/bench.py incremental [FOLDER] [--pages 1000 10000] [--copies 10]
                                                  one commit in a large handbook (issue 20)
    python benchmarks/bench.py memory [--pages 1000 10000]   cold peak RSS, PSS, -j 2 / -j 1
    python benchmarks/bench.py keystroke [--pages 1000]   the language server on a 300 KB page
    python benchmarks/bench.py instructions [FOLDER] [--pages 300]   floor, one page cold and
                                                  a keystroke, in instructions
    python benchmarks/bench.py all                (all but instructions, which takes minutes)

FOLDER defaults to ../shared/corpus when it exists. Each timing is the best of --repeat runs
(default 3); a ratio compares two timings taken in the same run. Targets (issue 9) are printed
next to each ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
PYTHON = sys.executable


#: markdown-it-py parsing the files named on its command line: the floor jdlint is compared to.
PARSE_SCRIPT = (
    "import sys\nfrom markdown_it import MarkdownIt\n"
    "md = MarkdownIt('commonmark', {'html': True}).enable(['table', 'strikethrough'])\n"
    "for f in sys.argv[1:]:\n    md.parse(open(f, encoding='utf-8', errors='replace').read())\n"
)


def base_env(**extra: str) -> dict[str, str]:
    """The environment of every measured command: as users run it, with byte code cached
    (some CI images set PYTHONDONTWRITEBYTECODE, which would make jdlint compile its own
    source on every run while its dependencies' byte code was compiled at install time)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def compile_jdlint() -> None:
    """Compile the byte code of the jdlint the measured commands run, once, before anything is
    timed, and say which one that is: `python -m jdlint` run from a checkout imports the
    checkout's source, not the installed package (to compare two installed versions, run
    bench.py from a folder outside the checkout)."""
    where = subprocess.run(
        [PYTHON, "-c", "import jdlint, os; print(os.path.dirname(jdlint.__file__))"],
        env=base_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"measuring the jdlint in {where}")
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", where],
        stdout=subprocess.DEVNULL,
        env=base_env(),
        check=False,
    )


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one run of a command (its output discarded)."""
    start = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env or base_env(),
        check=False,
    )
    return time.perf_counter() - start


def best(command: list[str], repeat: int, env: dict[str, str] | None = None, setup=None) -> float:
    """Best wall time of `repeat` runs of a command."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        times.append(timed(command, env))
    return min(times)


def peak_rss_mb(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and peak resident memory (MiB) of one run of a command and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    elapsed = timed(command, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before) / 1024


def jdlint(*args: str) -> list[str]:
    return [PYTHON, "-m", "jdlint", "check", *args, "-q"]


def env_with_cache(directory: Path) -> dict[str, str]:
    return base_env(JDLINT_CACHE_DIR=str(directory))


def pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.endswith((".md", ".md.erb", ".markdown")))


def report(name: str, ratio: float, target: str, detail: str) -> None:
    print(f"{name:8} ratio {ratio:6.2f}   (target {target})   {detail}")


# -- the benchmarks -------------------------------------------------------------------------------


def floor(folder: Path, repeat: int) -> None:
    """Full jdlint (all default rules, no cache, one process) vs markdown-it-py alone."""
    files = [str(p) for p in pages(folder)]
    parse = best([PYTHON, "-c", PARSE_SCRIPT, *files], repeat)
    full = best(jdlint(str(folder), "--no-cache", "-j", "1"), repeat)
    report(
        "floor",
        full / parse,
        "<= 3.5",  # issue 20: pure Python -j 1 (<= 2.0 with the fast extra)
        f"jdlint {full:.2f}s, markdown-it parse {parse:.2f}s, {len(files)} files",
    )
    if importlib.util.find_spec("markdown_it_pyrs") is None:
        print("floor    fast: skipped (markdown-it-pyrs not installed: pip install 'jdlint[fast]')")
        return
    fast = best(jdlint(str(folder), "--no-cache", "-j", "1", "--parser", "fast"), repeat)
    report(
        "fast",
        fast / parse,
        "<= 2.0",
        f"jdlint --parser fast {fast:.2f}s ({full / fast:.2f}x the default parser)",
    )


def peers(folder: Path, repeat: int) -> None:
    """jdlint vs markdownlint-cli2 (npm) and rumdl (PyPI), installed into a temporary folder."""
    full = best(jdlint(str(folder), "--no-cache"), repeat)
    tools = Path(tempfile.mkdtemp(prefix="jdlint-peers-"))
    try:
        mdl = _install_markdownlint(tools)
        if mdl:
            other = best([mdl, f"{folder}/**/*.md", f"{folder}/**/*.md.erb"], repeat)
            report(
                "peers",
                full / other,
                "<= 0.5",
                f"jdlint {full:.2f}s, markdownlint-cli2 {other:.2f}s",
            )
        rumdl = _install_rumdl(tools)
        if rumdl:
            other = best([rumdl, "check", "--no-cache", str(folder)], repeat)
            report("peers", full / other, "(record)", f"jdlint {full:.2f}s, rumdl {other:.2f}s")
    finally:
        shutil.rmtree(tools, ignore_errors=True)


def _install_markdownlint(tools: Path) -> str | None:
    if not shutil.which("npm"):
        print("peers    markdownlint-cli2 skipped: npm is not installed")
        return None
    done = subprocess.run(
        ["npm", "install", "--silent", "--prefix", str(tools), "markdownlint-cli2"],
        capture_output=True,
        text=True,
        check=False,
    )
    binary = tools / "node_modules" / ".bin" / "markdownlint-cli2"
    if done.returncode != 0 or not binary.exists():
        print(
            f"peers    markdownlint-cli2 skipped: npm install failed: {done.stderr.strip()[:200]}"
        )
        return None
    return str(binary)


def _install_rumdl(tools: Path) -> str | None:
    done = subprocess.run(
        [PYTHON, "-m", "pip", "install", "--quiet", "--target", str(tools / "py"), "rumdl"],
        capture_output=True,
        text=True,
        check=False,
    )
    binary = tools / "py" / "bin" / "rumdl"
    if done.returncode != 0 or not binary.exists():
        print(f"peers    rumdl skipped: pip install failed: {done.stderr.strip()[:200]}")
        return None
    return str(binary)


def cache(folder: Path, repeat: int) -> None:
    """A warm-cache run vs a cold one (cache emptied before each cold run)."""
    directory = Path(tempfile.mkdtemp(prefix="jdlint-cache-"))
    env = env_with_cache(directory)
    try:
        cold = best(
            jdlint(str(folder)),
            repeat,
            env,
            setup=lambda: shutil.rmtree(directory, ignore_errors=True),
        )
        subprocess.run(jdlint(str(folder)), stdout=subprocess.DEVNULL, env=env, check=False)
        warm = best(jdlint(str(folder)), repeat, env)
        report("cache", cold / warm, ">= 5 (cold/warm)", f"cold {cold:.2f}s, warm {warm:.2f}s")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def start(repeat: int) -> None:
    """`jdlint check one-page.md` (default settings, warm cache) vs importing markdown-it."""
    page = (
        HERE.parent
        / "fixtures"
        / "handbook"
        / "job-families"
        / "engineering"
        / "widget-engineering"
        / "index.html.md"
    )
    directory = Path(tempfile.mkdtemp(prefix="jdlint-start-"))
    env = env_with_cache(directory)
    try:
        baseline = best([PYTHON, "-c", "import markdown_it"], repeat * 3)
        cold = best(jdlint(str(page), "--no-cache"), repeat)
        subprocess.run(jdlint(str(page)), stdout=subprocess.DEVNULL, env=env, check=False)
        warm = best(jdlint(str(page)), repeat * 3, env)
        report(
            "start",
            warm / baseline,
            "<= 2.0",
            f"one page warm {warm:.3f}s, import markdown_it {baseline:.3f}s",
        )
        report("start", cold / baseline, "(record)", f"one page without cache {cold:.3f}s")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def scale(sizes: list[int], repeat: int) -> None:
    """Generated handbooks: 10k/1k time ratio, peak memory, -j 2 vs -j 1, warm vs rumdl."""
    sys.path.insert(0, str(HERE))
    from generate_handbook import generate

    work = Path(tempfile.mkdtemp(prefix="jdlint-scale-"))
    times: dict[int, float] = {}
    try:
        for size in sizes:
            folder = work / f"h{size}"
            generate(folder, size, seed=1)
            serial, rss = peak_rss_mb(jdlint(str(folder), "--no-cache", "-j", "1"))
            parallel = best(jdlint(str(folder), "--no-cache", "-j", "2"), 1)
            for _ in range(repeat - 1):  # alternated, so both see the same machine
                serial = min(serial, best(jdlint(str(folder), "--no-cache", "-j", "1"), 1))
                parallel = min(parallel, best(jdlint(str(folder), "--no-cache", "-j", "2"), 1))
            times[size] = serial
            print(
                f"scale    {size:6d} pages: -j 1 {serial:.1f}s (peak RSS {rss:.0f} MiB), -j 2 {parallel:.1f}s,"
                f" -j2 speed-up {serial / parallel:.2f} (target >= 1.5)"
            )
        stretch(work / f"h{sizes[-1]}", sizes[-1], work)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            report(
                "scale",
                times[large] / times[small],
                f"<= {1.2 * large / small:.0f}",
                f"{large} vs {small} pages",
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stretch(folder: Path, size: int, work: Path) -> None:
    """A warm-cache jdlint run vs a cold `rumdl check --no-cache` of the same pages."""
    rumdl = _install_rumdl(work)
    if not rumdl:
        return
    env = env_with_cache(work / "cache")
    subprocess.run(jdlint(str(folder)), stdout=subprocess.DEVNULL, env=env, check=False)
    warm = best(jdlint(str(folder)), 1, env)
    other = best([rumdl, "check", "--no-cache", str(folder)], 1)
    report(
        "stretch",
        warm / other,
        "<= 1.0",
        f"{size} pages: jdlint warm cache {warm:.2f}s, rumdl --no-cache {other:.2f}s",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "which",
        choices=[
            "floor",
            "peers",
            "cache",
            "start",
            "scale",
            "incremental",
            "memory",
            "keystroke",
            "instructions",
            "all",
        ],
    )
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--pages", type=int, nargs="+", help="generated handbook sizes (default 1000 10000)"
    )
    parser.add_argument(
        "--copies", type=int, default=10, help="incremental: copies of FOLDER as one handbook"
    )
    args = parser.parse_args()
    folder = args.folder or DEFAULT_CORPUS
    sizes = args.pages or [1000, 10000]
    compile_jdlint()
    if args.which in ("floor", "peers", "cache", "instructions", "all") and not folder.is_dir():
        sys.exit(f"no folder to benchmark: {folder} (give one)")
    if args.which in ("floor", "all"):
        floor(folder, args.repeat)
    if args.which in ("peers", "all"):
        peers(folder, args.repeat)
    if args.which in ("cache", "all"):
        cache(folder, args.repeat)
    if args.which in ("start", "all"):
        start(args.repeat)
    if args.which in ("scale", "all"):
        scale(sizes, args.repeat)
    if args.which in ("incremental", "all"):
        from incremental import incremental  # its own module; it builds on this one

        incremental(folder, sizes, args.copies, args.repeat)
    if args.which in ("memory", "all"):
        from memory import memory  # its own module; it builds on this one

        memory(sizes, args.repeat)
    if args.which in ("keystroke", "all"):
        from keystroke import keystroke

        keystroke(sizes[0], args.repeat)
    if args.which == "instructions":
        from instructions import instructions

        instructions(folder, args.pages[0] if args.pages else 300)  # valgrind: ~50x slower


if __name__ == "__main__":
    main()
