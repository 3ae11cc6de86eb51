"""`jdlint lsp` end to end: a real LSP client (pygls's) talks to the server process over stdio."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

# JD101 (no Requirements), JD106 (pseudo-heading), JD104 (empty; "🎉" is 2 UTF-16 code units).
PAGE = (
    "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n- Additional Requirements\n\n"
    "### Benefits 🎉\n"
)
TIMEOUT = 30


class Editor:
    """A minimal editor: opens, edits and saves one page and collects what the server sends."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.command = command
        self.root = root
        self.client = LanguageClient("jdlint-tests", "1")
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

    async def __aenter__(self) -> Editor:
        await self.client.start_io(*self.command, cwd=str(self.root))
        await asyncio.wait_for(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(), root_uri=self.root.as_uri()
                )
            ),
            TIMEOUT,
        )
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await self.client.stop()

    async def diagnostics(self) -> list[types.Diagnostic]:
        params = await asyncio.wait_for(self.published.get(), TIMEOUT)
        return params.diagnostics

    def open(self, uri: str, text: str) -> None:
        item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))


def ranges(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            str(d.code),
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    ]


def server_command() -> list[str]:
    return [sys.executable, "-m", "jdlint", "lsp"]


def test_diagnostics_hover_and_edits_match_the_cli(tmp_path, run_cli, monkeypatch):
    page = tmp_path / "widget.md"
    page.write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cli = json.loads(run_cli("check", "widget.md", "--format", "json").output)
    uri = page.as_uri()

    async def scenario() -> None:
        async with Editor(server_command(), tmp_path) as editor:
            editor.open(uri, PAGE)
            opened = await editor.diagnostics()
            assert ranges(opened) == [
                ("JD101", 0, 0, 0, 18),
                ("JD106", 5, 2, 5, 25),
                ("JD104", 7, 0, 7, 15),  # 14 code points, 15 UTF-16 units
            ]
            assert [(d.message, d.source) for d in opened] == [
                (f["message"], "jdlint") for f in cli
            ]
            assert [(d.range.start.line + 1, d.range.start.character + 1) for d in opened] == [
                (f["line"], f["column"]) for f in cli
            ]
            assert opened[0].severity == types.DiagnosticSeverity.Error
            assert opened[2].severity == types.DiagnosticSeverity.Warning

            shown = await editor.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=7, character=5),
                )
            )
            assert shown is not None and isinstance(shown.contents, types.MarkupContent)
            assert shown.contents.value.startswith("JD104 empty-section")
            assert "Sub-headings count as" in shown.contents.value  # the explanation
            nothing = await editor.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=2, character=1),
                )
            )
            assert nothing is None

            # An incremental edit: add the Requirements section above "### Benefits".
            insert = types.Range(
                start=types.Position(line=7, character=0), end=types.Position(line=7, character=0)
            )
            editor.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=insert, text="### Requirements\n\n- Care\n\n"
                        )
                    ],
                )
            )
            changed = await editor.diagnostics()
            assert ranges(changed) == [("JD106", 5, 2, 5, 25), ("JD104", 11, 0, 11, 15)]

            editor.client.text_document_did_save(
                types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            assert ranges(await editor.diagnostics()) == ranges(changed)

            actions = await editor.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=changed[1].range,
                    context=types.CodeActionContext(diagnostics=[changed[1]]),
                )
            )
            assert not actions  # JD104 has no fix

            editor.client.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=uri)
                )
            )
            assert list(await editor.diagnostics()) == []

    asyncio.run(scenario())


def test_code_actions_apply_fixes(tmp_path):
    text = "## Widget Engineer  \r\n\r\n### Responsibilities\r\n\r\n- Build 🎉 widgets \r\n"
    page = tmp_path / "widget.md"
    uri = page.as_uri()
    command = [sys.executable, "-m", "jdlint", "lsp"]

    async def scenario() -> None:
        async with Editor(command, tmp_path) as editor:
            editor.open(uri, text)
            found = [d for d in await editor.diagnostics() if d.code == "JD602"]
            assert ranges(found) == [("JD602", 0, 18, 0, 20), ("JD602", 4, 18, 4, 19)]
            actions = await editor.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=found[1].range,
                    context=types.CodeActionContext(diagnostics=[found[1]]),
                )
            )
            assert actions is not None
            quick = [a for a in actions if isinstance(a, types.CodeAction) and a.kind == "quickfix"]
            assert [a.title for a in quick] == ["jdlint: fix whitespace (JD602)"]
            assert quick[0].edit is not None and quick[0].edit.changes is not None
            (edit,) = quick[0].edit.changes[uri]
            assert (edit.range.start.line, edit.range.start.character) == (4, 18)
            assert (edit.range.end.line, edit.range.end.character) == (4, 19)
            assert edit.new_text == ""

            fix_all = [a for a in actions if a.kind == "source.fixAll.jdlint"]
            assert len(fix_all) == 1 and fix_all[0].edit is not None
            (whole,) = fix_all[0].edit.changes[uri]
            assert whole.new_text == text.replace("  \r\n", "\r\n").replace(" \r\n", "\r\n")
            assert (whole.range.end.line, whole.range.end.character) == (5, 0)

    asyncio.run(scenario())


