"""Projects and versions over HTTP, on SQLite and PostgreSQL: every save a version with
its diff, a stale save refused (412) and never lost."""

from __future__ import annotations

from web_client import HOSTILE, THREE_TIER, Api, refused


def _create(api: Api, name: str = "Shop", yaml: str | None = THREE_TIER) -> tuple[str, str]:
    response = api.post("/api/projects", {"name": name, "yaml": yaml, "author": "ana"})
    assert response.status_code == 201, response.text
    return response.json()["id"], response.headers.get("etag", "")


def test_create_list_get_rename_delete(api: Api) -> None:
    pid, etag = _create(api)
    assert etag.startswith('"')
    listed = api.get("/api/projects").json()["projects"]
    assert [(p["id"], p["name"], p["head"]) for p in listed] == [(pid, "Shop", 1)]
    assert api.get(f"/api/projects/{pid}").json()["name"] == "Shop"
    assert api.patch(f"/api/projects/{pid}", {"name": "Renamed"}).json()["name"] == "Renamed"
    assert api.delete(f"/api/projects/{pid}").status_code == 204
    refused(api.get(f"/api/projects/{pid}"), 404)
    refused(api.delete(f"/api/projects/{pid}"), 404)


def test_an_empty_project_has_no_model_until_its_first_save(api: Api) -> None:
    pid, _ = _create(api, yaml=None)
    refused(api.get(f"/api/projects/{pid}/model"), 404)
    first = api.put(f"/api/projects/{pid}/model", {"yaml": THREE_TIER})
    assert first.status_code == 201 and first.json()["number"] == 1
    assert first.json()["diff"].startswith("--- empty\n+++ v1\n")


def test_every_save_is_a_version_with_its_diff(api: Api) -> None:
    pid, etag = _create(api)
    edited = THREE_TIER.replace("replicas: 3", "replicas: 4", 1)
    assert edited != THREE_TIER
    saved = api.put(f"/api/projects/{pid}/model", {"yaml": edited}, headers={"If-Match": etag})
    assert saved.status_code == 201, saved.text
    body = saved.json()
    assert (body["number"], body["parent"], body["author"]) == (2, 1, "web")
    assert "-    replicas: 3\n+    replicas: 4\n" in body["diff"]
    assert saved.headers["etag"] == f'"{body["etag"]}"'
    head = api.get(f"/api/projects/{pid}/model")
    assert head.json()["yaml"] == edited and head.headers["etag"] == saved.headers["etag"]
    versions = api.get(f"/api/projects/{pid}/versions").json()["versions"]
    assert [v["number"] for v in versions] == [1, 2] and "yaml" not in versions[0]
    old = api.get(f"/api/projects/{pid}/versions/1").json()
    assert old["yaml"] == THREE_TIER and old["diff"].startswith("--- empty")
    refused(api.get(f"/api/projects/{pid}/versions/9"), 404)


def test_a_conflicting_save_is_refused_and_the_other_edit_kept(api: Api) -> None:
    pid, etag = _create(api)
    mine = THREE_TIER.replace("replicas: 3", "replicas: 5", 1)
    theirs = THREE_TIER.replace("replicas: 3", "replicas: 6", 1)
    assert api.put(f"/api/projects/{pid}/model", {"yaml": mine}, headers={"If-Match": etag})
    stale = api.put(f"/api/projects/{pid}/model", {"yaml": theirs}, headers={"If-Match": etag})
    message = refused(stale, 412)
    assert "version 2" in message and stale.json()["current_etag"]
    assert api.get(f"/api/projects/{pid}/model").json()["yaml"] == mine
    missing = api.put(f"/api/projects/{pid}/model", {"yaml": theirs})
    assert "If-Match" in refused(missing, 428)


def test_bad_input_is_a_clear_4xx(api: Api) -> None:
    pid, etag = _create(api)
    missing = refused(api.post("/api/projects", {"name": "x", "yaml": "a: 1"}), 422)
    assert missing == "model:1: name: required field is missing"
    refused(api.post("/api/projects", {"name": "", "yaml": None}), 422)
    refused(api.post("/api/projects", {"name": "   "}), 400)
    refused(api.post("/api/projects", {"name": "x", "bogus": 1}), 422)
    refused(api.post("/api/projects", [1, 2]), 422)
    refused(api.get("/api/projects/not-an-id"), 422)
    refused(api.get("/api/projects/" + "0" * 32), 404)
    refused(api.get(f"/api/projects/{pid}/versions/0"), 422)
    refused(api.get(f"/api/projects/{pid}/versions/99999999999999999999"), 422)
    bad = api.put(f"/api/projects/{pid}/model", {"yaml": "name: [\n"}, headers={"If-Match": etag})
    assert refused(bad, 422).startswith("model:")
    raw = api.client.post(
        "/api/projects", content=b"{not json", headers={**api.headers, "content-type": "x"}
    )
    refused(raw, 422)


def test_hostile_names_come_back_as_the_same_text(api: Api) -> None:
    name = '<script>alert(1)</script> "${x}" {{y}} ../../etc'
    pid, _ = _create(api, name=name, yaml=HOSTILE)
    assert api.get(f"/api/projects/{pid}").json()["name"] == name
    assert api.get(f"/api/projects/{pid}/model").json()["yaml"] == HOSTILE
