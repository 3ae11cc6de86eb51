"""`jdlint init`: a commented config inferred from the handbook, valid as written (issue 16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from jdlint.checks.links import private_host
from jdlint.cli.main import main
from jdlint.config.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def _handbook(tmp_path: Path, layout: str) -> Path:
    target = tmp_path / layout
    shutil.copytree(ROOT / "fixtures" / "layouts" / layout / "correct", target)
    (target / ".jdlint.yaml").unlink()
    return target


def test_init_writes_a_valid_commented_config(tmp_path: Path) -> None:
    root = _handbook(tmp_path, "federal")
    result = CliRunner().invoke(main, ["init", str(root)])
    assert result.exit_code == 0, result.output
    text = (root / ".jdlint.yaml").read_text(encoding="utf-8")
    settings = load_settings(root / ".jdlint.yaml")  # schema-valid as written
    assert settings.grades == {"notations": ["gs"]}
    # "Summary" opens every federal posting: the About the Role section, on every page
    assert set(settings.required_sections) == {"Responsibilities", "Requirements", "About the Role"}
    assert settings.family_sections == ("Hiring Process",)
    assert dict(settings.site)["slugs"] == "kramdown"
    assert 'Responsibilities: "Major duties" (3)' in text
    assert '#   About the Role: "Summary" (3)' in text
    assert "Jekyll" in text


def test_init_lists_private_hosts_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = _handbook(tmp_path, "job-ad")
    page = root / "build-infrastructure-engineer.md"
    page.write_text(
        page.read_text() + "\nSee the [plan](https://acme.sharepoint.com/plan).\n", encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    data = yaml.safe_load((root / ".jdlint.yaml").read_text(encoding="utf-8"))
    assert data["private-hosts"] == ["acme.sharepoint.com"]
    again = CliRunner().invoke(main, ["init", str(root)])
    assert again.exit_code == 2 and "exists already" in again.output


def test_init_writes_the_company_internal_hosts_from_the_site_base_url(tmp_path: Path) -> None:
    root = _handbook(tmp_path, "job-ad")
    (root / "hugo.toml").write_text('baseURL = "https://handbook.acme.co.uk/"\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    data = yaml.safe_load((root / ".jdlint.yaml").read_text(encoding="utf-8"))
    assert data["private-hosts"] == ["company:acme"]
    hosts = tuple(data["private-hosts"])
    assert private_host("https://internal-handbook.acme.io/x", hosts) == "internal-handbook.acme.io"
    assert private_host("https://handbook.acme.co.uk/x", hosts) is None


def test_init_names_no_company_on_shared_hosting(tmp_path: Path) -> None:
    root = _handbook(tmp_path, "job-ad")
    (root / "hugo.toml").write_text('baseURL = "https://acme.github.io/hb/"\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    data = yaml.safe_load((root / ".jdlint.yaml").read_text(encoding="utf-8"))
    assert "private-hosts" not in data