def run_python(code: str) -> str:
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


def test_check_does_not_import_the_language_server(tmp_path):
    page = tmp_path / "widget.md"
    page.write_text(PAGE, encoding="utf-8")
    out = run_python(
        "import sys\nfrom jdlint.cli.main import main\n"
        f"try:\n    main(['check', {str(page)!r}])\nexcept SystemExit:\n    pass\n"
        "print('loaded:', 'pygls' in sys.modules, 'lsprotocol' in sys.modules)"
    )
    assert "JD104" in out
    assert "loaded: False False" in out


def test_lsp_without_pygls_says_how_to_install_it():
    out = run_python(
        "import sys\nsys.modules['pygls'] = None\nfrom jdlint.cli.main import main\n"
        "try:\n    main(['lsp'])\nexcept SystemExit as e:\n    print('exit', e.code)"
    )
    assert "jdlint lsp needs pygls" in out and "pip install 'jdlint[lsp]'" in out
    assert "exit 2" in out


GRADED = (
    "## Major Widget Engineer\n\n### Job Grade\n\n"
    "The Major Widget Engineer Leader is a grade 8.\n\n"
    "### Responsibilities\n\n- Build  widgets\n\n### Requirements\n\n- Ability to use GitLab\n"
)


def test_title_mismatch_and_whitespace_diagnostics(tmp_path):
    """The issue's acceptance case: JD301 and JD602 arrive at the ranges the CLI reports."""
    page = tmp_path / "major.md"
    uri = page.as_uri()

    async def scenario() -> None:
        async with Editor(server_command(), tmp_path) as editor:
            editor.open(uri, GRADED)
            found = await editor.diagnostics()
            assert ("JD301", 4, 4, 4, 32) in ranges(found)
            assert ("JD602", 8, 7, 8, 9) in ranges(found)
            mismatch = next(d for d in found if d.code == "JD301")
            assert '"Major Widget Engineer Leader"' in mismatch.message

    asyncio.run(scenario())


def test_a_failed_handbook_check_is_one_diagnostic_and_the_server_goes_on(tmp_path):
    """A handbook check that raises (a bug) is said in the buffer, as a configuration problem
    is, instead of an exception in the server's handler."""
    from pygls.workspace import Workspace

    from jdlint.findings import Severity
    from jdlint.handbook.index import HandbookIndex
    from jdlint.lsp.server import JdlintServer
    from jdlint.rules import Rule, RuleMeta

    def broken(index, ctx):
        raise ZeroDivisionError("division by zero")
        yield

    meta = RuleMeta("JD998", "broken-test-rule", "A rule that fails.", Severity.INFO)
    server = JdlintServer([Rule(meta, HandbookIndex, broken)])
    server.protocol._workspace = Workspace(None)
    (tmp_path / ".git").mkdir()
    page = tmp_path / "page.md"
    text = "## Widget Engineer\n\n### Responsibilities\n\n- Build widgets\n"
    page.write_text(text)
    uri = page.as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    server.workspace.put_text_document(item)
    published: list[types.PublishDiagnosticsParams] = []
    server.text_document_publish_diagnostics = published.append  # type: ignore[method-assign]
    server.lint(uri)
    [params] = published
    [diagnostic] = params.diagnostics
    assert diagnostic.message.startswith(
        "jdlint cannot run: check JD998 (broken-test-rule) failed: ZeroDivisionError"
    )
    assert diagnostic.severity == types.DiagnosticSeverity.Error


def test_a_buffer_the_editor_never_opened_is_not_read_from_disk(tmp_path):
    """A didSave or didChange for a URI that was never opened (a client's slip, or a hostile
    one) is ignored: pygls would read the file, and a FIFO named like a page blocks for ever."""
    import os
    import threading

    from pygls.workspace import Workspace

    from jdlint.lsp.server import JdlintServer

    server = JdlintServer()
    server.protocol._workspace = Workspace(None)
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    published: list[types.PublishDiagnosticsParams] = []
    server.text_document_publish_diagnostics = published.append  # type: ignore[method-assign]
    worker = threading.Thread(target=server.lint, args=(pipe.as_uri(),), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive()  # it did not open the FIFO
    assert published == []
