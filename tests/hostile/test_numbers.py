"""Numbers in a model file: finite and bounded, or refused in one line by every command.

Each case is one field of a valid model replaced by a hostile value from issue 17 (`.inf`,
`.nan`, a 400-digit count string, a 10^400 integer, a trillion replicas...). The refusal
must name the file, the line and the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture of conftest.py

BASE = {
    "peak_rps": "200",
    "replicas": "2",
    "rate_limit_rps": "1000",
    "read_replicas": "1",
    "storage_gb": "50",
    "calls": "1",
    "timeout_ms": "500",
}

TEMPLATE = """name: hostile
requirements:
  scale:
    peak_rps: {peak_rps}
components:
  - id: web
    kind: client
  - id: api
    kind: service
    replicas: {replicas}
    rate_limit_rps: {rate_limit_rps}
  - id: db
    kind: sql_db
    read_replicas: {read_replicas}
    storage_gb: {storage_gb}
connections:
  - source: web
    target: api
  - source: api
    target: db
    calls: {calls}
    timeout_ms: {timeout_ms}
"""

LINE = {
    "peak_rps": 4,
    "replicas": 10,
    "rate_limit_rps": 11,
    "read_replicas": 14,
    "storage_gb": 15,
    "calls": 21,
    "timeout_ms": 22,
}
PATH = {
    "peak_rps": "requirements.scale.peak_rps",
    "replicas": "components[1].replicas",
    "rate_limit_rps": "components[1].rate_limit_rps",
    "read_replicas": "components[2].read_replicas",
    "storage_gb": "components[2].storage_gb",
    "calls": "connections[1].calls",
    "timeout_ms": "connections[1].timeout_ms",
}

COUNT_400 = '"' + "9" * 400 + '"'  # a count as a 400-digit string (int() accepts it)

CASES = [
    ("peak_rps", ".inf"),
    ("calls", ".inf"),
    ("rate_limit_rps", ".inf"),
    ("storage_gb", ".inf"),
    ("timeout_ms", ".inf"),
    ("calls", ".nan"),
    ("timeout_ms", "-.inf"),
    ("peak_rps", '"' + "9" * 400 + '"'),
    ("replicas", COUNT_400),
    ("calls", COUNT_400),
    ("replicas", str(10**400)),
    ("replicas", "1000000000000"),
    ("read_replicas", "1000000"),
    ("storage_gb", '"1e400"'),
    ("timeout_ms", '"999999999999 days"'),
]

COMMANDS: list[tuple[str, ...]] = [
    ("validate",),
    ("simulate",),
    ("cost",),
    ("chaos", "--fail", "db"),
    ("availability",),
    ("sweep",),
    ("audit",),
]


def model(tmp_path: Path, field: str, value: str) -> Path:
    path = tmp_path / "arch.yaml"
    path.write_text(TEMPLATE.format(**{**BASE, field: value}), encoding="utf-8")
    return path


def test_base_model_is_valid(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "arch.yaml"
    path.write_text(TEMPLATE.format(**BASE), encoding="utf-8")
    cli("validate", path).ok()


@pytest.mark.parametrize(("field", "value"), CASES, ids=[f"{f}={v[:12]}" for f, v in CASES])
def test_validate_refuses_with_place(tmp_path: Path, cli: Cli, field: str, value: str) -> None:
    path = model(tmp_path, field, value)
    cli("validate", path).refused(f"{path}:{LINE[field]}: {PATH[field]}:")


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize(
    ("field", "value"),
    [("replicas", "1000000000000"), ("replicas", COUNT_400), ("calls", ".inf")],
    ids=["replicas=10^12", "replicas=400-digit-string", "calls=inf"],
)
def test_every_command_refuses(
    tmp_path: Path,
    cli: Cli,
    command: tuple[str, ...],
    field: str,
    value: str,
) -> None:
    path = model(tmp_path, field, value)
    cli(command[0], path, *command[1:]).refused(PATH[field], "arch.yaml")


def test_export_refuses_before_writing(tmp_path: Path, cli: Cli) -> None:
    path = model(tmp_path, "read_replicas", "1000000")
    out = tmp_path / "out"
    cli("export", path, "--to", "terraform", "-o", out).refused(PATH["read_replicas"])
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('{"name": "t", "components": [{"id": "a", "kind": "service", "replicas": NaN}]}', "NaN"),
        (
            '{"name": "t", "components": [{"id": "a", "kind": "service", "share": Infinity}]}',
            "Infinity",
        ),
        ('{"name": "t", "components": [], "x": ' + "1" * 5000 + "}", "digits"),
    ],
    ids=["nan", "infinity", "5000-digit"],
)
def test_json_model_refuses_non_numbers(tmp_path: Path, cli: Cli, text: str, needle: str) -> None:
    path = tmp_path / "arch.json"
    path.write_text(text, encoding="utf-8")
    cli("validate", path).refused(str(path), needle)


def test_yaml_integer_past_python_limit_names_its_line(tmp_path: Path, cli: Cli) -> None:
    path = model(tmp_path, "replicas", "7" * 5000)
    cli("validate", path).refused(f"{path}:{LINE['replicas']}:", "digits")


def test_bounds_accept_their_edges(tmp_path: Path, cli: Cli) -> None:
    """The limits are inclusive: the largest documented value still validates."""
    path = tmp_path / "arch.yaml"
    edge = {**BASE, "replicas": "1000000", "read_replicas": "100", "calls": "10000"}
    path.write_text(TEMPLATE.format(**edge), encoding="utf-8")
    cli("validate", path).ok()
    over = {**edge, "read_replicas": "101"}
    path.write_text(TEMPLATE.format(**over), encoding="utf-8")
    cli("validate", path).refused("at most 100")


def test_json_output_is_strict_json(tmp_path: Path, cli: Cli, three_tier: Path) -> None:
    """No Infinity/NaN in any JSON document, even past saturation (unbounded waits)."""

    def strict(text: str) -> object:
        def refuse(name: str) -> object:
            raise AssertionError(f"{name} in JSON output")

        return json.loads(text, parse_constant=refuse)

    for args in (
        ("simulate", three_tier, "--rps", "1000000000", "--format", "json"),
        ("availability", three_tier, "--rps", "1000000000", "--format", "json"),
        ("sweep", three_tier, "--rps", "1000000000", "--format", "json"),
        ("chaos", three_tier, "--fail", "db", "--rps", "1000000000", "--format", "json"),
    ):
        strict(cli(*args).ok().stdout)


def test_json_output_is_strict_json_with_a_service_scaled_to_no_replicas(
    tmp_path: Path, cli: Cli, three_tier: Path
) -> None:
    """A 0-replica service is the saturated wait at any load (`Wait.saturated`): its wait
    and latency are infinite, written as JSON's null or "inf", never Infinity or NaN."""
    text = three_tier.read_text("utf-8")
    web = "    kind: web_frontend\n    replicas: 3\n"
    assert web in text
    path = tmp_path / "arch.yaml"
    path.write_text(text.replace(web, "    kind: web_frontend\n    replicas: 0\n"), "utf-8")
    for args in (
        ("simulate", path, "--rps", "10", "--format", "json"),
        ("sweep", path, "--rps", "10", "--format", "json"),
        ("chaos", path, "--fail", "db", "--rps", "10", "--format", "json"),
    ):
        document = json.loads(cli(*args).ok().stdout, parse_constant=_refuse_constant)
        assert document
    web = json.loads(cli("simulate", path, "--rps", "10", "--format", "json").stdout)
    web = web["components"]["web"]
    assert (web["servers"], web["saturates_at_rps"]) == (0.0, 0.0)
    assert web["wait_ms"] is None and web["latency_ms"]["p99"] is None


