"""The handbook index: what handbook-scope checks see of all the pages checked together."""

from __future__ import annotations

from dataclasses import dataclass

from jdlint.model import Document


@dataclass(frozen=True)
class HandbookIndex:
    """Built from parsed documents only (never by re-reading files)."""

    documents: tuple[Document, ...]

    @classmethod
    def build(cls, documents: list[Document]) -> HandbookIndex:
        return cls(tuple(sorted(documents, key=lambda d: d.path)))
