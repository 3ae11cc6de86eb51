"""`bench.py instructions`: the floor, one page checked cold and a keystroke in the language
server, counted in instructions.

Wall time on a shared two-core machine can swing by a third between back-to-back runs of the
same command, which hides a change of a few percent. valgrind's callgrind counts the
instructions a run executes instead: the same to about 0.1% run after run, whatever else the
machine is doing. It runs programs some fifty times slower, so this scenario is not part of
`bench.py all`, and it counts one-process runs (`-j 1`) only. Hashing is seeded
(`PYTHONHASHSEED=0`): sets of strings then iterate alike from run to run, and so do the
instructions. A keystroke (`keystroke.py`'s page of 300 KB in generated pages) is counted as
the difference of two runs of the language server's checker, typing once and eleven times,
over ten (the two runs' first checks differ by up to a few percent, which the difference
would otherwise carry); so is the same page alone.

Instructions are not time (markdown-it-py's parse runs more instructions per cycle than
jdlint's checks), so the ratios here sit above the wall-time ones of `floor` and
`incremental`; they are for comparing two versions of jdlint on one machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench import HERE, PARSE_SCRIPT, PYTHON, base_env, jdlint, pages, report

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


#: Keystrokes counted past the first (their count over this many is one keystroke's).
_TYPED = 10


def instructions(folder: Path, generated: int) -> None:
    """callgrind's counts of a full `--no-cache -j 1` run of FOLDER, of its middle page checked
    cold inside it (the rest is its context), of markdown-it-py parsing every page, and of a
    keystroke on a 300 KB page among `generated` generated pages."""
    if shutil.which("valgrind") is None:
        print("instructions: skipped (valgrind is not installed)")
        return
    files = [str(p) for p in pages(folder)]
    page = files[len(files) // 2]
    full_run = jdlint(str(folder), "--no-cache", "-j", "1")
    one_page = jdlint(page, "--no-cache", "-j", "1")
    for command in (full_run, one_page):  # first runs: word-list copies, byte code
        subprocess.run(command, env=base_env(), capture_output=True, check=False)
    parse = _count([PYTHON, "-c", PARSE_SCRIPT, *files])
    full = _count(full_run)
    one = _count(one_page)
    print(
        f"instructions  {len(files)} pages: parse {parse:.3e}, full {full:.3e}, one page {one:.3e}"
    )
    report("instr", full / parse, "(record)", "full -j 1 run / markdown-it-py parse, instructions")
    report("instr", one / parse, "(record)", "one page cold, -j 1 / the parse, instructions")
    _keystroke(generated)


def _keystroke(generated: int) -> None:
    """One keystroke's instructions on the large page among `generated` pages, and alone."""
    from keystroke import TYPING_SCRIPT, large_page_in

    work = Path(tempfile.mkdtemp(prefix="jdlint-instructions-"))
    try:
        page, alone = large_page_in(work, generated)
        typed = {}
        for where in (page, alone):
            runs = [
                [PYTHON, "-c", TYPING_SCRIPT, str(where), str(n), str(HERE)]
                for n in (1, 1 + _TYPED)
            ]
            for _warm in range(2):  # byte code; the cache's digests, then its stat entries
                subprocess.run(runs[0], env=base_env(), capture_output=True, check=True)
            once, more = (_count(run) for run in runs)
            typed[where] = (more - once) / _TYPED
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(work.parent / f"{work.name}-alone", ignore_errors=True)
    print(
        f"instructions  keystroke on a 300 KB page in {generated} pages: {typed[page]:.3e},"
        f" the page alone {typed[alone]:.3e}"
    )
    report("instr", typed[page] / typed[alone], "(record)", "keystroke / the page alone")


def _count(command: list[str]) -> float:
    """The instructions one run of `command` executes (callgrind's "Collected")."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=base_env(PYTHONHASHSEED="0"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count for {command[:4]}: {done.stderr[-300:]}")
    return float(found.group(1))
