"""Who may call what: token beyond loopback, signed cookies, CSRF on every change, CSP and
limits on every response, and no project readable without the token."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_client import THREE_TIER, TOKEN, Api, make_client, refused

from archwright.web import Settings
from archwright.web.auth import COOKIE


def test_beyond_loopback_a_token_is_required() -> None:
    with pytest.raises(ValueError, match="needs a token"):
        Settings(host="0.0.0.0").check()
    with pytest.raises(ValueError, match="shorter than 16"):
        Settings(host="0.0.0.0", token="short").check()
    Settings(host="0.0.0.0", token=TOKEN).check()


def test_no_project_is_readable_without_the_token(db_url: str) -> None:
    with make_client(db_url, token=TOKEN) as client:
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        made = client.post(
            "/api/projects", json={"name": "secret", "yaml": THREE_TIER}, headers=bearer
        )
        assert made.status_code == 201, made.text
        pid = made.json()["id"]
        for path in ("/api/projects", f"/api/projects/{pid}", f"/api/projects/{pid}/model"):
            refused(client.get(path), 401)
            refused(client.get(path, headers={"Authorization": "Bearer wrong-token"}), 401)
            assert client.get(path, headers=bearer).status_code == 200
        assert client.get("/api/session").json() == {"authenticated": False, "csrf": None}
        refused(client.post("/api/session", json={"token": "wrong"}), 401)
        refused(client.post("/api/audit", json={"yaml": THREE_TIER}), 401)


def test_the_ui_signs_in_with_the_token_and_then_needs_csrf(db_url: str) -> None:
    with make_client(db_url, token=TOKEN, host="0.0.0.0") as client:
        login = client.post("/api/session", json={"token": TOKEN})
        cookie = login.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie
        csrf = login.json()["csrf"]
        client.cookies.set(COOKIE, login.cookies[COOKIE])
        assert client.get("/api/projects").status_code == 200
        refused(client.post("/api/projects", json={"name": "x"}), 403)
        wrong = {"X-CSRF-Token": "0" * 64}
        refused(client.post("/api/projects", json={"name": "x"}, headers=wrong), 403)
        ok = client.post("/api/projects", json={"name": "x"}, headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 201
        client.cookies.set(COOKIE, "1.2.3")
        refused(client.get("/api/projects"), 401)


def test_loopback_changes_need_the_session_csrf_too(api: Api) -> None:
    refused(api.client.post("/api/projects", json={"name": "x"}), 403)
    api.client.cookies.clear()
    refused(api.client.get("/api/projects"), 401)


def test_every_response_carries_the_content_security_policy(api: Api) -> None:
    for response in (
        api.get("/"),
        api.get("/static/js/app.js"),
        api.get("/api/projects"),
        api.get("/api/projects/nope"),
        api.client.post("/api/projects", json={}),
    ):
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    page = api.get("/").text
    assert "<script>" not in page and "onclick" not in page and "style=" not in page


def test_oversized_bodies_are_refused_before_parsing(api: Api) -> None:
    huge = "x" * 3_100_000
    assert "larger than" in refused(api.post("/api/validate", {"yaml": huge}), 413)

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 100_000

    streamed = api.client.post("/api/validate", content=chunks(), headers=api.headers)
    refused(streamed, 413)


def test_floods_are_rate_limited(tmp_path: Path) -> None:
    with make_client(f"sqlite:///{tmp_path / 'r.db'}", rate_per_minute=60, rate_burst=5) as c:
        statuses = [c.get("/api/health").status_code for _ in range(8)]
        assert statuses[:5] == [200] * 5 and statuses[-1] == 429
        assert c.get("/api/health").headers["retry-after"].isdigit()


def test_unknown_host_headers_are_refused(api: Api) -> None:
    refused(api.client.get("/api/projects", headers={"Host": "evil.example"}), 421)


def test_the_openapi_schema_documents_every_endpoint(api: Api) -> None:
    paths = set(api.get("/openapi.json").json()["paths"])
    expected = {
        "/api/projects",
        "/api/projects/{project_id}",
        "/api/projects/{project_id}/model",
        "/api/projects/{project_id}/versions",
        "/api/projects/{project_id}/versions/{number}",
        "/api/validate",
        "/api/audit",
        "/api/audit/sarif",
        "/api/cost",
        "/api/simulate",
        "/api/chaos",
        "/api/availability",
        "/api/compare",
        "/api/design",
        "/api/tradeoff",
        "/api/select",
        "/api/ask",
        "/api/schema",
        "/api/formats",
        "/api/export",
        "/api/jobs/availability",
        "/api/jobs/des",
        "/api/jobs/{job_id}",
        "/api/jobs/{job_id}/events",
        "/api/projects/{project_id}/conversations",
        "/api/projects/{project_id}/conversations/{session_id}",
        "/api/projects/{project_id}/conversations/{session_id}/turns",
        "/api/projects/{project_id}/conversations/{session_id}/verdicts",
        "/api/session",
        "/api/health",
    }
    assert paths == expected


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_is_a_model_or_a_4xx(sqlite_api: Api, text: str) -> None:
    for path in ("/api/audit", "/api/simulate"):
        response = sqlite_api.post(path, {"yaml": text})
        assert response.status_code in (200, 422), response.text[:300]
        assert "Traceback" not in response.text
