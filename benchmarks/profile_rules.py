"""Where a run's CPU goes: jdlint's checking vs the markdown-it-py parse floor, in one process.

Times, side by side in one Python process (the machines are noisy: compare the ratio, not the
seconds), tokenising a folder's pages with markdown-it-py alone and `jdlint.engine.run.run` (what `jdlint check --no-cache -j 1` runs) on the
same pages, best of N runs each, and prints the ratio (issue 9's "floor" target is <= 2.0). The
first checking run is printed too: it pays for whatever a run loads once (dictionaries, packs).

    python benchmarks/profile_rules.py FOLDER [--runs 3] [--profile [--top 30]] [--rules]

`--profile` prints the functions with the most self time (cProfile of one later run);
`--rules` prints the time spent in each rule's check, summed over the first run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from jdlint.engine.checking import Engine
from jdlint.engine.run import run
from jdlint.engine.session import prepare
from jdlint.findings import Finding
from jdlint.fs.decode import read_source
from jdlint.fs.discover import discover
from jdlint.rules import Rule


def floor_run(paths: list[str]) -> float:
    """Read and tokenise every page with markdown-it-py alone (the parser jdlint builds on)."""
    start = time.perf_counter()
    markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    for path in paths:
        markdown.parse(Path(path).read_text(encoding="utf-8", errors="replace"))
    return time.perf_counter() - start


def check_run(engine: Engine, paths: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = run(engine, paths)
    return time.perf_counter() - start, len(result.findings)


def timed_rules(engine: Engine, totals: dict[str, float]) -> None:
    """Wrap every active rule's check so that the time spent in it adds up in `totals`."""

    def wrap(item: Rule) -> Rule:
        inner = item.check
        key = f"{item.meta.code} {item.meta.name} ({item.target.__name__}: {inner.__name__})"

        def check(node: Any, context: Any) -> Iterable[Finding]:
            start = time.perf_counter()
            out = list(inner(node, context))
            totals[key] += time.perf_counter() - start
            return out

        return replace(item, check=check)

    for target, items in engine.document_rules.items():
        engine.document_rules[target] = [wrap(r) for r in items]
    engine.handbook_rules = [wrap(r) for r in engine.handbook_rules]


def best(run: Callable[[], float], times: int) -> float:
    return min(run() for _ in range(times))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print top functions by self time")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--rules", action="store_true", help="print time per rule")
    args = parser.parse_args()

    session = prepare(anchor=args.folder)
    paths = discover([str(args.folder)], session.settings.exclude)
    for path in paths:
        read_source(path, session.settings.max_file_size)  # warm the OS cache for both sides
    engine = Engine(session.settings, session.registry, session.selected)
    totals: dict[str, float] = defaultdict(float)
    if args.rules:  # timed on the first run, before anything is loaded or memoised
        timed = Engine(session.settings, session.registry, session.selected)
        timed_rules(timed, totals)
        first, count = check_run(timed, paths)
    else:
        first, count = check_run(engine, paths)
    floor = best(lambda: floor_run(paths), args.runs)
    checking = best(lambda: check_run(engine, paths)[0], args.runs)
    print(f"{len(paths)} files, {count} findings")
    print(f"markdown-it-py alone : {floor:7.3f} s (best of {args.runs})")
    print(f"jdlint run          : {checking:7.3f} s (best of {args.runs}); first run {first:.3f} s")
    print(f"floor ratio          : {checking / floor:7.2f} (first run {first / floor:.2f})")

    if args.rules:
        print("\ntime per rule (first run):")
        for key, seconds in sorted(totals.items(), key=lambda kv: -kv[1])[: args.top]:
            print(f"  {seconds:7.3f} s  {key}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run, engine, paths)
        print()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
