"""The web workbench (`archwright serve`): an HTTP API and a canvas over every engine.

No logic of its own: each endpoint parses its input with `archwright.archfile`, calls
the engine the matching CLI command calls, and returns that engine's result. State lives
in `archwright.store` only, so replicas behind a load balancer are interchangeable.
"""

from archwright.web.app import create_app
from archwright.web.settings import Settings

__all__ = ["Settings", "create_app"]
