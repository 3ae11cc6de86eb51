"""`bench.py incremental`: one commit in a large handbook (issue 20), as ratios in one run.

Kept apart from bench.py (which stays the entry point and owns the timing helpers) so each
module keeps one job: this one builds the handbooks and alternates the runs of one commit.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench import HERE, PARSE_SCRIPT, PYTHON, env_with_cache, jdlint, pages, report, timed

#: Additions that change a handbook check's view of the page: a new anchor (JD401/JD402 run
#: again), a paragraph long enough for JD502 to compare (JD502 runs again).
HEADING = "### Reviewed in round {}"
LONG_PARAGRAPH = (
    "We read every application with care and answer each one, whatever the outcome, and we"
    " keep the notes of round {} for a year so that a later application is read in context."
)


def incremental(folder: Path, sizes: list[int], copies: int, repeat: int) -> None:
    """One edited page in generated handbooks of `sizes` pages and in `copies` copies of FOLDER.

    Per handbook, thirteen timings, each the median of `repeat` rounds that alternate them (so
    every one sees the same machine): a cold run (empty cache), warm runs after one page was
    edited (a sentence, a heading, a long paragraph), after a page was added and deleted
    again, and with nothing edited, a pre-commit hook's run (another page edited and checked
    alone, after a run that checked a third one), the first two commits of a hook that never
    ran over the whole handbook (a cache of their own, emptied before the first), the edited
    page checked alone (a folder of its own, no handbook around it, no cache), one page checked
    cold inside the handbook (the rest is its context), and markdown-it-py parsing every page
    in one process (the parse floor).
    """
    sys.path.insert(0, str(HERE))
    from generate_handbook import generate

    work = Path(tempfile.mkdtemp(prefix="jdlint-incremental-"))
    try:
        handbooks: list[tuple[str, Path]] = []
        for size in sizes:
            generate(work / f"h{size}", size, seed=1)
            handbooks.append((f"{size} generated", work / f"h{size}"))
        if copies and folder.is_dir():
            target = work / f"copies{copies}"
            for number in range(copies):
                # One handbook root (the folder above job-families/), `copies` times the pages.
                shutil.copytree(folder / "job-families", target / "job-families" / f"c{number:02d}")
            handbooks.append((f"{copies}x {folder.name}", target))
        for name, handbook in handbooks:
            _incremental_one(name, handbook, work, repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _incremental_one(name: str, handbook: Path, work: Path, repeat: int) -> None:
    files = pages(handbook)
    page = files[len(files) // 2]
    original = page.read_text(encoding="utf-8")
    alone = work / "alone" / page.name
    alone.parent.mkdir(exist_ok=True)
    cache_dir = work / "cache"
    env = env_with_cache(cache_dir)
    edits = iter(range(1_000_000))

    def edit() -> None:
        """A new paragraph each time, so the page's cache entry never matches."""
        text = f"{original}\nThis role was reviewed in round {next(edits)}.\n"
        page.write_text(text, encoding="utf-8")
        alone.write_text(text, encoding="utf-8")

    def cold() -> float:
        """From the original page (the warm runs of the last round added to it), empty cache."""
        page.write_text(original, encoding="utf-8")
        shutil.rmtree(cache_dir, ignore_errors=True)
        return timed(jdlint(str(handbook)), env)

    def warm_edit() -> float:
        edit()
        return timed(jdlint(str(handbook)), env)

    def warm_changed(addition: str) -> float:
        """An edit that changes what some handbook checks read of the page: they run again."""
        text = f"{page.read_text(encoding='utf-8')}\n{addition.format(next(edits))}\n"
        page.write_text(text, encoding="utf-8")
        return timed(jdlint(str(handbook)), env)

    def warm_added() -> float:
        """A job page added beside the edited one (a copy of it in a folder of its own): the
        handbook's set of pages changes."""
        added = page.parent.parent / f"added-{next(edits)}" / page.name
        added.parent.mkdir()
        added.write_text(original, encoding="utf-8")
        return timed(jdlint(str(handbook)), env)

    def warm_deleted() -> float:
        """The page `warm_added` added, deleted again."""
        for folder in page.parent.parent.glob("added-*"):
            shutil.rmtree(folder)
        return timed(jdlint(str(handbook)), env)

    originals: dict[Path, str] = {}

    def commit(number: int, environment: dict[str, str] | None = None) -> float:
        """A pre-commit hook's run: another page edited, checked alone (the rest of the
        handbook is its context), after a run that checked another page alone."""
        other = files[(len(files) // 3 + number) % len(files)]
        text = originals.setdefault(other, other.read_text(encoding="utf-8"))
        other.write_text(f"{text}\nReviewed in round {next(edits)}.\n", encoding="utf-8")
        return timed(jdlint(str(other)), environment or env)

    hook_cache = work / "hook-cache"
    hook_env = env_with_cache(hook_cache)

    def first_commit() -> float:
        """A pre-commit hook's first run in a fresh clone: one page edited and checked alone,
        no cache (its own folder: never a run over the whole handbook)."""
        shutil.rmtree(hook_cache, ignore_errors=True)
        return commit(2, hook_env)

    rounds: dict[str, list[float]] = {
        "cold": [],
        "warm, one page edited": [],
        "warm, heading added": [],
        "warm, long paragraph added": [],
        "warm, page added": [],
        "warm, page deleted": [],
        "warm, nothing edited": [],
        "commit, another page checked": [],
        "hook only: first commit": [],
        "hook only: next commit": [],
        "edited page alone": [],
        "one page cold in handbook": [],
        "markdown-it parse": [],
    }
    try:
        for _ in range(repeat):
            rounds["cold"].append(cold())  # also leaves the cache warm for the next two
            rounds["warm, one page edited"].append(warm_edit())
            rounds["warm, heading added"].append(warm_changed(HEADING))
            rounds["warm, long paragraph added"].append(warm_changed(LONG_PARAGRAPH))
            rounds["warm, page added"].append(warm_added())
            rounds["warm, page deleted"].append(warm_deleted())
            rounds["warm, nothing edited"].append(timed(jdlint(str(handbook)), env))
            commit(0)  # the run before: it checks one page alone
            rounds["commit, another page checked"].append(commit(1))
            rounds["hook only: first commit"].append(first_commit())
            rounds["hook only: next commit"].append(commit(3, hook_env))
            rounds["edited page alone"].append(timed(jdlint(str(alone), "--no-cache")))
            rounds["one page cold in handbook"].append(timed(jdlint(str(page), "--no-cache")))
            rounds["markdown-it parse"].append(
                timed([PYTHON, "-c", PARSE_SCRIPT, *map(str, files)])
            )
    finally:
        page.write_text(original, encoding="utf-8")
        for other, text in originals.items():
            other.write_text(text, encoding="utf-8")
    median = {key: statistics.median(values) for key, values in rounds.items()}
    print(f"incremental  {name}: {len(files)} pages, medians of {repeat} alternated rounds")
    for key, value in median.items():
        print(f"    {key:28} {value:7.2f}s")
    report(
        "one edit",
        median["warm, one page edited"] / median["edited page alone"],
        "<= 1.5 at ~1k pages",
        "warm run, one page edited / that page checked alone",
    )
    changes = ("heading added", "long paragraph added", "page added", "page deleted")
    commits = ["commit, another page checked", "hook only: first commit", "hook only: next commit"]
    for key in [*(f"warm, {change}" for change in changes), *commits]:
        print(f"{key:26} {median[key] / median['edited page alone']:6.2f}x the page alone")
    # The 10k target, read both ways: the edited page checked with the rest of the
    # handbook as its context (a pre-commit hook's commit), and the whole handbook checked.
    seconds = median["commit, another page checked"]
    print(f"one edit commit {seconds:6.2f}s   (target <= 0.5 s at 10k pages)   the page checked")
    seconds = median["warm, one page edited"]
    print(f"one edit warm {seconds:6.2f}s   (target <= 0.5 s at 10k pages)   every page checked")
    report(
        "one page",
        median["one page cold in handbook"] / median["markdown-it parse"],
        "<= 1.0 at ~1k pages",
        "one page checked cold in the handbook / markdown-it-py parsing every page",
    )
    report(
        "cold",
        median["cold"] / median["markdown-it parse"],
        "<= 3.5 (-j 1; here default -j)",
        "full cold run / markdown-it-py parsing every page",
    )
