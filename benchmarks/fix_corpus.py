"""`--fix` over a copy of a real handbook folder, audited page by page.

For every page: fix it (as `jdlint check --fix` does), then prove that no fixable finding
remains, that fixing again changes nothing, that every changed character lay inside an edit
of a reported fixable finding, and that the page still parses into the same roles and
sections. Prints the totals. Defaults to ../shared/corpus; the folder itself is not touched.

    python benchmarks/fix_corpus.py [FOLDER ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from jdlint import api
from jdlint.fix.audit import audit
from jdlint.fix.files import fix_bytes
from jdlint.fix.fixed_point import wanted
from jdlint.fs.discover import discover

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    folders = [Path(a) for a in sys.argv[1:]] or [DEFAULT]
    files = discover([str(f) for f in folders])
    session = api.open_session(folders[0])
    engine = api.engine_for(session)
    totals = dict(pages=0, changed=0, fixed=0, remaining=0, unstable=0, stray=0, outline=0)
    for path in files:
        data = Path(path).read_bytes()
        try:
            first = fix_bytes(path, data, engine)
        except Exception as error:  # noqa: BLE001 - the script reports, it does not stop
            print(f"{path}: cannot fix: {error}")
            continue
        totals["pages"] += 1
        if not first.changed:
            continue
        before = first.original_text.replace("\r\n", "\n")
        after = first.result.text.replace("\r\n", "\n")
        reported = [f for f in engine.check_text(path, before) if wanted(f, False)]
        result = audit(path, before, after, reported)
        remaining = [f for f in engine.check_text(path, after) if wanted(f, False)]
        second = fix_bytes(path, first.fixed, engine)
        totals["changed"] += 1
        totals["fixed"] += len(first.result.fixed)
        totals["remaining"] += len(remaining)
        totals["unstable"] += int(second.changed)
        totals["stray"] += len(result.stray_changes)
        totals["outline"] += int(result.structure_changed)
        for start, end in result.stray_changes:
            print(f"{path}: changed outside a reported fix at offsets {start}-{end}")
    print(
        "pages {pages}, changed {changed}, findings fixed {fixed}, fixable left {remaining}, "
        "changed by a second --fix {unstable}, stray changes {stray}, outlines changed {outline}".format(
            **totals
        )
    )
    bad = totals["remaining"] + totals["unstable"] + totals["stray"] + totals["outline"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
