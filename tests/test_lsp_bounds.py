"""The language server under hostile input: oversized messages and large buffers (issue 21)."""

from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from lsprotocol import types
from pygls.workspace import Workspace

from jdlint.findings import Finding, Severity
from jdlint.lsp.buffer import Checked
from jdlint.lsp.server import JdlintServer
from jdlint.span import Span

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1536 * 1024 * 1024


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _read_message(stream, deadline: float) -> dict[str, object] | None:
    """The next framed message the server writes, or None at end of stream."""
    length = 0
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            return None
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
        elif line in (b"\r\n", b"\n") and length:
            message: dict[str, object] = json.loads(stream.read(length))
            return message
    return None


def test_server_refuses_an_oversized_message_and_answers_the_next(tmp_path):
    server = subprocess.Popen(
        [sys.executable, "-m", "jdlint", "lsp"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    killer = threading.Timer(60, server.kill)
    killer.start()
    try:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(b"Content-Length: 99999999999\r\n\r\n")
        server.stdin.write(b"X" * 1_000_000 + b"\r\n")  # a header line with no end in sight
        initialize = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
        }
        server.stdin.write(_frame(initialize))
        server.stdin.flush()
        deadline = time.monotonic() + 50
        answer = None
        while answer is None or answer.get("id") != 1:
            answer = _read_message(server.stdout, deadline)
            assert answer is not None, "the server died or fell silent"
        assert "capabilities" in answer["result"]  # type: ignore[operator]
        server.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        server.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
        server.stdin.close()
        assert server.wait(30) == 0
    finally:
        killer.cancel()
        server.kill()
        server.wait()


def _publish_seconds(size: int) -> float:
    """Seconds for one publish of a `size`-byte buffer with a finding on every line."""
    line = "- Build widgets with synergy, 🎉 and a little more text to make a line " * 2 + "\n"
    text = line * (size // len(line.encode()))
    lines = text.count("\n")
    findings = tuple(
        Finding("big.md", Span(i, 40, i, 47), "JD901", "house-style", "synergy", Severity.WARNING)
        for i in range(1, lines + 1)
    )
    server = JdlintServer()
    server.protocol._workspace = Workspace(None)
    uri = "file:///tmp/big.md"
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    server.workspace.put_text_document(item)
    published: list[types.PublishDiagnosticsParams] = []
    server.checker.check = lambda path, source: Checked(path, source, findings, None)  # type: ignore[method-assign,arg-type]
    server.text_document_publish_diagnostics = published.append  # type: ignore[method-assign]
    gc.collect()
    gc.disable()  # time the algorithm, not the collector's passes over the objects alive now
    try:
        started = time.perf_counter()
        server.lint(uri)
        elapsed = time.perf_counter() - started
    finally:
        gc.enable()
    diagnostics = published[0].diagnostics
    assert len(diagnostics) == lines
    # "🎉" (two UTF-16 units) before column 40 of every line: the range starts at 40, not 39.
    assert diagnostics[-1].range.start == types.Position(line=lines - 1, character=40)
    return elapsed


def test_publish_is_linear_in_document_size_times_findings():
    small = min(_publish_seconds(1024 * 1024) for _ in range(2))
    large = min(_publish_seconds(4 * 1024 * 1024) for _ in range(2))
    # Linear: about 4x. Splitting the buffer for every finding (the old way) was about 16x.
    assert large / small < 8, (small, large)
