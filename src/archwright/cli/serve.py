"""`archwright serve [--db URL] [--host 127.0.0.1] [--port 8000] [--token T] [--rate-limit N]
[--trusted-proxy ADDRESS]`."""

from __future__ import annotations

import os

import typer

from archwright.cli.errors import BadInput, input_errors
from archwright.cli.numbers import number_option


def command(
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL: sqlite:///FILE or postgresql://... "
        "(default: archwright.db in the user's data folder).",
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = number_option(8000, "--port", bound="port", help="Port to listen on."),
    token: str | None = typer.Option(
        None,
        "--token",
        help="Access token, required beyond loopback (or set ARCHWRIGHT_TOKEN).",
    ),
    trusted_host: list[str] = typer.Option(
        [], "--trusted-host", help="Host header to accept besides --host (a load balancer)."
    ),
    trusted_proxy: list[str] = typer.Option(
        [],
        "--trusted-proxy",
        help="Address or CIDR of a reverse proxy whose X-Forwarded-For names the client "
        "(or set ARCHWRIGHT_TRUSTED_PROXIES, comma-separated).",
    ),
    rate_limit: int = number_option(
        600,
        "--rate-limit",
        bound="count",
        above_low=True,
        help="Requests per minute per client address (bursts of a fifth of it).",
    ),
) -> None:
    """Serve the web workbench: a canvas and an HTTP API over every engine."""
    from archwright.store import StoreError
    from archwright.web.settings import TOKEN_ENV, TRUSTED_PROXIES_ENV, Settings

    with input_errors():
        settings = Settings(
            db_url=db,
            host=host,
            port=port,
            token=token or os.environ.get(TOKEN_ENV) or None,
            trusted_hosts=tuple(trusted_host),
            trusted_proxies=tuple(trusted_proxy)
            or tuple(p for p in os.environ.get(TRUSTED_PROXIES_ENV, "").split(",") if p.strip()),
            rate_per_minute=rate_limit,
            rate_burst=max(1, rate_limit // 5),
        )
        try:
            settings.check()
            from archwright.web import create_app

            app = create_app(settings)
        except (ValueError, StoreError) as exc:
            raise BadInput(str(exc)) from None
    import uvicorn

    from archwright.cli.collector import restore_threshold
    from archwright.web.serving import uvicorn_config

    restore_threshold()  # a server: Python's own collector thresholds from here on
    print(f"archwright: serving on http://{host}:{port}/", flush=True)
    uvicorn.Server(uvicorn_config(app, host, port)).run()
