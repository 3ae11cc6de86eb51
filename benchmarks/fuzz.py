"""A fuzz campaign outside the test suite: the property tests' generators, for N minutes.

    python benchmarks/fuzz.py --minutes 10

Runs generated job-family pages, mutated fixtures, concatenations of pages, arbitrary text and
arbitrary bytes through the full checker (every rule selected) and checks the same properties
as `tests/test_properties.py`: no exception, no page needing the time limit, every finding's
span inside the file, the same findings on a second run. Hypothesis shrinks each failure to a
small input, which is printed; the campaign then goes on with fresh random inputs.
Prints examples run, crashes found (exit code 1 if any) and the slowest example.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pagegen import FILE_NAMES, any_input, assert_page_properties, make_engine, page  # noqa: E402


def inputs() -> st.SearchStrategy[bytes]:
    """The suite's inputs plus larger pages made of several generated ones."""
    return st.one_of(any_input(), st.lists(page(), min_size=2, max_size=20).map(b"".join))


def campaign(minutes: float, batch: int) -> int:
    engine = make_engine()
    stop = time.monotonic() + minutes * 60
    examples = 0
    slowest = (0.0, b"", "")
    crashes: dict[str, str] = {}  # where it failed -> report

    @settings(
        max_examples=batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=inputs(), name=st.sampled_from(FILE_NAMES))
    def one(data: bytes, name: str) -> None:
        nonlocal examples, slowest
        started = time.monotonic()
        assert_page_properties(engine, data, name)
        elapsed = time.monotonic() - started
        examples += 1
        if elapsed > slowest[0]:
            slowest = (elapsed, data, name)

    rounds = 0
    while time.monotonic() < stop:
        rounds += 1
        try:
            one()
        except Exception as error:  # a crash: record it once per place, then go on
            frames = traceback.extract_tb(error.__traceback__)
            where = f"{type(error).__name__} at {frames[-1].filename}:{frames[-1].lineno}"
            notes = "\n".join(getattr(error, "__notes__", []))
            if where not in crashes:
                crashes[where] = f"{error!r}\n{notes}"
                print(f"CRASH {where}\n{crashes[where]}\n", flush=True)
        if rounds % 10 == 0:
            left = max(0.0, stop - time.monotonic())
            print(f"... {examples} examples, {len(crashes)} crashes, {left:.0f} s left", flush=True)

    seconds, data, name = slowest
    print(f"examples run: {examples}")
    print(f"crashes found: {len(crashes)}")
    for where in crashes:
        print(f"  - {where}")
    print(f"slowest example: {seconds * 1000:.0f} ms ({len(data):,} bytes as {name})")
    return 1 if crashes else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--batch", type=int, default=200, help="examples per Hypothesis run")
    args = parser.parse_args()
    sys.exit(campaign(args.minutes, args.batch))


if __name__ == "__main__":
    main()
