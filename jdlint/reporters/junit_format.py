"""JUnit XML as GitLab's test report and Jenkins' JUnit plugin read it.

One testcase per checked file (a clean file is a passing test), one <failure> per finding.
GitLab joins every failure of a testcase into its details; Jenkins shows the first failure's
message and keeps the text of all of them. Paths are repository-relative so GitLab can link
the `file` attribute.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from jdlint.findings import Finding
from jdlint.reporters import Report
from jdlint.reporters.escaping import one_line

# Characters XML 1.0 cannot carry (a quoted control character would make the file unreadable).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    files = list(dict.fromkeys([*report.files, *by_file]))
    failing = sum(1 for path in files if by_file.get(path))
    counts = {"tests": str(len(files)), "failures": str(failing), "errors": "0", "time": "0"}
    root = ET.Element("testsuites", {"name": "jdlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "jdlint", **counts, "skipped": "0"})
    for path in files:
        shown = _xml(report.relpath(path))
        case = ET.SubElement(
            suite, "testcase", {"classname": "jdlint", "name": shown, "file": shown, "time": "0"}
        )
        for finding in by_file.get(path, ()):
            failure = ET.SubElement(
                case,
                "failure",
                {"type": finding.code, "message": _xml(f"{finding.code} {finding.message}")},
            )
            failure.text = _xml(
                f"{shown}:{finding.span.line}:{finding.span.col}: "
                f"{finding.code} [{finding.severity}] {finding.message}"
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml(text: str) -> str:
    """One line (control characters and undecodable bytes escaped), valid in XML 1.0."""
    return _NOT_XML.sub("\ufffd", one_line(text))
