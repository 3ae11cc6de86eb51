"""Bytes to text: encodings, byte-order marks and line endings, with clear reasons on failure."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A decoded page. `text` uses "\\n" line endings; `newline` and `bom` restore the bytes."""

    path: str
    text: str
    encoding: str  # utf-8 | utf-16-le | utf-16-be
    bom: bool
    newline: str  # "\n", "\r\n", "\r" (old Mac) or "mixed"


class UnreadableFile(Exception):
    """Why a file cannot be checked; becomes a JD001 finding."""

    def __init__(self, reason: str, line: int = 1, col: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.col = col


def read_source(path: str, max_size: int) -> SourceFile:
    return decode(path, read_bytes(path, max_size))


def read_bytes(path: str, max_size: int) -> bytes:
    """A file's bytes, or UnreadableFile saying why not (missing, a directory, too large ...)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except FileNotFoundError:
        raise UnreadableFile("file disappeared before it could be read") from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory, not a file") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_size:
        raise UnreadableFile(f"larger than the {max_size:,}-byte limit (max-file-size)")
    return data


def decode(path: str, data: bytes) -> SourceFile:
    text, encoding, bom = decode_raw(data)
    text, newline = _normalise_newlines(text)
    return SourceFile(path, text, encoding, bom, newline)


def decode_raw(data: bytes) -> tuple[str, str, bool]:
    """The file's text with its own line endings, its encoding and whether it had a BOM."""
    encoding, bom = "utf-8", False
    if data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8) :], True
    elif data.startswith(codecs.BOM_UTF16_LE):
        data, bom, encoding = data[2:], True, "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        data, bom, encoding = data[2:], True, "utf-16-be"
    if encoding == "utf-8" and b"\x00" in data:
        raise UnreadableFile("binary file (contains NUL bytes)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise UnreadableFile(
            f"not valid {encoding.upper()}: byte 0x{data[error.start]:02x} at offset {error.start}",
            line,
            col,
        ) from None
    if "\x00" in text:
        raise UnreadableFile("binary file (contains NUL characters)")
    return text, encoding, bom


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """The inverse of `decode_raw`: same encoding, same byte-order mark."""
    data = text.encode(encoding)
    if bom:
        data = (codecs.BOM_UTF8 if encoding == "utf-8" else "\ufeff".encode(encoding)) + data
    return data


def _normalise_newlines(text: str) -> tuple[str, str]:
    """Text with "\n" line endings, and the ending the file used ("mixed" if several).

    A lone "\r" ends a line too (CommonMark, and markdown-it, say so): left in place it would
    put markdown-it's line numbers out of step with ours.
    """
    if "\r" not in text:
        return text, "\n"
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    used = [ending for ending, count in (("\n", lf), ("\r\n", crlf), ("\r", cr)) if count]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, used[0] if len(used) == 1 else "mixed"
