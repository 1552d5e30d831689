"""`archwright estimate`: back-of-envelope QPS, storage, bandwidth, memory and servers.

The figures are the design engine's own envelope (the one `design` sizes from).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from archwright.cli.numbers import number_option

if TYPE_CHECKING:
    from archwright.advise.estimate import Inputs


def command(
    dau: float | None = number_option(
        None, "--dau", bound="count", above_low=True, help="Daily active users."
    ),
    actions: float = number_option(
        10.0,
        "--actions-per-user",
        bound="per_user",
        above_low=True,
        help="Requests per user per day.",
    ),
    payload_kb: float | None = number_option(
        None, "--payload-kb", bound="payload", above_low=True, help="Bytes per request, KB."
    ),
    read_write: float | None = number_option(
        None, "--read-write", bound="ratio", help="Reads per write."
    ),
    peak_factor: float = number_option(
        3.0, "--peak-factor", bound="factor", help="Peak over average load."
    ),
    server_rps: float | None = number_option(
        None,
        "--server-rps",
        bound="count",
        above_low=True,
        help="Requests/s one server sustains (default: catalog).",
    ),
    target_util: float = number_option(
        0.7, "--target-utilization", bound="fraction", above_low=True, help="Planned utilization."
    ),
    spec: Path | None = typer.Option(None, "--spec", help="Take DAU/payload/ratio from here."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Estimate load and footprint from stated numbers, showing each step."""
    from archwright.advise.estimate import estimate
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    stated = _Stated(dau, actions, payload_kb, read_write, peak_factor, server_rps, target_util)
    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        result = estimate(_inputs(stated, spec))
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import estimate_text

    print(estimate_text(result), end="")


@dataclass(frozen=True)
class _Stated:
    """The numbers as the options gave them, before --spec and the catalog fill gaps."""

    dau: float | None
    actions: float
    payload_kb: float | None
    read_write: float | None
    peak_factor: float
    server_rps: float | None
    target_util: float


def _inputs(stated: _Stated, spec: Path | None) -> Inputs:
    """The engine's inputs: an option wins over the --spec's scale, the catalog gives a
    server's capacity when none is stated; a missing DAU or an impossible mix is bad
    input (the first problem, one line)."""
    from archwright.advise.estimate import Inputs, server_capacity
    from archwright.archfile import load_requirements
    from archwright.cli.errors import BadInput
    from archwright.kb import load_catalog

    dau, payload_kb, read_write = stated.dau, stated.payload_kb, stated.read_write
    if spec is not None:
        scale = load_requirements(spec).scale
        dau = dau if dau is not None else scale.dau
        payload_kb = payload_kb if payload_kb is not None else scale.payload_kb
        read_write = read_write if read_write is not None else scale.read_write_ratio
    if dau is None:
        raise BadInput("--dau is required (or a --spec with scale.dau)")
    source = "stated"
    server_rps = stated.server_rps
    if server_rps is None:
        server_rps, source = server_capacity(load_catalog())
    inp = Inputs(
        dau=dau,
        actions_per_user=stated.actions,
        payload_kb=payload_kb or 1.0,
        read_write=10.0 if read_write is None else read_write,
        peak_factor=stated.peak_factor,
        server_rps=server_rps,
        target_utilization=stated.target_util,
        server_source=source,
    )
    problems = inp.problems()
    if problems:
        raise BadInput(problems[0])
    return inp
