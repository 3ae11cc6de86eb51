"""Evaluate jdlint on a folder of real job-family pages.

Prints how many files were read, roles found per layout, pages where no role was found (with
the parser's reason), parse failures and findings per code. Uses `../shared/corpus` by default
when it exists. Not a test: the corpus is not part of the project.

    python benchmarks/corpus_report.py [FOLDER ...] [--show CODE]
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections import Counter
from pathlib import Path

from jdlint import api
from jdlint.document.build import build_document
from jdlint.fs.decode import UnreadableFile, read_source
from jdlint.fs.discover import discover

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--show", action="append", default=[], help="print findings of CODE")
    args = parser.parse_args()
    folders = args.folders or ([DEFAULT] if DEFAULT.exists() else [])
    if not folders:
        print("no folder given and ../shared/corpus is absent", file=sys.stderr)
        return 2
    files = discover([str(f) for f in folders])
    layouts: Counter[str] = Counter()
    roles_per_layout: Counter[str] = Counter()
    no_roles: list[tuple[str, str]] = []
    failures: list[tuple[str, str]] = []
    for path in files:
        try:
            source = read_source(path, 10 * 1024 * 1024)
            document = build_document(path, source.text, source.newline)
        except UnreadableFile as error:
            failures.append((path, error.reason))
            continue
        except Exception:  # the point of this script is to find these
            failures.append((path, traceback.format_exc(limit=3)))
            continue
        layouts[document.layout] += 1
        roles_per_layout[document.layout] += len(document.roles)
        if not document.roles:
            reason = (
                "partial (fragment)"
                if document.kind == "partial"
                else (f"{len(document.headings)} headings, none a role or role section")
            )
            no_roles.append((path, reason))
    session = api.open_session(folders[0])
    result = api.check_paths([], session, need_documents=True, files=files)
    print(f"files: {len(files)}   parse failures: {len(failures)}")
    print("layouts (pages / roles):")
    for layout, count in layouts.most_common():
        print(f"  {layout:14} {count:4d} pages {roles_per_layout[layout]:5d} roles")
    print(f"pages with no role found: {len(no_roles)}")
    for path, reason in no_roles:
        print(f"  {path}: {reason}")
    for path, reason in failures:
        print(f"  FAILED {path}: {reason}")
    print("findings per code:")
    for code, count in sorted(Counter(f.code for f in result.findings).items()):
        print(f"  {code} {count:5d}")
    for finding in result.findings:
        if finding.code in args.show:
            print(
                f"{finding.path}:{finding.span.line}:{finding.span.col}: {finding.code} {finding.message}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
