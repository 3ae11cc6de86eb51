"""`--fix` and `--diff` for files: read bytes, fix to a fixed point, write back byte-faithfully."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from jdlint.engine.checking import Engine
from jdlint.fix.fixed_point import FixResult, fix_text
from jdlint.fs.atomic_write import ChangedOnDisk, write_atomic
from jdlint.fs.decode import UnreadableFile, decode_raw, encode, read_bytes


@dataclass(frozen=True)
class FileFix:
    path: str
    original: bytes
    fixed: bytes
    result: FixResult
    original_text: str

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        before = self.original_text.splitlines(keepends=True)
        after = self.result.text.splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{self.path}", f"b/{self.path}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def fix_bytes(path: str, data: bytes, engine: Engine, unsafe: bool = False) -> FileFix:
    """Fix one page given as bytes; raises UnreadableFile for what cannot be decoded."""
    raw, encoding, bom = decode_raw(data)

    def check(text: str) -> list:  # type: ignore[type-arg]
        return engine.check_document(engine.build(path, text))

    result = fix_text(raw, check, unsafe)
    fixed = encode(result.text, encoding, bom) if result.text != raw else data
    return FileFix(path, data, fixed, result, raw)


def fix_files(
    paths: list[str], engine: Engine, unsafe: bool, write: bool
) -> tuple[list[FileFix], list[str]]:
    """Fix every readable file; write changed ones if `write`. Returns fixes and warnings."""
    fixes: list[FileFix] = []
    warnings: list[str] = []
    for path in paths:
        try:
            data = read_bytes(path, engine.settings.max_file_size)
            file_fix = fix_bytes(path, data, engine, unsafe)
        except (OSError, UnreadableFile):
            continue  # the check that follows reports it as JD001
        if not file_fix.result.converged:
            warnings.append(f"{path}: fixes did not settle after 10 passes; left unchanged")
            continue
        if write and file_fix.changed:
            try:
                write_atomic(path, file_fix.fixed, data)
            except ChangedOnDisk:
                warnings.append(f"{path}: changed on disk while fixing; left unchanged")
                continue
            except OSError as error:
                warnings.append(f"{path}: cannot write: {error.strerror or error}")
                continue
        fixes.append(file_fix)
    return fixes, warnings
