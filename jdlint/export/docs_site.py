"""The rule documentation as a static site, generated from the rule metadata (`jdlint docs`).

SARIF's `helpUri` and the language server's `codeDescription` link each finding to its rule's
page, so the pages are made from the same metadata as `jdlint rules` and `jdlint explain`, and
cannot drift from them. jdlint has no public docs host, so there is no default address (a
made-up one would be a dead link in every report): where the site is served (GitLab or GitHub
Pages, an intranet) is `$JDLINT_DOCS_URL`, else the distribution's `Documentation` project URL
(a fork that hosts the pages may declare one). Without either, reports carry no rule links.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from jdlint import __version__

if TYPE_CHECKING:  # SARIF reports and the editor need only the URLs: no templates, no registry
    from jdlint.registry import Registry


#: The environment variable that says where `jdlint docs` output is served.
DOCS_URL_VARIABLE = "JDLINT_DOCS_URL"


def docs_url() -> str | None:
    """The documentation site's base URL: `$JDLINT_DOCS_URL` (an absolute URL: https://,
    file://), else the one the installed distribution declares, else None (no rule links)."""
    configured = os.environ.get(DOCS_URL_VARIABLE, "").strip()
    if "://" in configured:
        return configured.rstrip("/") + "/"
    try:
        urls = metadata.metadata("jdlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "documentation" and url.strip():
            return url.strip().rstrip("/") + "/"
    return None


def rule_url(code: str, base: str | None = None) -> str | None:
    """The page of one rule on the documentation site (None when no site is declared)."""
    base = base if base is not None else docs_url()
    return f"{base}{page_name(code)}" if base else None


def page_name(code: str) -> str:
    return f"{code}.html"


def write_site(registry: Registry, directory: Path) -> list[Path]:
    """`index.html` (every rule) and one page per implemented rule; returns the files written."""
    from jdlint.document.markdown import render_html
    from jdlint.export.html_report import templates
    from jdlint.fs.atomic_write import write_atomic
    from jdlint.rule_docs import explain_facts, rules_rows

    env = templates()
    directory.mkdir(parents=True, exist_ok=True)
    rows = rules_rows(registry)
    written = [directory / "index.html"]
    index = env.get_template("docs_index.html.j2").render(
        rows=rows, version=__version__, page=page_name
    )
    write_atomic(written[0], index.encode("utf-8"))
    for row in rows:
        meta = registry.metas.get(str(row["code"]))
        if meta is None:
            continue  # planned: listed in the index only
        body = render_html(meta.explanation.strip() or meta.summary)
        path = directory / page_name(meta.code)
        page = env.get_template("docs_rule.html.j2").render(
            meta=meta,
            row=row,
            facts=explain_facts(registry, meta),
            body=body,
            version=__version__,
        )
        write_atomic(path, page.encode("utf-8"))
        written.append(path)
    return written
