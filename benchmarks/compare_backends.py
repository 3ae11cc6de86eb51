"""Compare the `jdlint tree` of every page built with markdown-it-py and with the fast backend.

    python benchmarks/compare_backends.py [FOLDER ...]   (default: ../shared/corpus and
                                                          ../shared/corpus-hugo, and fixtures)

Prints, per folder, how many pages gave the identical tree, how many fell back to markdown-it-py
(the Rust tree could not be matched with certainty) and how many differ (a bug: the run exits 1
and names them), plus how many pages were parsed by the Rust backend without fallback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jdlint.document import markdown_rs
from jdlint.document.build import build_document, document_kind
from jdlint.document.markdown import parse_text
from jdlint.document.tree_json import document_data
from jdlint.fs.decode import decode

SUFFIXES = (".md", ".markdown", ".erb", ".txt", ".text")
DEFAULTS = ("../shared/corpus", "../shared/corpus-hugo", "../shared/seeds", "fixtures")


def pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))


def tree(path: str, text: str, parser: str) -> str:
    return json.dumps(document_data(build_document(path, text, parser=parser)), sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", default=list(DEFAULTS))
    args = parser.parse_args(argv)
    if not markdown_rs.available():
        print("markdown-it-pyrs is not installed: pip install 'jdlint[fast]'")
        return 2
    failed = False
    for folder in map(Path, args.folders):
        same = fallback = 0
        differ: list[str] = []
        for page in pages(folder):
            try:
                text = decode(str(page), page.read_bytes()).text
            except Exception:  # an undecodable page has no tree under either backend
                continue
            if document_kind(str(page)) != "text":
                masked = parse_text(text).masked
                if markdown_rs.rust_tokens(masked) is None:
                    fallback += 1
            if tree(str(page), text, "fast") == tree(str(page), text, "markdown-it-py"):
                same += 1
            else:
                differ.append(str(page))
        total = same + len(differ)
        print(
            f"{folder}: {total} pages, {same} identical, {len(differ)} different; "
            f"{total - fallback} parsed by markdown-it-pyrs, {fallback} fell back to markdown-it-py"
        )
        for name in differ:
            print(f"  differs: {name}")
        failed = failed or bool(differ)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
