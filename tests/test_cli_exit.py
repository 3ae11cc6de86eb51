"""The `jdlint` command ends without tearing the interpreter down (`cli.main.run`), and says
and exits exactly what `main` says and exits: output flushed, exit handlers run, codes kept.

Each test runs the real command in a subprocess: the quick exit ends the process it runs in.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli.main import main

PAGE = "# Widget Engineer\n\n## Responsibilities\n\n- Build widgets\n"


def _command(*args: str, cwd: Path, prelude: str = "") -> subprocess.CompletedProcess[str]:
    code = f"{prelude}\nimport sys\nfrom jdlint.cli.main import run\nsys.argv = {['jdlint', *args]!r}\nrun()\n"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("check", "--no-cache", "page.md"), 1),  # findings
        (("check", "--no-cache", "--select", "JD401", "page.md"), 0),  # clean
        (("check", "--no-cache", "missing.md"), 2),  # usage error
        (("rules",), 0),  # a long output through a pipe
        (("explain", "JD000"), 2),  # an unknown code
    ],
)
def test_the_command_says_and_exits_what_main_does(tmp_path, monkeypatch, args, code):
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    done = _command(*args, cwd=tmp_path)
    monkeypatch.chdir(tmp_path)
    expected = CliRunner().invoke(main, list(args))
    assert done.returncode == expected.exit_code == code
    assert done.stdout == expected.stdout
    assert done.stdout or done.stderr


def test_exit_handlers_still_run(tmp_path):
    """A plugin's (or any library's) `atexit` handler runs before the process ends."""
    marker = tmp_path / "ran"
    prelude = f"import atexit\natexit.register(lambda: open({str(marker)!r}, 'w').write('yes'))"
    done = _command("rules", cwd=tmp_path, prelude=prelude)
    assert done.returncode == 0
    assert marker.read_text() == "yes"


def test_a_message_given_to_exit_is_said_and_exits_1(tmp_path):
    prelude = (
        "import jdlint.cli.main as m\n"
        "def stop():\n    raise SystemExit('jdlint: stopped')\n"
        "m.main = stop"
    )
    done = _command("rules", cwd=tmp_path, prelude=prelude)
    assert (done.returncode, done.stderr) == (1, "jdlint: stopped\n")


def test_the_interpreter_is_not_torn_down(tmp_path):
    """What the quick exit saves: nothing is freed one by one at the end (an object that says
    so when freed says nothing), unless another thread still runs."""
    marker = tmp_path / "freed"
    prelude = (
        "class Freed:\n"
        f"    def __del__(self, open=open):  # builtins are gone by then\n"
        f"        open({str(marker)!r}, 'w').write('freed')\n"
        "kept = Freed()"
    )
    assert _command("rules", cwd=tmp_path, prelude=prelude).returncode == 0
    assert not marker.exists()
    # The thread must still run when the command ends, also on a loaded machine (a short
    # sleep was over before a slow `jdlint rules` finished, and the quick exit was taken).
    threaded = (
        prelude + "\nimport threading, time\nthreading.Thread(target=time.sleep, args=(2,)).start()"
    )
    assert _command("rules", cwd=tmp_path, prelude=threaded).returncode == 0
    assert marker.read_text() == "freed"  # the ordinary exit: it waited for the thread


def test_a_profiler_still_gets_its_figures(tmp_path):
    """`python -m cProfile -m jdlint` writes its profile: a profiled run exits the ordinary way."""
    profile = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "jdlint", "rules"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "JD101" in done.stdout
    assert profile.stat().st_size > 0
