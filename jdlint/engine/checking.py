"""The pipeline: read, parse, per-page checks, handbook checks, suppressions, sorting.

Checks never read files or print. The engine walks each page once and hands every node to
the rules that target its type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from jdlint.config.settings import Settings
from jdlint.domain.page_kind import job_page_findings
from jdlint.engine.digests import (
    WordReader,
    digest_of,
    suspect_runs_suffice,
    unread_fields,
    word_reader,
)
from jdlint.engine.limits import FileTimeout, gc_paused, time_limit
from jdlint.engine.progress import Progress
from jdlint.engine.results import PageResult
from jdlint.engine.sections import all_sections
from jdlint.engine.suppressions import Directive, is_suppressed, parse_directives
from jdlint.errors import CheckError
from jdlint.findings import Finding
from jdlint.fs.decode import UnreadableFile, decode
from jdlint.handbook.context import context_paths
from jdlint.handbook.digest import PageDigest, without
from jdlint.handbook.file_facts import FileFacts
from jdlint.handbook.index import HandbookIndex
from jdlint.model import Block, Document, Heading, Inline, MatrixTable, Role, Section, Span
from jdlint.registry import Registry
from jdlint.rules import Check, Context, Rule

if TYPE_CHECKING:
    from jdlint.document.chunks import ChunkMemo
    from jdlint.engine.handbook_reuse import PageMeta
    from jdlint.engine.node_findings import NodeFindings

#: The link checks: the run notes count the links they could not check.
_LINK_CODES = frozenset({"JD401", "JD402"})


class Engine:
    def __init__(self, settings: Settings, registry: Registry, selected: frozenset[str]) -> None:
        self.settings = settings
        self.registry = registry
        self.selected = selected
        active = [r for r in registry.rules if r.meta.code in selected]
        self.document_rules: dict[type, list[Rule]] = defaultdict(list)
        self.handbook_rules: list[Rule] = []
        for item in active:
            if item.target is HandbookIndex:  # a check of the whole handbook, whatever its code
                self.handbook_rules.append(item)
            else:
                self.document_rules[item.target].append(item)
        self._options = {id(item): rule_options(settings, item) for item in active}
        # Spelling rules count every page's words: each page's digest holds them, per rule.
        self._word_readers: list[WordReader] = [
            reader for reader in map(word_reader, self.handbook_rules) if reader is not None
        ]
        self._unread = unread_fields(self.handbook_rules)
        self._suspects_only = suspect_runs_suffice(self.handbook_rules)

    def _context(self, item: Rule, document: Document | None) -> Context:
        options = self._options.get(id(item))
        if options is None and item.options is not None:  # a rule swapped in after set-up
            options = self._options[id(item)] = rule_options(self.settings, item)
        if item.node_only and document is not None:  # it sees its node alone
            return Context(None, self.settings, item.meta, options, document.path)
        return Context(document, self.settings, item.meta, options)

    # -- entry points ------------------------------------------------------------------------

    def check_text(self, path: str, text: str, context: Sequence[PageDigest] = ()) -> list[Finding]:
        """Check one page given as text (tests, editors): its own findings and the handbook's,
        with `context` (the digests of the rest of its handbook, see `context_paths`)."""
        page = self.parse_and_check(path, text.encode("utf-8"), check=True)
        digests = [self.digest(page.document)] if page.document is not None else []
        found, _notes = self.handbook_phase(digests, list(context))
        return sorted([*page.findings, *found], key=Finding.sort_key)

    def digest(self, document: Document) -> PageDigest:
        """What the handbook checks read of a page (`jdlint.handbook.digest`): the fields the
        selected checks do not read left empty (`unread_fields`), and of the runs only those
        the spelling rules can report on if nothing else reads runs."""
        digest = digest_of(document, self.settings, self._word_readers, self._suspects_only)
        return without(digest, *self._unread) if self._unread else digest

    def settled_words(self) -> dict[str, dict[str, bool]]:
        """Each spelling rule's settled words (`Spelling.settled_words`), by its vocabulary
        key: the runner fills them from the cache before a run and keeps them after it."""
        return {reader.vocabulary_key: reader.settled_words for reader in self._word_readers}

    def parse_and_check(
        self,
        path: str,
        data: bytes,
        check: bool = True,
        memo: ChunkMemo | None = None,
        kept: NodeFindings | None = None,
    ) -> PageResult:
        """One page's tree and, if `check`, its per-page findings (after suppressions);
        `memo`: the chunks of the page's last version (`jdlint.document.chunks`), `kept`: its
        node-only checks' findings (`jdlint.engine.node_findings`)."""
        try:
            source = decode(path, data)
        except UnreadableFile as error:
            return PageResult(None, self.unreadable(path, error))
        try:
            with time_limit(self.settings.max_file_seconds), gc_paused():
                document = self.build(source.path, source.text, source.newline, memo)
                found = self.check_document(document, kept) if check else []
        except (FileTimeout, RecursionError) as error:
            return PageResult(None, self.unreadable(path, skipped(error)))
        return PageResult(document, found)

    def build(
        self, path: str, text: str, newline: str = "\n", memo: ChunkMemo | None = None
    ) -> Document:
        """One page's tree, its headings read with this run's section vocabulary."""
        from jdlint.document.build import build_document
        from jdlint.document.section_names import vocabulary

        words = vocabulary(self.settings.sections, self.settings.grades)
        return build_document(path, text, newline, vocabulary=words, memo=memo)

    def check_document(self, document: Document, kept: NodeFindings | None = None) -> list[Finding]:
        """The page's findings (after suppressions); `kept`: what node-only checks found on
        its last version (`jdlint.engine.node_findings`)."""
        found = self._document_findings(document, kept)
        raw = job_page_findings(document, self.settings, found)
        return self._filter(document.path, raw, source=document.source)

    def handbook_phase(
        self,
        digests: list[PageDigest],
        context: list[PageDigest],
        jobs: int = 1,
        progress: Progress | None = None,
        facts: FileFacts | None = None,
    ) -> tuple[list[Finding], list[str]]:
        """Handbook-scope checks over the checked pages, with their handbook's other pages as
        context (`jdlint.engine.handbook_reuse.full_phase`)."""
        from jdlint.engine.handbook_reuse import full_phase

        found, notes, _state = full_phase(self, digests, context, jobs, progress, facts)
        return found, notes

    def handbook_context(self, item: Rule) -> Context:
        """The context a handbook check runs with."""
        return self._context(item, None)

    def handbook_filter(
        self, path: str, found: list[Finding], directives: list[Directive]
    ) -> list[Finding]:
        """A checked page's handbook findings without what `ignore` and its suppressions hide."""
        return self._filter(path, found, report_unknown=False, directives=directives)

    def handbook_groups(self) -> list[tuple[int, ...]]:
        """Handbook checks by module (positions in `handbook_rules`): checks of one module
        share what they derive from the index (resolved links), so they run together."""
        by_module: dict[str, list[int]] = defaultdict(list)
        for position, item in enumerate(self.handbook_rules):
            by_module[item.check.__module__].append(position)
        return [tuple(positions) for positions in by_module.values()]

    def run_handbook_group(
        self, group: tuple[int, ...], index: HandbookIndex
    ) -> tuple[list[Finding], dict[str, int]]:
        """The findings of a group of handbook checks, and, if they are the link checks, the
        links of each checked page they could not judge (`outside_note` counts them)."""
        found: list[Finding] = []
        for position in group:
            item = self.handbook_rules[position]
            try:
                found.extend(item.check(index, self._context(item, None)))
            except _ENGINE_LIMITS:
                raise
            except Exception as error:  # no page to report it on: the run ends, without a trace
                raise CheckError(check_failed(item, error, "the pages checked")) from error
        codes = {self.handbook_rules[position].meta.code for position in group}
        if not codes & _LINK_CODES:
            return found, {}
        from jdlint.handbook.link_targets import outside_counts

        return found, outside_counts(index)

    @staticmethod
    def outside_note(count: int) -> list[str]:
        """The run note on the links the link checks could not judge, if any."""
        noun = "link" if count == 1 else "links"
        return [f"{count} {noun} not checked: target outside the checked tree"] if count else []

    def context_paths(
        self,
        files: list[str],
        searched: Iterable[str] = (),
        listed: dict[str, tuple[str, ...]] | None = None,
    ) -> list[str]:
        """The rest of the checked pages' handbooks, for the index (only if it is needed);
        `searched`: the folders `files` were discovered in; `listed`: filled with the names
        of each folder walked (`context_paths`)."""
        if not self.handbook_rules or not files:
            return []
        return context_paths(files, self.settings, searched, listed)

    def unreadable(self, path: str, error: UnreadableFile) -> list[Finding]:
        if "JD001" not in self.selected:
            return []
        meta = self.registry.meta("JD001")
        span = Span(error.line, error.col, error.line, error.col)
        return [
            Finding(
                path, span, meta.code, meta.name, error.reason, self.settings.severity_for(meta)
            )
        ]

    # -- internals -----------------------------------------------------------------------------

    def _document_findings(
        self, document: Document, kept: NodeFindings | None = None
    ) -> Iterator[Finding]:
        # One context per rule and page, made before the walk (not once per node and rule);
        # with `kept`, a node-only check answers from the page's last version where it can.
        if kept is not None:
            kept.start(self)
        plan = {
            target: [(item, _check_of(item, kept), self._context(item, document)) for item in rules]
            for target, rules in self.document_rules.items()
        }
        failed: set[int] = set()  # the checks that raised on this page: said once, then left out
        for target, node in _walk(document):
            for item, check, context in plan.get(target, ()):
                if failed and id(item) in failed:
                    continue
                try:
                    yield from check(node, context)
                except _ENGINE_LIMITS:
                    raise
                except Exception as error:  # a bug in one check: the page's other checks still run
                    failed.add(id(item))
                    if "JD004" in self.selected:
                        yield self._meta_finding(
                            document.path, Span(1, 1, 1, 1), "JD004", check_failed(item, error)
                        )

    def _filter(
        self,
        path: str,
        found: Iterable[Finding],
        report_unknown: bool = True,
        directives: list[Directive] | None = None,
        source: str = "",
    ) -> list[Finding]:
        """`found` without what `ignore` and the page's suppressions hide (marking the
        directives that hid something), and, if `report_unknown`, the page phase's JD002 and
        JD003 findings. `directives` are read from `source` when not given."""
        directives = parse_directives(source) if directives is None else directives
        ignored = self.settings.ignored_in(path)
        kept: list[Finding] = []
        for finding in found:
            if ignored and any(_selector_hits(key, finding) for key in ignored):
                continue
            if directives and is_suppressed(
                directives, finding.code, finding.name, finding.span.line
            ):
                continue
            kept.append(finding)
        if report_unknown and directives:
            kept.extend(self._suppression_findings(path, directives))
        return kept

    def _suppression_findings(self, path: str, directives: list[Directive]) -> list[Finding]:
        out: list[Finding] = []
        for directive in directives:
            unknown = [c for c in directive.codes if not self.registry.is_known(c)]
            if unknown and "JD002" in self.selected:
                meta = self.registry.meta("JD002")
                names = ", ".join(repr(c) for c in unknown)
                message = f"suppression names unknown rule {names}"
                out.append(self._meta_finding(path, directive.span, meta.code, message))
            elif self._unused(directive) and not self._may_hide_handbook_findings(directive):
                out.append(self._unused_finding(path, directive))
        return out

    def _unused(self, directive: Directive) -> bool:
        return not directive.used and directive.kind != "enable" and "JD003" in self.selected

    def _may_hide_handbook_findings(self, directive: Directive) -> bool:
        """Whether a directive names (or, naming none, covers) a handbook check: whether it
        is unused is then known only after the handbook phase (`deferred_unused`)."""
        return any(
            directive.covers(item.meta.code, item.meta.name, directive.first_line)
            for item in self.handbook_rules
        )

    def deferred_unused(self, digest: PageMeta, directives: list[Directive]) -> list[Finding]:
        """JD003 for the directives the page phase left to the handbook phase: those that hid
        neither a handbook finding (`directives` are marked by this page's handbook findings
        already) nor a page finding (the page's checks run again from its text, only for a page
        with such a directive and JD003 selected)."""
        if "JD003" not in self.selected:
            return []
        waiting = [
            d
            for d in directives
            if self._unused(d)
            and self._may_hide_handbook_findings(d)
            and not any(not self.registry.is_known(c) for c in d.codes)  # JD002's
        ]
        if not waiting:
            return []
        document = self.build(digest.path, digest.directives)
        raw = job_page_findings(document, self.settings, self._document_findings(document))
        self._filter(digest.path, raw, report_unknown=False, directives=directives)
        return [self._unused_finding(digest.path, d) for d in waiting if not d.used]

    def _unused_finding(self, path: str, directive: Directive) -> Finding:
        message = f"jdlint-{directive.kind} suppressed no finding"
        return self._meta_finding(path, directive.span, "JD003", message)

    def _meta_finding(self, path: str, span: Span, code: str, message: str) -> Finding:
        meta = self.registry.meta(code)
        return Finding(path, span, code, meta.name, message, self.settings.severity_for(meta))


