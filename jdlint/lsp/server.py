"""`jdlint lsp`: a language server (pygls) for editors.

Diagnostics on open, change and save are the findings `jdlint check FILE` reports; a code
action applies a finding's fix (and "fix all" applies every safe one); hovering a finding shows
its rule's explanation. Imported only by `jdlint lsp`, so `jdlint check` never loads pygls.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO, cast

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from jdlint import __version__
from jdlint.errors import CheckError, ConfigError
from jdlint.export.docs_site import rule_url
from jdlint.findings import Finding, Severity
from jdlint.fs.discover import is_page
from jdlint.lsp.bounded_input import BoundedInput
from jdlint.lsp.buffer import BufferChecker, Checked
from jdlint.lsp.positions import ClientPositions, client_ranges
from jdlint.rule_docs import explain_rule
from jdlint.rules import Rule

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
FIX_ALL = types.CodeActionKind.SourceFixAll + ".jdlint"


@dataclass(frozen=True)
class Linted:
    """What the server knows of one open buffer: its version, findings and their ranges."""

    version: int | None
    checked: Checked
    ranges: tuple[types.Range, ...]  # aligned with checked.findings, in client units
    positions: ClientPositions


class JdlintServer(LanguageServer):
    """`settle_heap`: the server owns its process (`serve`), so it may freeze the heap once it
    has read the handbook's pages (`BufferChecker`)."""

    def __init__(self, extra_rules: Sequence[Rule] = (), settle_heap: bool = False) -> None:
        super().__init__("jdlint", __version__)
        self.checker = BufferChecker(extra_rules, settle_heap=settle_heap)
        self.linted: dict[str, Linted] = {}

    def lint(self, uri: str) -> None:
        if uri not in self.workspace.text_documents:
            return  # a save or change of a buffer never opened: pygls would read it from disk
        document = self.workspace.get_text_document(uri)
        if not _is_checked(document):
            return
        try:
            checked = self.checker.check(document.path, document.source)
        except (ConfigError, CheckError) as error:
            self.linted.pop(uri, None)
            self._publish(document, [_config_problem(str(error))])
            return
        positions = ClientPositions.of(checked.text, document.position_codec)
        ranges = client_ranges(positions, checked.findings)
        self.linted[uri] = Linted(document.version, checked, ranges, positions)
        self._publish(document, [_diagnostic(f, r) for f, r in zip(checked.findings, ranges)])

    def forget(self, uri: str) -> None:
        linted = self.linted.pop(uri, None)
        if linted is not None:
            self.checker.forget(linted.checked.path)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def _publish(self, document: TextDocument, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=document.uri, version=document.version, diagnostics=diagnostics
            )
        )


def build_server(extra_rules: Sequence[Rule] = (), settle_heap: bool = False) -> JdlintServer:
    server = JdlintServer(extra_rules, settle_heap)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: JdlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: JdlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: JdlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: JdlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: JdlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return code_actions(ls, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: JdlintServer, params: types.HoverParams) -> types.Hover | None:
        return hover_at(ls, params.text_document.uri, params.position)

    return server


def code_actions(ls: JdlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    document = ls.workspace.get_text_document(uri)
    only = params.context.only
    actions: list[types.CodeAction] = []
    fixable = [
        (finding, found)
        for finding, found in zip(linted.checked.findings, linted.ranges)
        if finding.fixable
    ]
    if not only or any(types.CodeActionKind.QuickFix.startswith(kind) for kind in only):
        for finding, found in fixable:
            if _overlaps(found, params.range):
                actions.append(_quick_fix(document, linted, finding, found))
    wants_fix_all = not only or any(FIX_ALL.startswith(kind) for kind in only)
    if fixable and wants_fix_all:
        fixed = ls.checker.fix_all(document.path, document.source)
        if fixed != document.source:
            actions.append(
                types.CodeAction(
                    title="jdlint: fix all safely fixable findings",
                    kind=FIX_ALL,
                    edit=_edit(uri, [types.TextEdit(_whole(document), fixed)]),
                )
            )
    return actions


def hover_at(ls: JdlintServer, uri: str, where: types.Position) -> types.Hover | None:
    linted = ls.linted.get(uri)
    if linted is None:
        return None
    hits = [
        (finding, found)
        for finding, found in zip(linted.checked.findings, linted.ranges)
        if _contains(found, where)
    ]
    if not hits:
        return None
    registry = linted.checked.session.registry
    parts = []
    for code in dict.fromkeys(finding.code for finding, _ in hits):
        parts.append(explain_rule(registry, code) or code)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n---\n".join(parts)),
        range=hits[0][1],
    )


def _is_checked(document: TextDocument) -> bool:
    return document.language_id == "markdown" or is_page(document.filename or "")


def _diagnostic(finding: Finding, found: types.Range) -> types.Diagnostic:
    url = rule_url(finding.code)
    return types.Diagnostic(
        range=found,
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source="jdlint",
    )


def _config_problem(message: str) -> types.Diagnostic:
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"jdlint cannot run: {message}",
        severity=types.DiagnosticSeverity.Error,
        source="jdlint",
    )


def _quick_fix(
    document: TextDocument, linted: Linted, finding: Finding, found: types.Range
) -> types.CodeAction:
    assert finding.fix is not None
    positions = linted.positions
    crlf = "\r\n" in document.source
    edits = []
    for edit in finding.fix.edits:
        found_range = types.Range(
            start=positions.at_offset(edit.start), end=positions.at_offset(edit.end)
        )
        new_text = edit.text.replace("\n", "\r\n") if crlf else edit.text
        edits.append(types.TextEdit(found_range, new_text))
    title = finding.fix.description or f"fix {finding.name}"
    return types.CodeAction(
        title=f"jdlint: {title} ({finding.code})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[_diagnostic(finding, found)],
        edit=_edit(document.uri, edits),
        is_preferred=True,
    )


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _whole(document: TextDocument) -> types.Range:
    """From the start to the very end of the buffer, in client units."""
    lines = document.lines
    if not lines or lines[-1].endswith("\n"):
        end = types.Position(line=len(lines), character=0)
    else:
        end = types.Position(
            line=len(lines) - 1, character=document.position_codec.client_num_units(lines[-1])
        )
    return types.Range(start=types.Position(line=0, character=0), end=end)


def _key(where: types.Position) -> tuple[int, int]:
    return where.line, where.character


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _contains(found: types.Range, where: types.Position) -> bool:
    return _key(found.start) <= _key(where) <= _key(found.end)


def serve(extra_rules: Sequence[Rule] = ()) -> None:
    """Run over stdio until the client says exit; oversized messages are refused (bounded_input)."""
    stdin = cast(BinaryIO, BoundedInput(sys.stdin.buffer))
    build_server(extra_rules, settle_heap=True).start_io(stdin=stdin)
