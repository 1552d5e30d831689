"""The chat panel's conversation is a store session, as `archwright ask --session` keeps
one: listed per project, read back in order from another replica, answered by the same
`advise.ask.answer`, closed to anyone without the token, and bad input is a clear 4xx."""

from __future__ import annotations

from web_client import THREE_TIER, TOKEN, Api, make_client, refused

from archwright.advise.ask import Conversation, answer
from archwright.archfile import parse_architecture
from archwright.store import Role, Store

ARCH = parse_architecture(THREE_TIER)


def _project(api: Api, name: str = "shop") -> str:
    made = api.post("/api/projects", {"name": name, "yaml": THREE_TIER})
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def _conversation(api: Api, pid: str, title: str = "capacity") -> str:
    made = api.post(f"/api/projects/{pid}/conversations", {"title": title})
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_a_web_conversation_is_the_store_session_ask_keeps(api: Api, db_url: str) -> None:
    pid = _project(api)
    sid = _conversation(api, pid)
    url = f"/api/projects/{pid}/conversations/{sid}"
    turn = api.post(url + "/turns", {"yaml": THREE_TIER, "question": "what if db goes down?"})
    assert turn.status_code == 201, turn.text
    direct = answer("what if db goes down?", ARCH, arch_name="archwright.yaml")
    assert turn.json()["answer"]["text"] == direct.text
    assert turn.json()["answer"]["payload"]["command"] == direct.command
    # What `ask --session` reads back: the same store rows, through the same class.
    store = Store(db_url, upgrade=False)
    kept = Conversation(store, sid, pid)
    assert kept.questions() == ["what if db goes down?"]
    said = kept.messages()[-1]
    assert said.role is Role.ASSISTANT and said.payload["intent"] == direct.intent
    assert "## Q: what if db goes down?" in kept.export_markdown("capacity")
    store.close()


def test_the_conversation_resumes_from_another_replica(db_url: str) -> None:
    with make_client(db_url) as a_client, make_client(db_url) as b_client:
        a = Api(a_client, a_client.get("/api/session").json()["csrf"])
        b = Api(b_client, b_client.get("/api/session").json()["csrf"])
        pid = _project(a)
        sid = _conversation(a, pid)
        url = f"/api/projects/{pid}/conversations/{sid}"
        first = a.post(url + "/turns", {"yaml": THREE_TIER, "question": "what does it cost?"})
        assert first.status_code == 201, first.text
        listed = b.get(f"/api/projects/{pid}/conversations").json()["conversations"]
        assert [c["id"] for c in listed] == [sid] and listed[0]["title"] == "capacity"
        second = b.post(url + "/turns", {"yaml": THREE_TIER, "question": "can this take 10x?"})
        assert second.status_code == 201, second.text
        messages = a.get(url).json()["messages"]
    assert [m["position"] for m in messages] == [1, 2, 3, 4]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 2
    assert [m["text"] for m in messages[::2]] == ["what does it cost?", "can this take 10x?"]


def test_an_accepted_edit_is_recorded_with_its_version(api: Api) -> None:
    pid = _project(api)
    sid = _conversation(api, pid)
    url = f"/api/projects/{pid}/conversations/{sid}"
    turn = api.post(url + "/turns", {"yaml": THREE_TIER, "question": "add a read replica to db"})
    said = turn.json()["answer"]
    edit = said["payload"]["edit"]
    head = api.get(f"/api/projects/{pid}/model")
    saved = api.put(
        f"/api/projects/{pid}/model",
        {"yaml": edit["new_text"]},
        headers={"If-Match": head.headers["etag"]},
    )
    assert saved.status_code == 201
    verdict = {"answer": said["position"], "verdict": "accepted", "version": 2}
    noted = api.post(url + "/verdicts", verdict)
    assert noted.status_code == 201, noted.text
    assert noted.json()["text"] == "Accepted: saved as version 2."
    last = api.get(url).json()["messages"][-1]
    assert last["role"] == "system" and last["payload"] == {**verdict}


