"""`archwright estimate`: back-of-envelope QPS, storage, bandwidth, memory and servers.

The figures are the design engine's own envelope (the one `design` sizes from).
"""

from __future__ import annotations

from pathlib import Path

import typer


def command(
    dau: float | None = typer.Option(None, "--dau", help="Daily active users."),
    actions: float = typer.Option(10.0, "--actions-per-user", help="Requests per user per day."),
    payload_kb: float | None = typer.Option(None, "--payload-kb", help="Bytes per request, KB."),
    read_write: float | None = typer.Option(None, "--read-write", help="Reads per write."),
    peak_factor: float = typer.Option(3.0, "--peak-factor", help="Peak over average load."),
    server_rps: float | None = typer.Option(
        None, "--server-rps", help="Requests/s one server sustains (default: catalog)."
    ),
    target_util: float = typer.Option(0.7, "--target-utilization", help="Planned utilization."),
    spec: Path | None = typer.Option(None, "--spec", help="Take DAU/payload/ratio from here."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Estimate load and footprint from stated numbers, showing each step."""
    from archwright.advise.estimate import Inputs, estimate
    from archwright.archfile import load_requirements
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json
    from archwright.kb import load_catalog
    from archwright.kb.capacity import per_replica_rps
    from archwright.model import Kind

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        if spec is not None:
            scale = load_requirements(spec).scale
            dau = dau if dau is not None else scale.dau
            payload_kb = payload_kb if payload_kb is not None else scale.payload_kb
            read_write = read_write if read_write is not None else scale.read_write_ratio
        if dau is None:
            raise BadInput("--dau is required (or a --spec with scale.dau)")
        source = "stated"
        if server_rps is None:
            ref = load_catalog().reference(Kind.SERVICE)
            server_rps = per_replica_rps(ref, Kind.SERVICE)
            source = f"catalog: {ref.name}" if ref else "kind default"
        inp = Inputs(
            dau=dau,
            actions_per_user=actions,
            payload_kb=payload_kb or 1.0,
            read_write=10.0 if read_write is None else read_write,
            peak_factor=peak_factor,
            server_rps=server_rps,
            target_utilization=target_util,
            server_source=source,
        )
        problems = inp.problems()
        if problems:
            raise BadInput(problems[0])
        result = estimate(inp)
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import estimate_text

    print(estimate_text(result), end="")
