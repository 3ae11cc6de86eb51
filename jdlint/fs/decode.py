"""Bytes to text: encodings, byte-order marks and line endings, with clear reasons on failure."""

from __future__ import annotations

import codecs
import os
import stat
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
    """A regular file's bytes, or UnreadableFile saying why not (missing, too large, a folder,
    a named pipe or device ...).

    The one way jdlint reads a file of the checked repository (pages, config, baselines, rule
    packs): everything in it is untrusted, and a named pipe called `x.md` would block a plain
    `open()` forever. The file is opened without blocking and without becoming a controlling
    terminal, then its type is taken from the open descriptor (`fstat`), so it cannot be
    swapped between the check and the read.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise UnreadableFile("file disappeared before it could be read") from None
    except PermissionError:
        if os.path.isdir(path):
            raise UnreadableFile("folder cannot be read: permission denied") from None
        raise UnreadableFile("permission denied") from None
    except OSError as error:
        kind = _kind_of(path)  # a socket cannot be opened at all (ENXIO)
        if kind is not None:
            raise UnreadableFile(f"not a regular file ({kind})") from None
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFile(_folder_problem(path))
        if not stat.S_ISREG(mode):
            raise UnreadableFile(f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'special')})")
        data = _read_all(fd, max_size + 1)
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if len(data) > max_size:
        raise UnreadableFile(f"larger than the {max_size:,}-byte limit (max-file-size)")
    return data


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _read_all(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes of an open regular file."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _kind_of(path: str) -> str | None:
    """What a path that is no regular file is ("a socket"), or None if it is one or is gone."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _KINDS.get(stat.S_IFMT(mode))


def _folder_problem(path: str) -> str:
    """A folder is "read" only when discovery could not list it: say why it could not."""
    try:
        with os.scandir(path):
            pass
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        return f"folder cannot be read: {reason}"
    return "is a directory, not a file"


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
    return normalise_newlines(text), used[0] if len(used) == 1 else "mixed"


def normalise_newlines(text: str) -> str:
    """Every line ending ("\r\n", a lone "\r", "\n") as "\n": the text checks and fixes see."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
