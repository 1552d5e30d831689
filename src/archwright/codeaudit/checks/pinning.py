"""Dependencies pinned to exact versions: requirements files (`name==1.2.3`) and
package.json (`1.2.3`, not `^1.2.3`, `~1.2`, `*`, `latest` or a range)."""

from __future__ import annotations

import json
import re

from archwright.codeaudit.repository import Repository
from archwright.codeaudit.result import CheckResult, CodeFinding

_REQUIREMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*==\s*[^\s;,]+")
_EXACT_NPM = re.compile(r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")


def _requirements(repo: Repository, rel: str) -> tuple[int, list[CodeFinding]]:
    total, loose = 0, []
    for number, raw in enumerate(repo.text(rel).splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue  # comments and options (-r, -c, --hash, -e)
        total += 1
        if not _REQUIREMENT.match(line):
            loose.append(CodeFinding("pinning", rel, number, f"{line} is not pinned with =="))
    return total, loose


def _package_json(repo: Repository, rel: str) -> tuple[int, list[CodeFinding]]:
    try:
        data = json.loads(repo.text(rel) or "{}")
    except (json.JSONDecodeError, RecursionError):
        return 0, [CodeFinding("pinning", rel, 0, "package.json is not valid JSON")]
    total, loose = 0, []
    for section in ("dependencies", "devDependencies"):
        deps = data.get(section) if isinstance(data, dict) else None
        for name, spec in (deps or {}).items() if isinstance(deps, dict) else ():
            total += 1
            if not _EXACT_NPM.match(str(spec)):
                loose.append(
                    CodeFinding("pinning", rel, 0, f"{name}@{spec} is not an exact version")
                )
    return total, loose


def check(repo: Repository) -> CheckResult:
    total, loose = 0, list[CodeFinding]()
    for rel in [f for f in repo.files if re.search(r"(^|/)requirements[^/]*\.txt$", f)]:
        count, found = _requirements(repo, rel)
        total, loose = total + count, loose + found
    for rel in repo.basename("package.json"):
        count, found = _package_json(repo, rel)
        total, loose = total + count, loose + found
    if total == 0:
        return CheckResult("pinning", 100, "no dependency lists", applies=False)
    score = 100 * (total - len(loose)) / total
    return CheckResult(
        "pinning", score, f"{total - len(loose)} of {total} dependencies pinned", tuple(loose)
    )
