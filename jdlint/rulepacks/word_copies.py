"""Data-only copies of the installed word lists, in the user's cache directory.

pyspellchecker's English list is gzipped JSON: every run that meets a word the cache has not
settled decompresses and parses 160,000 words (0.11 s, before the first page is checked). The
copy holds the same words joined by newlines and their values apart (frequencies as 64-bit
integers, or codespell's corrections as lines), and is read back in a third of the time.

A copy is data, never code: it names the source it was made from (its path and the SHA-256 of
its bytes), its sizes and the SHA-256 of its body, and is used only when all of them match and
the file is this user's own and writable by no one else. No copy is kept in a cache directory
inside a repository. Anything else (another version of the
package, a damaged or foreign file) reads the source again and writes a new copy; a cache
directory that cannot be written only costs the time the copy would have saved.
`tests/test_word_copies.py` holds the copies to their sources.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path

from jdlint.fs.private_files import CREATE_FLAGS, READ_FLAGS, user_cache_home

_FORMAT = b"jdlint-words-1"
#: Larger copies are not read (the English list's is 4 MB).
MAX_COPY_BYTES = 64 * 1024 * 1024

#: What a word list maps its words to: a frequency, or codespell's text after "->".
Value = int | str


def copied(source: Path, read_source: Callable[[], Mapping[str, Value]]) -> dict[str, Value]:
    """The word list read from `source` by `read_source`, from its copy when that is valid."""
    folder = _folder()
    identity = _identity(source)
    if folder is None or identity is None:
        return dict(read_source())
    name = hashlib.sha256(str(source).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    path = folder / f"{name}.words"
    found = _read(path, identity)
    if found is not None:
        return found
    words = dict(read_source())
    body = _encoded(words)
    if body is not None:
        _write(folder, path, identity, body)
    return words


def _folder() -> Path | None:
    """Where the copies live: the user's cache directory, unless it lies inside a repository
    (a CI job whose home is the checkout), where a merge request could commit a copy that
    hides a misspelling."""
    home = user_cache_home()
    if home is None:
        return None
    folder = home / "jdlint" / "words"
    real = Path(os.path.realpath(folder))
    for candidate in (real, *real.parents):
        if any(os.path.lexists(candidate / name) for name in _REPOSITORY_MARKS):
            return None
    return folder


#: What marks a folder as a repository's (`jdlint.engine.cache.repository_of`).
_REPOSITORY_MARKS = (".git", ".jdlint.yaml", ".jdlint.yml")


def _identity(source: Path) -> bytes | None:
    """What names the source's version: the SHA-256 of its bytes (1 ms for the English list;
    a package reinstalled in place can keep a file's size and time) and its path."""
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
    except OSError:
        return None
    return f"{digest} {source}".encode("utf-8", "surrogateescape")


def _encoded(words: Mapping[str, Value]) -> tuple[bytes, bytes, bytes] | None:
    """(kind, the words, their values) as bytes; None for a list the format cannot hold
    exactly (a word with a newline, values of two types, an integer of more than 64 bits)."""
    keys = list(words)
    values = list(words.values())
    if not keys or any("\n" in key for key in keys):
        return None
    numbers = [value for value in values if type(value) is int]
    texts = [value for value in values if type(value) is str and "\n" not in value]
    try:
        if len(numbers) == len(values):
            packed = array("q", numbers).tobytes()
            return b"int-" + sys.byteorder.encode(), "\n".join(keys).encode("utf-8"), packed
        if len(texts) == len(values):
            return b"str", "\n".join(keys).encode("utf-8"), "\n".join(texts).encode("utf-8")
    except (OverflowError, UnicodeEncodeError):  # a lone surrogate from the JSON
        pass
    return None


def _write(folder: Path, path: Path, identity: bytes, body: tuple[bytes, bytes, bytes]) -> None:
    """The copy, written whole under a temporary name and renamed over `path`."""
    kind, keys, values = body
    digest = hashlib.sha256(keys + b"\0" + values).hexdigest().encode()
    header = b"\n".join(
        [_FORMAT, identity, kind, str(len(keys)).encode(), str(len(values)).encode(), digest]
    )
    temp = folder / f".{path.name}-{os.getpid()}-{os.urandom(4).hex()}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temp, CREATE_FLAGS, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.writelines([header, b"\n", keys, b"\0", values])
        os.replace(temp, path)
    except OSError:  # a read-only home, a full disk: the source is read next time too
        if os.path.lexists(temp):
            os.unlink(temp)


def _read(path: Path, identity: bytes) -> dict[str, Value] | None:
    """The copy's words, or None unless every part of it checks out."""
    data = _own_file(path)
    if data is None:
        return None
    lines = data.split(b"\n", 6)
    if len(lines) != 7 or lines[0] != _FORMAT or lines[1] != identity:
        return None
    kind, key_size, value_size, digest, rest = lines[2:]
    if not (key_size.isdigit() and value_size.isdigit()):
        return None
    keys_end = int(key_size)
    if len(rest) != keys_end + 1 + int(value_size) or rest[keys_end : keys_end + 1] != b"\0":
        return None
    if hashlib.sha256(rest).hexdigest().encode() != digest:
        return None
    raw = rest[keys_end + 1 :]
    values: array[int] | list[str]
    try:
        keys = rest[:keys_end].decode("utf-8").split("\n")
        if kind == b"int-" + sys.byteorder.encode() and len(raw) % 8 == 0:
            values = array("q")
            values.frombytes(raw)
        elif kind == b"str":
            values = raw.decode("utf-8").split("\n")
        else:
            return None
    except UnicodeDecodeError:
        return None
    return dict(zip(keys, values)) if len(keys) == len(values) else None


def _own_file(path: Path) -> bytes | None:
    """A regular file's bytes, if this user owns it and no one else may write it."""
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_COPY_BYTES:
            return None
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
            return None
        data = os.read(fd, info.st_size + 1)
        return data if len(data) == info.st_size else None
    except OSError:
        return None
    finally:
        os.close(fd)
