"""`bench.py memory`: a cold run's peak memory and what `-j 2` gives over `-j 1` (issue 20).

Kept apart from bench.py (which stays the entry point and owns the timing helpers). Per
generated handbook, `--repeat` rounds alternate a cold `--no-cache -j 1` and `-j 2` run (so
both see the same machine) and print medians: wall time, the peak RSS of the largest process
(the parent; a worker is never larger) and, for `-j 2`, the largest sum of the proportional
set sizes (PSS, /proc/PID/smaps_rollup) of the parent and its workers seen while it ran, which
counts a page the workers still share with the parent once, not once per process. The CPU
time (user + system, workers included) is printed too: on a shared machine the wall-time
ratio says as much about the neighbours as about jdlint, while `-j 2`'s CPU time over `-j 1`'s
is its overhead (pickling, memos warmed in each process), and `-j 1` CPU / (`-j 2` CPU / 2)
the ratio two free CPUs would allow.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import HERE, base_env, jdlint, report


def memory(sizes: list[int], repeat: int) -> None:
    sys.path.insert(0, str(HERE))
    from generate_handbook import generate

    work = Path(tempfile.mkdtemp(prefix="jdlint-memory-"))
    try:
        for size in sizes:
            folder = work / f"h{size}"
            generate(folder, size, seed=1)
            runs: dict[int, list[tuple[float, float, float, float]]] = {1: [], 2: []}
            for _ in range(repeat):
                for jobs in (1, 2):
                    runs[jobs].append(measured(jdlint(str(folder), "--no-cache", "-j", str(jobs))))
            serial, parallel = (_medians(runs[jobs]) for jobs in (1, 2))
            print(f"memory   {size:6d} pages, medians of {repeat} alternated rounds:")
            for jobs, (wall, cpu, rss, pss) in ((1, serial), (2, parallel)):
                print(
                    f"    -j {jobs}: {wall:6.1f}s wall, {cpu:6.1f}s CPU, peak RSS {rss:5.0f} MiB,"
                    f" summed PSS {pss:5.0f} MiB"
                )
            print(f"peak RSS {serial[2]:6.0f} MiB (target <= 400 MiB at 10k pages), -j 1")
            report("-j 2", serial[0] / parallel[0], ">= 1.6 at 1k pages", f"{size} pages, wall")
            report("-j 2 cpu", parallel[1] / serial[1], "(overhead)", "CPU of -j 2 / -j 1")
            report("-j 2 max", 2 * serial[1] / parallel[1], "(bound)", "with two free CPUs")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _medians(rounds: list[tuple[float, ...]]) -> tuple[float, float, float, float]:
    wall, cpu, rss, pss = (statistics.median(values) for values in zip(*rounds))
    return wall, cpu, rss, pss


def measured(command: list[str]) -> tuple[float, float, float, float]:
    """Wall time, CPU time (s, the workers included), peak RSS (MiB, /proc VmHWM of the largest process) and the largest summed PSS
    (MiB) of the process and its children, sampled every 50 ms while it runs."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=base_env()
    )
    peaks = {"rss": 0.0, "pss": 0.0}
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(process.pid, peaks, done), daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(process.pid, 0)  # not Popen.wait: it drops the usage
    elapsed = time.perf_counter() - start
    done.set()
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    return elapsed, usage.ru_utime + usage.ru_stime, peaks["rss"], peaks["pss"]


def _sample(pid: int, peaks: dict[str, float], done: threading.Event) -> None:
    while not done.is_set():
        pids = [pid, *_children(pid)]
        hwm = [_field(f"/proc/{pid}/status", "VmHWM:") for pid in pids]
        pss = [_field(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in pids]
        peaks["rss"] = max(peaks["rss"], *hwm)
        peaks["pss"] = max(peaks["pss"], sum(pss))
        time.sleep(0.05)


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except OSError:
        return []


def _field(path: str, name: str) -> float:
    """A kB field of a /proc file, in MiB (0 once the process is gone)."""
    try:
        with open(path, encoding="ascii") as lines:
            for line in lines:
                if line.startswith(name):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
