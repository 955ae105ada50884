"""``junit``: JUnit XML, which GitLab, Jenkins and Azure show as a test report. One test suite per
draft; one failing test case per finding (a passing ``apolint`` case for a clean draft); an
``<error>`` case for a draft that could not be read. The score is a suite property."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import Writer

# Characters XML 1.0 cannot carry at all (a draft may contain them); shown as U+FFFD.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def junit_tree(report) -> ET.Element:
    s = report.summary
    root = ET.Element("testsuites", {
        "name": "apolint",
        "tests": "0", "failures": str(s["findings"]), "errors": str(s["failed"]),
    })
    total = 0
    for draft in report.files:
        suite = ET.SubElement(root, "testsuite", {"name": _clean(draft.path)})
        props = ET.SubElement(suite, "properties")
        if draft.score is not None:
            ET.SubElement(props, "property", {"name": "score", "value": str(draft.score)})
        cases = 0
        if draft.error is not None:
            case = ET.SubElement(suite, "testcase", {"classname": _clean(draft.path), "name": "apolint",
                                                     "file": _clean(draft.path)})
            ET.SubElement(case, "error", {"message": _clean(draft.error), "type": "read-error"})
            cases = 1
        elif not draft.findings:
            ET.SubElement(suite, "testcase", {"classname": _clean(draft.path), "name": "apolint",
                                              "file": _clean(draft.path)})
            cases = 1
        for f in draft.findings:
            case = ET.SubElement(suite, "testcase", {
                "classname": _clean(draft.path),
                "name": f"{f.rule} at {f.line}:{f.column}",
                "file": _clean(draft.path),
                "line": str(f.line),
            })
            failure = ET.SubElement(case, "failure", {"message": _clean(f.message), "type": f.severity})
            body = f"{draft.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]\n  {f.text}"
            if f.suggestion:
                body += f"\n  suggestion: {f.suggestion}"
            failure.text = _clean(body)
            cases += 1
        suite.set("tests", str(cases))
        suite.set("failures", str(len(draft.findings)))
        suite.set("errors", "1" if draft.error is not None else "0")
        total += cases
    root.set("tests", str(total))
    return root


class JunitWriter(Writer):
    def finish(self, report):
        tree = junit_tree(report)
        ET.indent(tree)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(tree, encoding="unicode") + "\n")
