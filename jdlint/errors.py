"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""

from __future__ import annotations

from collections.abc import Iterable


class ConfigError(Exception):
    """A usage or configuration problem: bad config, unknown rule code, missing path."""


class CheckError(Exception):
    """A handbook check raised (a bug in jdlint or a plugin): its findings are not known, so
    the run reports none, and says which check failed instead of printing a traceback."""


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """The hint an error about an unknown `key` ends with: " (did you mean 'x'?)" for the
    closest of `known`, or "" when nothing is close."""
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
