"""Smoke test of the skeleton: the health check answers 200."""

from __future__ import annotations

import json
import threading
import unittest
import urllib.request
from http.server import ThreadingHTTPServer

import app


class HealthTest(unittest.TestCase):
    def test_health(self) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", 0), app.Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_port}{app.HEALTH_PATH}"
            with urllib.request.urlopen(url, timeout=5) as response:
                self.assertEqual(response.status, 200)
                self.assertEqual(json.load(response)["status"], "ok")
        finally:
            server.shutdown()


if __name__ == "__main__":
    unittest.main()