def rule_options(settings: Settings, item: Rule) -> object:
    """A rule's typed options from the config's `rules` table (validated when the session was
    assembled, so this cannot fail for a session's own settings)."""
    return item.parse_options(settings.rule_options(item.meta.code), str(settings.path or "config"))


#: Raised inside a page's work on purpose (time limit, depth, memory): the page is skipped
#: (JD001), never reported as a failed check.
_ENGINE_LIMITS = (FileTimeout, RecursionError, MemoryError)


def check_failed(item: Rule, error: Exception, shown: str = "this page") -> str:
    """What a JD004 finding (or the handbook phase's error) says of a check that raised on
    `shown` (what to attach to a bug report)."""
    module = getattr(item.check, "__module__", "") or ""
    owner = "jdlint" if module == "jdlint" or module.startswith("jdlint.") else module.split(".")[0]
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return (
        f"check {item.meta.code} ({item.meta.name}) failed: {detail}; a bug in {owner or 'a plugin'},"
        f" please report it with {shown}"
    )


def skipped(error: Exception) -> UnreadableFile:
    """A page the engine gave up on: too slow (a time limit) or nested too deeply to parse."""
    if isinstance(error, FileTimeout):
        return UnreadableFile(f"skipped: {error} (max-file-seconds)")
    return UnreadableFile("skipped: nested too deeply to process")


def _selector_hits(key: str, finding: Finding) -> bool:
    upper = key.upper()
    return upper == "ALL" or finding.code.startswith(upper) or key.lower() == finding.name


def _check_of(item: Rule, kept: NodeFindings | None) -> Check:
    """What runs `item` on a node: its check, or for a node-only check with `kept`, the
    check answered from the page's last version where it can be."""
    return kept.check(item) if kept is not None and item.node_only else item.check


def _walk(document: Document) -> Iterator[tuple[type, object]]:
    """Every node of a page once, with the type rules target it by."""
    yield Document, document
    if document.matrix is not None:
        yield MatrixTable, document.matrix
    for role in document.roles:
        yield Role, role
    for section in all_sections(document):
        yield Section, section
    for heading in document.headings:
        yield Heading, heading
    for block in document.blocks:
        yield Block, block
    for inline, _owner in document.iter_inlines():
        yield Inline, inline
