"""The findings of node-only checks on a page's last version, kept for its next one.

The language server checks the whole buffer again on every keystroke. Its tree is read chunk
by chunk (`jdlint.document.chunks`): the nodes of the chunks an edit left alone are the very
objects the last version had, at the same place. A node-only check (`Rule.node_only`: it sees
its node and the settings, no document) finds on such a node what it found before, so its
findings are looked up instead of found again (a tenth of a keystroke on a 300 KB page).

An entry holds its node, so the node's `id` cannot be given to another object while the entry
is kept; only the entries of the last version are kept, so the memo holds about one page's
findings. A memo serves one page of one engine: another engine (the config changed) starts it
afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from jdlint.findings import Finding
from jdlint.rules import Check, Context, Rule

#: (the node, its check's findings on it), by (the node's id, the rule's id).
_Entries = dict[tuple[int, int], tuple[object, tuple[Finding, ...]]]


class NodeFindings:
    """What node-only checks found on one page's last version; held by whoever checks that
    page again and again (`jdlint.lsp.buffer`), one per page, like its `ChunkMemo`."""

    def __init__(self) -> None:
        self._owner: object = None
        self._last: _Entries = {}
        self._now: _Entries = {}

    def start(self, owner: object) -> None:
        """A new version of the page is checked by `owner` (the engine): what the version
        before found becomes what is looked up, if that engine found it."""
        self._last = self._now if owner is self._owner else {}
        self._owner, self._now = owner, {}

    def check(self, item: Rule) -> Check:
        """`item`'s check, answered from the last version where it had the very node."""

        def kept(node: object, context: Context) -> tuple[Finding, ...]:
            return self.findings(node, item, partial(item.check, node, context))

        return kept

    def findings(
        self, node: object, item: Rule, find: Callable[[], Iterable[Finding]]
    ) -> tuple[Finding, ...]:
        """`item`'s findings on `node`: the last version's if it had this very node (an
        entry holds its node, so no other object has its id), else `find()`'s (an exception
        from it is not kept: the next version tries again)."""
        key = (id(node), id(item))
        entry = self._last.get(key)
        if entry is None:
            entry = (node, tuple(find()))
        self._now[key] = entry
        return entry[1]

    def __len__(self) -> int:
        return len(self._now)
