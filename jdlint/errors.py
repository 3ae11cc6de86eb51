"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""

from __future__ import annotations


class ConfigError(Exception):
    """A usage or configuration problem: bad config, unknown rule code, missing path."""