def _refuse_constant(name: str) -> object:
    raise AssertionError(f"{name} in JSON output")


def _shown(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def test_bounds_table_in_docs_matches_the_code() -> None:
    """docs/model.md lists every bound of model.units.BOUNDS with its range, and no other."""
    from archwright.model.units import BOUNDS

    docs = (Path(__file__).resolve().parents[2] / "docs" / "model.md").read_text("utf-8")
    section = docs.split("## Bounds", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) == len(BOUNDS)
    for row, bound in zip(rows, BOUNDS.values(), strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == f"`{bound.name}`"
        assert cells[2:] == [_shown(bound.low), _shown(bound.high), bound.unit]


def test_json_mapping_of_unbounded_values() -> None:
    from archwright.cli.output import finite

    data = {"a": float("inf"), "b": [float("-inf"), float("nan"), 1.5], "c": (2, "x")}
    assert finite(data) == {"a": "inf", "b": ["-inf", None, 1.5], "c": [2, "x"]}
    json.dumps(finite(data), allow_nan=False)


LOOP = """name: loop
requirements: {scale: {avg_rps: 10, peak_rps: 20}}
components:
  - {id: u, kind: client}
  - {id: a, kind: service}
  - {id: b, kind: service}
connections:
  - {source: u, target: a}
  - {source: a, target: b}
  - {source: b, target: a, calls: 1}
"""


def test_a_loop_that_never_settles_is_said_so_in_every_output(tmp_path: Path, cli: Cli) -> None:
    """Issue 17: a retry/feedback loop of gain 1 has no steady load. `simulate`, `chaos`,
    `cost` and `audit` say so in one line (table and JSON), instead of printing the 200th
    pass as the answer; the JSON stays strict."""
    path = tmp_path / "loop.yaml"
    path.write_text(LOOP, "utf-8")
    needle = "load did not settle: calls cycle through a, b"
    for command in (
        ("simulate", path, "--rps", "10"),
        ("chaos", path, "--slow", "a=5", "--rps", "10"),
        ("cost", path, "--cloud", "aws"),
        ("audit", path),
    ):
        table = cli(*command).ok()
        assert needle in " ".join(table.stdout.split()), table.stdout
        document = json.loads(
            cli(*command, "--format", "json").ok().stdout, parse_constant=_refuse_constant
        )
        assert any(line.startswith(needle) for line in document["warnings"])
