"""Code-quality audit of a repository (`archwright audit-code DIR`): lint findings (ruff),
cyclomatic complexity (radon), test presence, dependency pinning, Dockerfile hygiene
(hadolint) and committed secrets, graded A–F on the project's one scale.

An analysis package: it reads files and runs maintained tools, and imports nothing of
ours but `model`.
"""

from archwright.codeaudit.report import CheckResult, CodeFinding, CodeReport, audit_code
from archwright.codeaudit.tools import ToolMissing

__all__ = ["CheckResult", "CodeFinding", "CodeReport", "ToolMissing", "audit_code"]
