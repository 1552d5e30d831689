"""How uvicorn runs the app: one definition for `archwright serve`, the tests and the
benchmarks, so all of them see the same request handling."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI


def uvicorn_config(app: FastAPI, host: str, port: int) -> uvicorn.Config:
    """uvicorn's own X-Forwarded-For handling is off: by default it believes the header
    from 127.0.0.1 and rewrites the peer address, which would let any local process pick
    its rate-limit bucket. `limits.client_address` reads the header instead, and only
    from the proxies `--trusted-proxy` names."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
    )
