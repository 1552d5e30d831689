"""The workbench in Chromium: design from text, audit highlights, the RPS slider, chaos,
YAML ↔ canvas sync, hand-placed nodes, a refused conflicting save, hostile names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from browser_support import Other, shot, wait_for

ROOT = Path(__file__).resolve().parents[2]
THREE_TIER = (ROOT / "examples" / "three_tier.yaml").read_text(encoding="utf-8")
HOSTILE = (ROOT / "tests" / "exporters" / "hostile.yaml").read_text(encoding="utf-8")


def _open(page: Any, server: str, name: str, yaml: str) -> str:
    """Create a project through the API (another user) and open it in the page."""
    made = Other(server).call("POST", "/api/projects", json={"name": name, "yaml": yaml})
    assert made.status_code == 201, made.text
    pid = str(made.json()["id"])
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    page.select_option("#project-select", pid)
    wait_for(page, "document.getElementById('status').textContent.startsWith('Version')")
    page.wait_for_selector("#cy[data-layout='done']")
    return pid


def _tab(page: Any, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def _click_node(page: Any, node_id: str) -> None:
    box = page.locator("#cy").bounding_box()
    pos = page.evaluate(f"window.AW.cy.getElementById({node_id!r}).renderedPosition()")
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def test_a_project_designed_from_text_appears_on_the_canvas(page: Any) -> None:
    page.fill("#design-text", "An online shop for 50,000 daily users with payments and search")
    page.click("#design-go")
    count = wait_for(page, "window.AW.cy && window.AW.cy.nodes('[!boundary]').length")
    assert count >= 5
    assert page.locator("#project-select option:checked").inner_text().startswith("An online shop")
    assert page.input_value("#yaml").startswith("schema_version: '1'")
    groups = page.evaluate("window.AW.cy.nodes(':parent').map(n => n.id())")
    assert groups, "zones/regions/trust boundaries are drawn as compound groups"
    shot(page, "design-from-text")


def test_an_audit_finding_highlights_its_node(page: Any, server: str) -> None:
    _open(page, server, "Audit me", THREE_TIER)
    _tab(page, "Audit")
    finding = page.locator("#findings button.finding").first
    finding.wait_for()
    targets = finding.get_attribute("data-targets")
    finding.click()
    highlighted = wait_for(page, "window.AW.cy.nodes('.highlight').map(n => n.id())")
    assert sorted(highlighted) == sorted(json.loads(targets))
    assert page.inner_text("#highlighted") == "Highlighted: " + ", ".join(highlighted)
    shot(page, "audit-highlight")


def test_the_rps_slider_colours_nodes_and_moves_the_bottleneck(page: Any, server: str) -> None:
    _open(page, server, "Load me", THREE_TIER)
    _tab(page, "Simulate")
    page.locator("#rps").fill("300")  # 10^(1 + 5 * 0.3) ≈ 316 rps
    wait_for(page, "document.getElementById('rps-label').textContent.startsWith('316 ')")
    wait_for(page, "document.getElementById('bottleneck').textContent.includes('%')")
    low = page.inner_text("#bottleneck")
    assert page.inner_text("#hot") == "Everything under 80%"
    bottleneck = page.evaluate("window.AW.cy.nodes('.bottleneck').map(n => n.id())")
    assert len(bottleneck) == 1 and low.startswith(f"Bottleneck: {bottleneck[0]} at ")
    assert page.evaluate(f"window.AW.cy.getElementById({bottleneck[0]!r}).hasClass('util-ok')")
    page.locator("#rps").fill("800")  # 10^(1 + 5 * 0.8) = 100,000 rps
    wait_for(page, "document.getElementById('hot').textContent.startsWith('Over 80%')")
    high = page.inner_text("#bottleneck")
    assert high.startswith(f"Bottleneck: {bottleneck[0]} saturated")
    assert page.evaluate(
        f"window.AW.cy.getElementById({bottleneck[0]!r}).hasClass('util-saturated')"
    )
    assert bottleneck[0] in page.inner_text("#hot")
    shot(page, "simulate-slider")


def test_failing_a_component_animates_the_cascade(page: Any, server: str) -> None:
    _open(page, server, "Break me", THREE_TIER)
    _tab(page, "Chaos")
    _click_node(page, "db")
    wait_for(page, "document.getElementById('contained').textContent.length > 0", 20)
    steps = page.locator("#cascade li").all_inner_texts()
    assert steps[0].startswith("step 0: db failed")
    assert len(steps) >= 2
    failed = page.evaluate("window.AW.cy.nodes('.failed').map(n => n.id())")
    assert "db" in failed and len(failed) >= 2
    assert page.inner_text("#contained").startswith(("Contained by:", "Nothing contained"))
    shot(page, "chaos-cascade")


def test_the_cost_panel_shows_every_line_the_cli_prints(page: Any, server: str) -> None:
    """The panel's rows are the estimate's: components, then the network lines outside
    them (NAT gateways), then the total they sum to, as `archwright cost` prints."""
    from archwright.archfile import load_architecture
    from archwright.cost import monthly_cost
    from archwright.kb.catalog import load_catalog

    estimate = monthly_cost(
        load_architecture(ROOT / "examples" / "three_tier.yaml"), load_catalog(), None
    )
    assert estimate.network, "the three-tier example's private compute reaches out via NAT"
    _open(page, server, "Price me", THREE_TIER)
    _tab(page, "Cost")
    page.wait_for_selector("#cost-lines")
    rows = {
        r[0]: r[1]
        for r in page.evaluate(
            "[...document.querySelectorAll('#cost-lines tr')].slice(1)"
            ".map(r => [...r.cells].map(c => c.textContent))"
        )
    }

    def dollars(text: str) -> float:
        return float(text.removeprefix("$").replace(",", ""))

    assert list(rows)[: len(estimate.components)] == list(estimate.components)
    for line, c in estimate.network.items():
        assert dollars(rows[line]) == round(c.monthly)
    assert dollars(rows["total"]) == round(estimate.monthly_total)
    lines = [c for c in estimate.components.values() if c.priced and c.in_total]
    shown = sum(dollars(rows[cid]) for cid, c in estimate.components.items() if c in lines)
    shown += sum(dollars(rows[line]) for line in estimate.network)
    assert abs(shown - dollars(rows["total"])) <= len(rows)  # whole dollars, rounded per row
    shot(page, "cost-lines")


def test_editing_yaml_moves_the_canvas_and_dragging_moves_the_yaml(page: Any, server: str) -> None:
    pid = _open(page, server, "Edit me", THREE_TIER)
    edited = THREE_TIER.replace(
        "connections:", "  - id: audit-log\n    kind: object_store\nconnections:", 1
    )
    page.fill("#yaml", edited)
    wait_for(page, "window.AW.cy.getElementById('audit-log').nonempty()")
    page.fill("#yaml", THREE_TIER)
    wait_for(page, "window.AW.cy.getElementById('audit-log').empty()")
    box = page.locator("#cy").bounding_box()
    pos = page.evaluate("window.AW.cy.getElementById('cache').renderedPosition()")
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.mouse.down()
    page.mouse.move(box["x"] + pos["x"] + 60, box["y"] + pos["y"] + 80, steps=8)
    page.mouse.up()
    wait_for(page, "document.getElementById('yaml').value.includes('layout:')")
    placed = page.evaluate("window.AW.cy.getElementById('cache').position()")
    hint = yaml.safe_load(page.input_value("#yaml"))["properties"]["layout"]["cache"]
    assert hint == {"x": round(placed["x"]), "y": round(placed["y"])}
    page.click("#save")
    wait_for(page, "document.getElementById('status').textContent === 'Saved version 2'")
    shot(page, "yaml-sync")
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    page.select_option("#project-select", pid)
    wait_for(page, "document.getElementById('status').textContent === 'Version 2'")
    page.wait_for_selector("#cy[data-layout='done']")
    again = page.evaluate("window.AW.cy.getElementById('cache').position()")
    assert (round(again["x"]), round(again["y"])) == (hint["x"], hint["y"])


def test_a_conflicting_save_is_refused_in_the_page(page: Any, server: str) -> None:
    pid = _open(page, server, "Contended", THREE_TIER)
    other = Other(server)
    head = other.call("GET", f"/api/projects/{pid}/model")
    theirs = THREE_TIER.replace("replicas: 3", "replicas: 9", 1)
    saved = other.call(
        "PUT",
        f"/api/projects/{pid}/model",
        json={"yaml": theirs},
        headers={"If-Match": head.headers["etag"]},
    )
    assert saved.status_code == 201
    page.fill("#yaml", THREE_TIER.replace("replicas: 3", "replicas: 4", 1))
    page.click("#save")
    wait_for(page, "document.getElementById('status').textContent.startsWith('Save refused')")
    assert "version 2" in page.inner_text("#status")
    assert other.call("GET", f"/api/projects/{pid}/model").json()["yaml"] == theirs
    shot(page, "conflict-refused")


def test_hostile_names_render_as_text(page: Any, server: str) -> None:
    name = "<img src=x onerror=alert(1)><b>bold</b> ${x} {{y}}"
    _open(page, server, name, HOSTILE)
    assert page.locator("#project-select option:checked").inner_text() == name
    _tab(page, "Audit")
    page.locator("#findings button.finding").first.wait_for()
    assert (
        page.evaluate("document.querySelectorAll('main b, main img, header img, header b').length")
        == 0
    )
    labels = page.evaluate("window.AW.cy.nodes('[!boundary]').map(n => n.data('label'))")
    assert "<b>bold</b> & <i>x</i> &amp; &#34; #quot; #35;" in labels
    shot(page, "hostile-names")


def test_the_schema_form_edits_the_model_and_names_bad_values(page: Any, server: str) -> None:
    _open(page, server, "Form me", THREE_TIER)
    _click_node(page, "api")
    replicas = page.locator("#form input[name='replicas']")
    assert replicas.input_value() == "3"
    replicas.fill("-1")
    replicas.dispatch_event("change")
    assert page.inner_text("#form .problem[data-field='replicas']") == "must be at least 0"
    replicas.fill("5")
    replicas.dispatch_event("change")
    wait_for(
        page,
        "document.querySelector('#form .problem[data-field=replicas]').textContent === ''",
    )
    api = next(
        c for c in yaml.safe_load(page.input_value("#yaml"))["components"] if c["id"] == "api"
    )
    assert api["replicas"] == 5
    page.fill("#yaml", page.input_value("#yaml").replace("replicas: 5", "replicas: -3", 1))
    wait_for(page, "document.getElementById('yaml-error').textContent.includes('replicas')")
    wait_for(
        page, "document.querySelector('#form .problem[data-field=replicas]').textContent !== ''"
    )
    assert (
        page.inner_text("#form .problem[data-field='replicas']")
        == "-3 is out of bounds: must be at least 0"
    )
    shot(page, "schema-form")


def _ask(page: Any, question: str) -> Any:
    """Ask in the chat panel; return the new turn once its answer (or error) is shown."""
    page.wait_for_selector("#chat-turns[data-ready='1']", state="attached")
    before = page.locator("#chat-turns li.turn").count()
    page.fill("#chat-question", question)
    page.press("#chat-question", "Enter")
    turn = page.locator("#chat-turns li.turn").nth(before)
    wait_for(
        page,
        f"(t => t && t.querySelector('pre.answer, p.error'))"
        f"(document.querySelectorAll('#chat-turns li.turn')[{before}])",
        60,
    )
    return turn


def test_the_chat_panel_answers_with_numbers_and_edits_on_acceptance(
    page: Any, server: str
) -> None:
    from archwright.advise.ask import answer
    from archwright.archfile import parse_architecture

    pid = _open(page, server, "Ask me", THREE_TIER)
    other = Other(server)
    _tab(page, "Ask")
    turn = _ask(page, "what if db goes down?")
    direct = answer(
        "what if db goes down?", parse_architecture(THREE_TIER), arch_name="archwright.yaml"
    )
    assert turn.locator("pre.answer").inner_text() == direct.text
    assert (
        turn.locator("code").inner_text()
        == direct.command
        == ("archwright chaos archwright.yaml --fail db")
    )
    assert turn.locator("table.figures tr").count() == len(direct.figures) + 1
    # An edit: the diff and the deltas are shown; refusing leaves the project unchanged.
    turn = _ask(page, "add a read replica to db")
    assert "+  read_replicas: 2" in turn.locator("pre.diff").inner_text()
    assert "monthly cost" in turn.locator("table.deltas").inner_text()
    turn.locator("button.refuse").click()
    assert turn.locator(".verdict").inner_text() == "Refused: the project is unchanged."
    head = other.call("GET", f"/api/projects/{pid}/model").json()
    assert head["number"] == 1 and head["yaml"] == THREE_TIER
    assert page.input_value("#yaml") == THREE_TIER
    # Accepting saves the edited model as a new version, through If-Match.
    turn = _ask(page, "add a read replica to db")
    turn.locator("button.accept").click()
    wait_for(page, "document.getElementById('status').textContent === 'Saved version 2'")
    assert turn.locator(".verdict").inner_text() == "Accepted: saved as version 2."
    saved = other.call("GET", f"/api/projects/{pid}/model").json()
    db = next(c for c in yaml.safe_load(saved["yaml"])["components"] if c["id"] == "db")
    assert db["read_replicas"] == 2 and saved["yaml"] == page.input_value("#yaml")
    shot(page, "chat-accepted")


def test_the_chat_refuses_an_edit_when_someone_saved_meanwhile(page: Any, server: str) -> None:
    pid = _open(page, server, "Ask contended", THREE_TIER)
    other = Other(server)
    _tab(page, "Ask")
    turn = _ask(page, "add a read replica to db")
    head = other.call("GET", f"/api/projects/{pid}/model")
    theirs = THREE_TIER.replace("replicas: 3", "replicas: 9", 1)
    saved = other.call(
        "PUT",
        f"/api/projects/{pid}/model",
        json={"yaml": theirs},
        headers={"If-Match": head.headers["etag"]},
    )
    assert saved.status_code == 201
    turn.locator("button.accept").click()
    wait_for(page, "document.querySelector('#chat-turns .verdict')")
    assert turn.locator(".verdict").inner_text().startswith("Not applied: the save was refused")
    assert other.call("GET", f"/api/projects/{pid}/model").json()["yaml"] == theirs
    assert page.input_value("#yaml") == THREE_TIER


def test_hostile_questions_and_names_in_the_chat_stay_text(page: Any, server: str) -> None:
    _open(page, server, "Ask hostile", HOSTILE)
    _tab(page, "Ask")
    question = "<img src=x onerror=alert(1)><b>bold</b> what does this cost?"
    turn = _ask(page, question)
    assert turn.locator(".question").inner_text() == question
    from archwright.advise.ask import answer
    from archwright.archfile import parse_architecture

    direct = answer(question, parse_architecture(HOSTILE), arch_name="archwright.yaml")
    assert "${x}" in direct.text and turn.locator("pre.answer").inner_text() == direct.text
    assert page.evaluate("document.querySelectorAll('#panel img, #panel b').length") == 0
    shot(page, "chat-hostile")


def test_a_million_request_des_streams_progress_and_cancels(page: Any, server: str) -> None:
    _open(page, server, "Simulate long", THREE_TIER)
    _tab(page, "Simulate")
    jobs: list[str] = []
    page.on(
        "request",
        lambda r: jobs.append(r.url.rsplit("/", 1)[1]) if r.method == "DELETE" else None,
    )
    page.click("#des-go")
    wait_for(page, "document.getElementById('des-progress').textContent.startsWith('Running')")
    shot(page, "des-running")
    page.click("#des-cancel")
    wait_for(page, "document.getElementById('des-progress').textContent === 'Cancelled'", 15)
    assert len(jobs) == 1
    job = Other(server).call("GET", f"/api/jobs/{jobs[0]}").json()
    assert job["kind"] == "des" and job["state"] == "cancelled"


def test_the_conversation_is_kept_and_resumed_after_a_reload(page: Any, server: str) -> None:
    """The chat is a store conversation of the project: a reload (or another browser)
    finds the questions, the answers and the verdict on an edit where they were."""
    pid = _open(page, server, "Ask kept", THREE_TIER)
    _tab(page, "Ask")
    first = _ask(page, "what if db goes down?")
    answered = first.locator("pre.answer").inner_text()
    turn = _ask(page, "add a read replica to db")
    turn.locator("button.refuse").click()
    wait_for(page, "document.querySelector('#chat-turns .verdict')")
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    page.select_option("#project-select", pid)
    wait_for(page, "document.getElementById('status').textContent.startsWith('Version')")
    _tab(page, "Ask")
    page.wait_for_selector("#chat-turns[data-ready='1']", state="attached")
    turns = page.locator("#chat-turns li.turn")
    assert turns.count() == 2
    assert turns.nth(0).locator(".question").inner_text() == "what if db goes down?"
    assert turns.nth(0).locator("pre.answer").inner_text() == answered
    assert turns.nth(1).locator(".verdict").inner_text() == "Refused: the project is unchanged."
    # Another user (another replica, for all the store knows) sees the same conversation.
    listed = Other(server).call("GET", f"/api/projects/{pid}/conversations").json()
    chat = Other(server).call(
        "GET", f"/api/projects/{pid}/conversations/{listed['conversations'][-1]['id']}"
    )
    roles = [m["role"] for m in chat.json()["messages"]]
    assert roles == ["user", "assistant", "user", "assistant", "system"]
    # Asking again continues the same conversation.
    _ask(page, "what does it cost?")
    assert page.locator("#chat-turns li.turn").count() == 3
    shot(page, "chat-resumed")
