"""The `site` config key, typed: which directories are served at which URL prefix, the base
URLs that count as this site, and the anchor style. The defaults cover Middleman, a flat copy
and Hugo (see `jdlint.handbook.site`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jdlint.config.settings import Settings

#: Directories (relative to the root) served at "/" unless `site.content` says otherwise.
DEFAULT_CONTENT = ("sites/handbook/source", "sites/marketing/source", "source", "content", ".")


@dataclass(frozen=True)
class SiteConfig:
    """The `site` config key: URL prefixes to directories, base URLs, anchor style."""

    base_urls: tuple[str, ...] = ()
    content: tuple[str, ...] = DEFAULT_CONTENT
    paths: tuple[
        tuple[str, tuple[str, ...]], ...
    ] = ()  # ("/handbook/", ("dir", ...)), longest first
    slugs: str = "auto"
    complete: bool | None = None  # None: complete when the root is marked (see `Root`)

    @classmethod
    def from_settings(cls, settings: Settings) -> SiteConfig:
        data: Mapping[str, Any] = settings.site or {}
        paths = []
        for prefix, dirs in dict(data.get("paths", {})).items():
            values = (dirs,) if isinstance(dirs, str) else tuple(dirs)
            paths.append(("/" + str(prefix).strip("/") + "/", tuple(str(v) for v in values)))
        paths.sort(key=lambda pair: -len(pair[0]))
        return cls(
            base_urls=tuple(str(u).rstrip("/") for u in data.get("base-urls", ())),
            content=tuple(str(c) for c in data.get("content", DEFAULT_CONTENT)),
            paths=tuple(paths),
            slugs=str(data.get("slugs", "auto")),
            complete=bool(data["complete"]) if "complete" in data else None,
        )

    def mounts(self) -> list[tuple[str, str]]:
        """(URL prefix, directory) pairs: configured prefixes first, then the content dirs at /."""
        out = [(prefix, d.strip("/") or ".") for prefix, dirs in self.paths for d in dirs]
        return out + [("/", c.strip("/") or ".") for c in self.content]