def test_conversations_are_per_project(api: Api) -> None:
    mine, theirs = _project(api, "mine"), _project(api, "theirs")
    sid = _conversation(api, mine)
    assert api.get(f"/api/projects/{theirs}/conversations").json() == {"conversations": []}
    refused(api.get(f"/api/projects/{theirs}/conversations/{sid}"), 404)
    body = {"yaml": THREE_TIER, "question": "what does it cost?"}
    refused(api.post(f"/api/projects/{theirs}/conversations/{sid}/turns", body), 404)
    assert api.get(f"/api/projects/{mine}/conversations/{sid}").json()["messages"] == []


def test_a_cli_session_about_no_project_is_not_reachable(api: Api, db_url: str) -> None:
    pid = _project(api)
    store = Store(db_url, upgrade=False)
    loose = store.create_session(None, "scratch")
    store.close()
    refused(api.get(f"/api/projects/{pid}/conversations/{loose.id}"), 404)


def test_no_conversation_is_readable_without_the_token(db_url: str) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    with make_client(db_url, token=TOKEN) as client:
        pid = client.post("/api/projects", json={"name": "p"}, headers=bearer).json()["id"]
        url = f"/api/projects/{pid}/conversations"
        sid = client.post(url, json={"title": "t"}, headers=bearer).json()["id"]
        refused(client.get(url), 401)
        refused(client.get(f"{url}/{sid}"), 401)
        wrong = {"Authorization": "Bearer " + "x" * 40}
        refused(client.get(f"{url}/{sid}", headers=wrong), 401)
        turn = {"yaml": THREE_TIER, "question": "what does it cost?"}
        refused(client.post(f"{url}/{sid}/turns", json=turn), 401)
        assert client.get(f"{url}/{sid}", headers=bearer).status_code == 200


def test_bad_conversation_requests_are_clear_refusals(api: Api) -> None:
    pid = _project(api)
    sid = _conversation(api, pid)
    base = f"/api/projects/{pid}/conversations"
    url = f"{base}/{sid}"
    absent = "0" * 32
    refused(api.post(base, {"title": ""}), 422)
    refused(api.post(base, {"title": "x" * 201}), 422)
    refused(api.post(base, {"title": "   "}), 400)
    refused(api.post(f"/api/projects/{absent}/conversations", {"title": "t"}), 404)
    refused(api.get(f"/api/projects/{absent}/conversations"), 404)
    refused(api.get(f"{base}/not-an-id"), 422)
    refused(api.get(f"{base}/{absent}"), 404)
    refused(api.post(f"{url}/turns", {"yaml": THREE_TIER, "question": ""}), 422)
    refused(api.post(f"{url}/turns", {"yaml": THREE_TIER, "question": "q" * 2_001}), 422)
    refused(api.post(f"{url}/turns", {"yaml": "name: [", "question": "cost?"}), 422)
    refused(api.post(f"{url}/turns", {"question": "cost?"}), 422)
    refused(api.post(f"{url}/turns", {"yaml": THREE_TIER, "question": "q", "x": 1}), 422)
    refused(api.client.post(f"{url}/turns", content=b"{", headers=api.headers), 422)
    refused(api.post(f"{url}/verdicts", {"answer": 1, "verdict": "accepted"}), 400)
    said = api.post(f"{url}/turns", {"yaml": THREE_TIER, "question": "what does it cost?"})
    position = said.json()["answer"]["position"]
    refused(api.post(f"{url}/verdicts", {"answer": position, "verdict": "refused"}), 400)
    refused(api.post(f"{url}/verdicts", {"answer": position, "verdict": "maybe"}), 422)
    refused(api.post(f"{url}/verdicts", {"answer": 0, "verdict": "refused"}), 422)
    assert len(api.get(url).json()["messages"]) == 2, "nothing refused was recorded"
