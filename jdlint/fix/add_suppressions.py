"""`--add-noqa`: a suppression comment for every current finding (ruff's `--add-noqa`).

Adopting jdlint on a messy handbook means accepting today's findings in writing, page by page.
A `<!-- jdlint-disable-next-line CODE -->` line goes above a finding's line where a line of its
own cannot change how the page renders: above a heading, or above a block that follows a blank
line. Inside a list, a table or a paragraph, a line of its own would split the list, the table
or the paragraph, so `<!-- jdlint-disable-line CODE -->` goes at the end of that line instead.
Front matter is YAML, where an HTML comment would be data: findings there are left alone and
counted. The page's roles and sections are compared before and after, and a page whose structure
would change is not written. Files are written atomically, in their own encoding, byte-order
mark and line endings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from jdlint.document.build import build_document
from jdlint.document.tree_json import document_data
from jdlint.findings import Finding
from jdlint.fs.atomic_write import ChangedOnDisk, NotWritten, write_atomic
from jdlint.fs.decode import UnreadableFile, decode_raw, encode, read_bytes
from jdlint.model import Document

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_NEXT_LINE = re.compile(
    r"^(?P<indent>\s*)<!--\s*jdlint-disable-next-line(?P<codes>[^>:]*?)\s*-->\s*$"
)


@dataclass(frozen=True)
class Added:
    """What `add_suppressions` did to the files of one run."""

    comments: int  # suppression comments written
    files: int  # files changed
    skipped: int  # findings left alone (front matter, a page whose structure would change)
    warnings: tuple[str, ...]


def add_suppressions(findings: Iterable[Finding], max_size: int) -> Added:
    by_path: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for finding in findings:
        if not finding.path.startswith("<"):
            by_path[finding.path][finding.span.line].add(finding.code)
    comments = files = skipped = 0
    warnings: list[str] = []
    for path, lines in sorted(by_path.items()):
        try:
            data = read_bytes(path, max_size)
            raw, encoding, bom = decode_raw(data)
        except (OSError, UnreadableFile):
            skipped += sum(len(codes) for codes in lines.values())
            continue
        text, added, left = suppress_lines(path, raw, lines)
        skipped += left
        if not added:
            continue
        try:
            write_atomic(path, encode(text, encoding, bom), data)
        except ChangedOnDisk:
            warnings.append(f"{path}: changed on disk while adding suppressions; left unchanged")
            continue
        except NotWritten as error:
            warnings.append(f"{path}: not written: {error}")
            continue
        except OSError as error:
            warnings.append(f"{path}: cannot write: {error.strerror or error}")
            continue
        comments += added
        files += 1
    return Added(comments, files, skipped, tuple(warnings))


def suppress_lines(path: str, raw: str, codes_by_line: dict[int, set[str]]) -> tuple[str, int, int]:
    """`raw` (its own line endings) with the suppressions added: (text, comments, skipped)."""
    lines = [m.group(0) for m in _LINE.finditer(raw) if m.group(0)]
    before = _tree(path, raw)
    front_end = before.front_matter.span.end_line if before.front_matter is not None else 0
    ending = next((_ending(line) for line in lines if _ending(line)), "\n")
    out = list(lines)
    added = skipped = 0
    for number in sorted(codes_by_line, reverse=True):  # bottom up: earlier lines keep numbers
        codes = " ".join(sorted(codes_by_line[number]))
        if number <= front_end or number > len(lines):
            skipped += len(codes_by_line[number])
            continue
        index = number - 1
        line = out[index]
        previous = out[index - 1] if index > 0 else ""
        merged = _NEXT_LINE.match(_body(previous)) if index > 0 else None
        if merged:
            known = set(merged.group("codes").split())
            all_codes = " ".join(sorted(known | set(codes.split())))
            out[index - 1] = (
                f"{merged.group('indent')}<!-- jdlint-disable-next-line {all_codes} -->{_ending(previous) or ending}"
            )
        elif _own_line_is_safe(line, previous, index == front_end):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            out.insert(index, f"{indent}<!-- jdlint-disable-next-line {codes} -->{ending}")
        else:
            body = _body(line)
            content = body.rstrip(" \t")
            trailing = body[len(content) :]
            comment = f" <!-- jdlint-disable-line {codes} -->"
            out[index] = content + comment + trailing + _ending(line)
        added += 1
    text = "".join(out)
    if added and not _same_structure(path, raw, text):
        return raw, 0, skipped + sum(len(c) for c in codes_by_line.values())
    return text, added, skipped


def _own_line_is_safe(line: str, previous: str, first_after_front_matter: bool) -> bool:
    body = _body(line)
    if _ATX_HEADING.match(body):
        return True  # a heading interrupts anything above it
    if body.lstrip().startswith("|") or _LIST_ITEM.match(body):
        return False  # a line between table rows or list items would split them
    return first_after_front_matter or not _body(previous).strip()


def _same_structure(path: str, before: str, after: str) -> bool:
    """Roles, sections and blocks of the page are unchanged by the added comments."""
    old, new = _tree(path, before), _tree(path, after)
    return _shape(document_data(old)) == _shape(document_data(new))


def _shape(data: object) -> object:
    """A tree without positions and raw text: what the comments may change."""
    if isinstance(data, dict):
        return {
            k: _shape(v)
            for k, v in data.items()
            if k not in {"span", "line", "end_line", "column", "end_column", "raw", "source"}
            and not k.endswith("span")
        }
    if isinstance(data, list):
        shaped = [_shape(v) for v in data]
        return [v for v in shaped if v != {"kind": "html", "content": ""}]  # our comments
    if isinstance(data, str):
        return " ".join(_COMMENT.sub(" ", data).split())
    return data


def _tree(path: str, raw: str) -> Document:
    """The page as the checks saw it: parsed with "\n" line endings (line numbers unchanged)."""
    return build_document(path, raw.replace("\r\n", "\n").replace("\r", "\n"))


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]
