"""A fuzz campaign outside the test suite: the property tests' generators, for N minutes.

    python benchmarks/fuzz.py --minutes 10

Runs generated job-family pages, mutated fixtures, concatenations of pages, arbitrary text and
arbitrary bytes through the full checker (every rule selected) and checks the same properties
as `tests/test_properties.py`: no exception, no page needing the time limit, every finding's
span inside the file, the same findings on a second run. Config files and rule packs
(`tests/yamlgen.py`: schema keys with hostile values, aliases, spliced YAML tokens, token soup)
go through loading as `tests/test_yaml_properties.py` checks it: settings and rules (which then
check a page) or one error line, within a time bound, never a traceback. Hypothesis shrinks each
failure to a small input, which is printed; the campaign then goes on with fresh random inputs.
Prints examples run per target, crashes found (exit code 1 if any) and the slowest examples.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pagegen import FILE_NAMES, any_input, assert_page_properties, make_engine, page  # noqa: E402
from yamlgen import (  # noqa: E402
    any_yaml,
    assert_config_loads,
    assert_pack_loads,
    config_text,
    front_matter_page,
    pack_meta_text,
    pack_rule_text,
)


def inputs() -> st.SearchStrategy[bytes]:
    """The suite's inputs, larger pages made of several generated ones, hostile front matter."""
    return st.one_of(
        any_input(),
        st.lists(page(), min_size=2, max_size=20).map(b"".join),
        front_matter_page(),
    )


def campaign(minutes: float, batch: int) -> int:
    engine = make_engine()
    stop = time.monotonic() + minutes * 60
    examples = {"pages": 0, "config": 0, "packs": 0}
    slowest = {target: (0.0, "") for target in examples}
    crashes: dict[str, str] = {}  # where it failed -> report
    run = settings(
        max_examples=batch, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )

    def timed(target: str, shown: str, check: Callable[[], object]) -> None:
        started = time.monotonic()
        check()
        elapsed = time.monotonic() - started
        examples[target] += 1
        if elapsed > slowest[target][0]:
            slowest[target] = (elapsed, shown)

    @run
    @given(data=inputs(), name=st.sampled_from(FILE_NAMES))
    def pages(data: bytes, name: str) -> None:
        timed(
            "pages",
            f"{len(data):,} bytes as {name}",
            lambda: assert_page_properties(engine, data, name),
        )

    @run
    @given(text=st.one_of(config_text(), any_yaml()))
    def config(text: str) -> None:
        with tempfile.TemporaryDirectory() as root:
            timed(
                "config", f"{len(text):,} characters", lambda: assert_config_loads(Path(root), text)
            )

    @run
    @given(rule=st.one_of(pack_rule_text(), any_yaml()), meta=pack_meta_text())
    def packs(rule: str, meta: str) -> None:
        with tempfile.TemporaryDirectory() as root:
            shown = f"{len(rule) + len(meta):,} characters"
            timed("packs", shown, lambda: assert_pack_loads(Path(root), rule, meta))

    targets = (pages, config, packs)
    rounds = 0
    while time.monotonic() < stop:
        target = targets[rounds % len(targets)]
        rounds += 1
        try:
            target()
        except Exception as error:  # a crash: record it once per place, then go on
            frames = traceback.extract_tb(error.__traceback__)
            where = f"{type(error).__name__} at {frames[-1].filename}:{frames[-1].lineno}"
            notes = "\n".join(getattr(error, "__notes__", []))
            if where not in crashes:
                crashes[where] = f"{error!r}\n{notes}"
                print(f"CRASH {where}\n{crashes[where]}\n", flush=True)
        if rounds % 10 == 0:
            left = max(0.0, stop - time.monotonic())
            done = ", ".join(f"{n} {t}" for t, n in examples.items())
            print(f"... {done}; {len(crashes)} crashes, {left:.0f} s left", flush=True)

    print(
        f"examples run: {sum(examples.values())} ({', '.join(f'{t}: {n}' for t, n in examples.items())})"
    )
    print(f"crashes found: {len(crashes)}")
    for where in crashes:
        print(f"  - {where}")
    for target, (seconds, shown) in slowest.items():
        print(f"slowest {target} example: {seconds * 1000:.0f} ms ({shown})")
    return 1 if crashes else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--batch", type=int, default=200, help="examples per Hypothesis run")
    args = parser.parse_args()
    sys.exit(campaign(args.minutes, args.batch))


if __name__ == "__main__":
    main()
