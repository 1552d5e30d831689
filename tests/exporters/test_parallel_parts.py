"""The two-process render's tests (`parallel_cases.py`), run in a fresh pytest process:
forking needs a process with no other thread, which the suite's own process is not once
the web and browser tests have run."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CASES = Path(__file__).with_name("parallel_cases.py")


def test_the_two_process_cases_pass_in_a_process_of_their_own(tmp_path: Path) -> None:
    report = tmp_path / "report.xml"
    args = ["-m", "pytest", str(CASES), "-p", "no:cacheprovider", f"--junitxml={report}"]
    done = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=CASES.parents[2],
    )
    assert done.returncode == 0, done.stdout + done.stderr
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None, done.stdout
    counts = {key: int(suite.get(key, "-1")) for key in ("tests", "failures", "errors", "skipped")}
    # every case ran and passed: none skipped, each test function at least once
    functions = len(re.findall(r"^def test_", CASES.read_text(encoding="utf-8"), re.M))
    assert counts["failures"] == counts["errors"] == counts["skipped"] == 0, counts
    assert counts["tests"] >= functions, (counts, functions)
