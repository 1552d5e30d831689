"""The command's collector thresholds (`archwright.cli.collector`, issue 16): raised for a
command's start-up, a caller's own choice kept, Python's put back for the commands that
keep running. Each case is a fresh process: the thresholds are process-wide."""

from __future__ import annotations

import json
from pathlib import Path

from cli_process import ROOT, python_c

EXAMPLE = str(ROOT / "examples" / "three_tier.yaml")


def _python(script: str, *args: str) -> list[object]:
    """The JSON list a script prints last, run in a fresh process."""
    done = python_c(script, *args)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_the_command_raises_the_first_threshold_and_keeps_the_others() -> None:
    script = (
        "import gc, json; gc.set_threshold(700, 11, 12); import archwright.cli;"
        "print(json.dumps(gc.get_threshold()))"
    )
    assert _python(script) == [100_000, 11, 12]


def test_a_process_that_chose_a_higher_threshold_or_none_keeps_its_choice() -> None:
    for chosen in ([250_000, 10, 10], [0, 10, 10]):
        script = (
            f"import gc, json; gc.set_threshold(*{chosen}); import archwright.cli;"
            "from archwright.cli.collector import restore_threshold; restore_threshold();"
            "print(json.dumps(gc.get_threshold()))"
        )
        assert _python(script) == chosen


_AUDIT = """
import gc, io, json, sys, contextlib
import archwright.cli
if sys.argv[1] == "python's":
    from archwright.cli.collector import restore_threshold
    restore_threshold()
runs = lambda: sum(s["collections"] for s in gc.get_stats())
before = runs()
sys.argv = ["archwright", "audit", sys.argv[2], "--format", "json"]
from archwright.cli.app import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(json.dumps([runs() - before]))
"""


def test_an_audit_runs_no_collection_with_the_commands_threshold() -> None:
    """The start-up's modules, classes and schemas are not walked again and again: none
    of the collector's runs that Python's own threshold makes (the control) happen
    between the command's package and the end of the audit."""
    (with_python_s,) = _python(_AUDIT, "python's", EXAMPLE)
    (with_the_commands,) = _python(_AUDIT, "the command's", EXAMPLE)
    assert with_python_s > 20 and with_the_commands == 0


_ASK = """
import gc, io, json, sys
sys.argv = ["archwright", "ask", "--arch", sys.argv[1]]
sys.stdin = io.StringIO("quit\\n")
from archwright.cli.app import main
import contextlib
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(json.dumps(gc.get_threshold()))
"""

_SERVE = """
import gc, json, sys
import uvicorn
seen = []
uvicorn.Server.run = lambda self, *a, **k: seen.append(gc.get_threshold())
sys.argv = ["archwright", "serve", "--db", "sqlite:///" + sys.argv[1], "--port", "8765"]
from archwright.cli.app import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(seen))
"""


def test_the_commands_that_keep_running_put_pythons_thresholds_back(tmp_path: Path) -> None:
    default = _python("import gc, json; print(json.dumps(gc.get_threshold()))")
    assert default[0] < 100_000
    assert _python(_ASK, EXAMPLE) == default
    assert _python(_SERVE, str(tmp_path / "store.db")) == [default]
