"""jdlint: a linter and consistency checker for job-family pages."""

__version__ = "0.1.0"
