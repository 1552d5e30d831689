"""Fixture folders of real deployment files (copied with their SOURCE.txt) and expectations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_cases(fmt: str) -> list[Path]:
    return sorted(
        p
        for p in FIXTURES.iterdir()
        if (p / "expected.yaml").is_file() and _expected(p)["format"] == fmt
    )


def _expected(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))
    return data
