"""Text from the checked repository made safe to print: one finding stays one line.

Paths and messages quote the repository (file names, front-matter titles), which a merge
request controls. A newline or carriage return there would forge extra findings in the text
and GitHub reports, an escape sequence would rewrite the terminal, and a file name that is not
UTF-8 (Python hands it over as lone surrogates) cannot be written as UTF-8 at all.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, the Unicode line and paragraph separators (all of
# which str.splitlines, terminals or log viewers treat as line breaks or commands), and lone
# surrogates (the bytes of a file name that is not UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def one_line(text: str) -> str:
    """`text` with control characters and undecodable bytes written as escapes (`\\n`,
    `\\x1b`, `\\xff`): what the line-based formats (text, GitHub, JUnit's text) print."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


def encodable(text: str) -> str:
    """`text` with only the undecodable bytes of file names escaped (`\\xff`): for JSON and
    XML, which escape control characters themselves but must be valid UTF-8."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (the surrogateescape handler)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
