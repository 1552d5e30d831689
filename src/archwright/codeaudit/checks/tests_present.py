"""Whether the repository has tests at all, by the naming conventions of pytest,
unittest, node's test runner, Jest, JUnit and Go."""

from __future__ import annotations

import re

from archwright.codeaudit.repository import Repository
from archwright.codeaudit.result import CheckResult, CodeFinding

_TEST = re.compile(
    r"(^|/)(test_[^/]+\.py|[^/]+_test\.(py|go)|[^/]+\.(test|spec)\.[cm]?[jt]sx?|[^/]+Tests?\.java)$"
)
_CODE = (".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".java", ".go")


def check(repo: Repository) -> CheckResult:
    tests = [f for f in repo.files if _TEST.search(f)]
    code = [f for f in repo.named(*_CODE) if f not in tests]
    if not code:
        return CheckResult("tests", 100, "no source code", applies=False)
    if tests:
        return CheckResult("tests", 100, f"{len(tests)} test files beside {len(code)} source files")
    finding = CodeFinding("tests", "", 0, f"{len(code)} source files and no test file")
    return CheckResult("tests", 0, "no tests", (finding,))
