"""python-hcl2 behind a time limit, with its output shape normalised.

python-hcl2 keeps quotes on keys and strings (`'"main"'`, `'"postgres"'`) and marks
blocks with `__is_block__`; parsers of this family have hung on malformed input, so each
file is parsed in a worker thread and abandoned after a time limit.
"""

from __future__ import annotations

import concurrent.futures
from typing import Any

from archwright.importers.importer import ImportProblem

PARSE_SECONDS = 20.0
_POOL: concurrent.futures.ThreadPoolExecutor | None = None


def parse_hcl(text: str, shown: str, timeout: float = PARSE_SECONDS) -> dict[str, Any]:
    """The file as plain data (quotes stripped), or ImportProblem naming the file."""
    global _POOL
    if _POOL is None:
        _POOL = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="hcl")
    future = _POOL.submit(_loads, text)
    try:
        raw = future.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise ImportProblem(shown, f"HCL parse took over {timeout:.0f} s; refused") from None
    except RecursionError:
        raise ImportProblem(shown, "HCL nested too deeply") from None
    except Exception as exc:  # lark raises many types; all mean "not valid HCL"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        line = getattr(exc, "line", None)
        raise ImportProblem(
            shown,
            f"invalid HCL: {first[:160]}",
            line if isinstance(line, int) and line > 0 else None,
        ) from None
    result: dict[str, Any] = clean(raw)
    return result


def _loads(text: str) -> Any:
    import hcl2

    return hcl2.loads(text)


def clean(node: Any) -> Any:
    """Strip python-hcl2's quoting and block markers."""
    if isinstance(node, dict):
        return {unquote(str(k)): clean(v) for k, v in node.items() if k != "__is_block__"}
    if isinstance(node, list):
        return [clean(v) for v in node]
    if isinstance(node, str):
        return unquote(node)
    return node


def unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1]
    return text
