"""What a non-editable install ships: every package and every shipped rule-pack file."""

from __future__ import annotations

import sys
from fnmatch import fnmatch

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]


def test_every_jdlint_package_is_listed():
    listed = set(_setuptools()["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "jdlint").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert found <= listed, f"missing from [tool.setuptools] packages: {sorted(found - listed)}"


def test_every_shipped_pack_file_matches_the_package_data_globs():
    globs = _setuptools()["package-data"]["jdlint.packs"]
    root = ROOT / "rules"
    files = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    data = [f for f in files if not f.endswith((".py", ".pyc"))]
    assert data, "rule packs exist"
    unmatched = [
        f for f in data if not any(fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)
    ]
    assert unmatched == [], f"not installed by a non-editable install: {unmatched}"


def test_installed_packs_are_read_through_importlib_resources():
    from importlib import resources

    names = {p.name for p in resources.files("jdlint.packs").iterdir() if p.is_dir()}
    assert {"terminology", "gendered-wording", "misspelling", "job-ad-wording"} <= names
