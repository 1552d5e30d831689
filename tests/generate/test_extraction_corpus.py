"""The extraction corpus: every phrasing in tests/generate/data/phrasings/ with its
expected reading, scored as an accuracy.

Two files: `tuned.yaml` (the rules are written against it) and `heldout.yaml` (written
before the rules and never tuned on). Each is reported apart, with the misses named, and
each fails below its own stated threshold. A row passes only when every expectation in
it holds: the values read, the fields left unset, the patterns asked for and not asked
for, and the fragments reported as not understood.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from archwright.generate.extract import Extraction, extract

DATA = Path(__file__).parent / "data" / "phrasings"
THRESHOLDS = {"tuned": 0.95, "heldout": 0.75}
"""Least accuracy per corpus: the tuned rows are the rules' specification; the held-out
rows measure how far the rules carry to phrasings nobody tuned them on."""
_KEYS = {"text", "expect", "absent", "features", "no_features", "not_read"}


@dataclass(frozen=True)
class Row:
    text: str
    expect: dict[str, Any]
    absent: list[str]
    features: list[str]
    no_features: list[str]
    not_read: list[str]


def load(name: str) -> list[Row]:
    rows = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    out = []
    for raw in rows:
        assert set(raw) <= _KEYS, f"{name}: unknown keys {set(raw) - _KEYS} in {raw}"
        out.append(
            Row(
                str(raw["text"]),
                dict(raw.get("expect") or {}),
                list(raw.get("absent") or []),
                list(raw.get("features") or []),
                list(raw.get("no_features") or []),
                list(raw.get("not_read") or []),
            )
        )
    return out


_UNSET = object()


def _get(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict) or value.get(part) in (None, []):
            return _UNSET
        value = value[part]
    return value


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, bool) or not isinstance(want, int | float):
        if isinstance(want, list) and isinstance(got, list):
            return sorted(map(str, got)) == sorted(map(str, want))
        return bool(got == want)
    return isinstance(got, int | float) and got == pytest.approx(want, rel=0.01)


def misses(row: Row, ext: Extraction) -> list[str]:
    """Every expectation of the row that the reading does not meet, as a sentence."""
    data = ext.requirements.model_dump(mode="json", exclude_none=True)
    out = []
    for path, want in row.expect.items():
        got = _get(data, path)
        if got is _UNSET or not _same(got, want):
            out.append(f"{path}={'unset' if got is _UNSET else got!r}, expected {want!r}")
    out.extend(
        f"{path} set to {_get(data, path)!r}"
        for path in row.absent
        if _get(data, path) is not _UNSET
    )
    out.extend(f"pattern {p} not triggered" for p in row.features if p not in ext.features)
    out.extend(f"pattern {p} triggered" for p in row.no_features if p in ext.features)
    unread = " | ".join(ext.not_understood)
    out.extend(f"{s!r} not listed as unread" for s in row.not_read if s not in unread)
    return out


def score(name: str) -> tuple[float, list[str]]:
    rows = load(name)
    failed = []
    for row in rows:
        problems = misses(row, extract(row.text))
        if problems:
            failed.append(f"{row.text!r}: " + "; ".join(problems))
    return 1 - len(failed) / len(rows), failed


def test_corpus_is_large_enough_and_holds_a_fifth_back() -> None:
    tuned, held = len(load("tuned")), len(load("heldout"))
    assert tuned + held >= 150
    assert held / (tuned + held) >= 0.20
    texts = [r.text for r in load("tuned") + load("heldout")]
    assert len(texts) == len(set(texts)), "a phrasing appears twice"


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_corpus_accuracy(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    accuracy, failed = score(name)
    with capsys.disabled():
        print(f"\nextraction corpus {name}: {accuracy:.1%} of {len(load(name))} rows")
        for line in failed:
            print(f"  miss {line}")
    assert accuracy >= THRESHOLDS[name], "\n".join(failed)


def test_the_scorer_can_fail() -> None:
    """A wrong expectation is a miss: the accuracy is not a number that cannot fall."""
    row = Row("5M DAU", {"scale.dau": 6_000_000}, ["scale.dau"], ["payments"], [], ["x"])
    assert len(misses(row, extract(row.text))) == 4
