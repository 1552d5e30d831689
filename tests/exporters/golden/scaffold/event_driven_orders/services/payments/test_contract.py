"""Contract tests generated from openapi.json: the service serves exactly the documented
operations, answers each with a documented status (or 501 until implemented), refuses
calls without a token where the contract requires one, and reports healthy."""

from __future__ import annotations

import json
import unittest
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from app import HEALTH_PATH, METRICS_PATH, app

CONTRACT = json.loads((Path(__file__).parent / "openapi.json").read_text(encoding="utf-8"))
VERBS = ("get", "post", "put", "patch", "delete", "head", "options")
NOT_IMPLEMENTED = 501


def documented() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (verb, path, item[verb])
        for path, item in CONTRACT["paths"].items()
        for verb in VERBS
        if verb in item
    ]


def concrete(path: str) -> str:
    parts = ["sample" if p.startswith("{") else p for p in path.split("/")]
    return "/".join(parts)


class ContractTest(unittest.TestCase):
    def setUp(self) -> None:
        self.client = TestClient(app)

    def test_served_operations_match_the_contract(self) -> None:
        served = app.openapi()["paths"]
        expected = {(verb, path) for verb, path, _ in documented()}
        actual = {(verb, path) for path, item in served.items() for verb in item}
        self.assertEqual(actual, expected)
        for verb, path, operation in documented():
            self.assertEqual(served[path][verb]["operationId"], operation["operationId"])

    def test_every_operation_answers_a_documented_status(self) -> None:
        for verb, path, operation in documented():
            with self.subTest(operation=operation["operationId"]):
                response = self.client.request(
                    verb.upper(),
                    concrete(path),
                    json={} if "requestBody" in operation else None,
                    headers={"Authorization": "Bearer contract-test"},
                )
                allowed = {int(s) for s in operation["responses"]}
                allowed.add(NOT_IMPLEMENTED)
                self.assertIn(response.status_code, allowed)
                if verb != "head":  # a HEAD response has no body
                    self.assertIsInstance(response.json(), dict)

    def test_secured_operations_refuse_a_missing_token(self) -> None:
        for verb, path, operation in documented():
            if "security" not in operation:
                continue
            with self.subTest(operation=operation["operationId"]):
                response = self.client.request(
                    verb.upper(),
                    concrete(path),
                    json={} if "requestBody" in operation else None,
                )
                self.assertEqual(response.status_code, 401)

    def test_health_check(self) -> None:
        response = self.client.get(HEALTH_PATH)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "ok")

    def test_metrics_count_requests(self) -> None:
        self.client.get(HEALTH_PATH)
        text = self.client.get(METRICS_PATH).text
        self.assertIn("http_requests_total", text)
        self.assertIn(f'route="{HEALTH_PATH}"', text)


if __name__ == "__main__":
    unittest.main()
