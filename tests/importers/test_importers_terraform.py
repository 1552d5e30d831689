"""Terraform: count/for_each expansion, GCP/Azure caller edges, the limited HCL parser."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from archwright.importers import _hcl, terraform
from archwright.importers.importer import ImportProblem


def _tf(tmp_path: Path, text: str, **more: str) -> Path:
    (tmp_path / "main.tf").write_text(text)
    for name, body in more.items():
        (tmp_path / name).mkdir(exist_ok=True)
        (tmp_path / name / "main.tf").write_text(body)
    return tmp_path


def test_count_from_variable_default_is_replicas_and_zero_is_not_deployed(tmp_path: Path) -> None:
    result = terraform.parse(
        _tf(
            tmp_path,
            'variable "web_count" { default = 3 }\n'
            'resource "aws_instance" "web" {\n  count = var.web_count\n}\n'
            'resource "aws_instance" "canary" {\n  count = 0\n}\n'
            'resource "aws_instance" "odd" {\n  count = length(var.zones)\n}\n',
        )
    )
    comps = {c.id: c for c in result.architecture.components}
    assert sorted(comps) == ["aws_instance.odd", "aws_instance.web"]
    assert comps["aws_instance.web"].replicas == 3
    assert comps["aws_instance.odd"].replicas == 1
    lines = [x.line() for x in result.losses]
    assert any("aws_instance.canary" in x and "count is 0" in x for x in lines)
    assert any("aws_instance.odd.count" in x and "computed" in x for x in lines)


def test_for_each_literal_and_variable_expand_with_references(tmp_path: Path) -> None:
    arch = terraform.parse(
        _tf(
            tmp_path,
            'variable "queues" { default = ["orders", "mail"] }\n'
            'resource "aws_sqs_queue" "q" {\n  for_each = toset(var.queues)\n'
            '  name = "q-${each.key}"\n}\n'
            'resource "aws_lambda_function" "fn" {\n  for_each = {a = 1, b = 2}\n'
            "  function_name = each.key\n"
            '  environment {\n    variables = { QUEUE = aws_sqs_queue.q["orders"].url }\n  }\n}\n'
            'resource "aws_lambda_function" "all" {\n'
            '  environment {\n    variables = { QUEUES = join(",", '
            "[for q in aws_sqs_queue.q : q.url]) }\n  }\n}\n",
        )
    ).architecture
    ids = sorted(c.id for c in arch.components)
    assert ids == [
        "aws_lambda_function.all",
        'aws_lambda_function.fn["a"]',
        'aws_lambda_function.fn["b"]',
        'aws_sqs_queue.q["mail"]',
        'aws_sqs_queue.q["orders"]',
    ]
    edges = sorted((c.source, c.target) for c in arch.connections)
    assert edges == [
        ("aws_lambda_function.all", 'aws_sqs_queue.q["mail"]'),
        ("aws_lambda_function.all", 'aws_sqs_queue.q["orders"]'),
        ('aws_lambda_function.fn["a"]', 'aws_sqs_queue.q["orders"]'),
        ('aws_lambda_function.fn["b"]', 'aws_sqs_queue.q["orders"]'),
    ]


def test_module_inputs_override_variable_defaults(tmp_path: Path) -> None:
    arch = terraform.parse(
        _tf(
            tmp_path,
            'module "app" {\n  source = "./app"\n  size = 4\n}\n',
            app='variable "size" { default = 1 }\n'
            'resource "aws_instance" "node" {\n  count = var.size\n}\n',
        )
    ).architecture
    assert arch.component("module.app.aws_instance.node").replicas == 4


def test_gcp_firewall_tags_and_service_accounts_give_caller_edges(tmp_path: Path) -> None:
    arch = terraform.parse(
        _tf(
            tmp_path,
            'resource "google_service_account" "api" { account_id = "api" }\n'
            'resource "google_compute_instance" "web" {\n  tags = ["web"]\n}\n'
            'resource "google_compute_instance" "api" {\n  tags = ["api"]\n'
            "  service_account {\n    email = google_service_account.api.email\n  }\n}\n"
            'resource "google_compute_instance" "db" {\n  tags = ["db"]\n}\n'
            'resource "google_compute_firewall" "web_to_api" {\n  network = "default"\n'
            '  allow {\n    protocol = "tcp"\n  }\n  source_tags = ["web"]\n'
            '  target_tags = ["api"]\n}\n'
            'resource "google_compute_firewall" "api_to_db" {\n  network = "default"\n'
            '  allow {\n    protocol = "tcp"\n  }\n'
            "  source_service_accounts = [google_service_account.api.email]\n"
            '  target_tags = ["db"]\n}\n'
            'resource "google_compute_firewall" "public_web" {\n  network = "default"\n'
            '  allow {\n    protocol = "tcp"\n  }\n  source_ranges = ["0.0.0.0/0"]\n'
            '  target_tags = ["web"]\n}\n'
            'resource "google_compute_firewall" "deny" {\n  network = "default"\n'
            '  deny {\n    protocol = "tcp"\n  }\n  source_tags = ["db"]\n'
            '  target_tags = ["web"]\n}\n',
        )
    ).architecture
    edges = sorted((c.source, c.target) for c in arch.connections)
    assert edges == [
        ("google_compute_instance.api", "google_compute_instance.db"),
        ("google_compute_instance.web", "google_compute_instance.api"),
    ]
    assert [c.id for c in arch.components if c.public] == ["google_compute_instance.web"]
    first = next(c for c in arch.connections if c.source == "google_compute_instance.web")
    assert first.properties["confidence"] == "confirmed"
    assert "google_compute_firewall.web_to_api" in first.properties["evidence"][0]


def test_azure_nsg_rules_between_application_security_groups(tmp_path: Path) -> None:
    vm = (
        'resource "azurerm_linux_virtual_machine" "{n}" {{\n'
        "  network_interface_ids = [azurerm_network_interface.{n}.id]\n}}\n"
        'resource "azurerm_network_interface" "{n}" {{ name = "{n}" }}\n'
        'resource "azurerm_application_security_group" "{n}" {{ name = "{n}" }}\n'
        'resource "azurerm_network_interface_application_security_group_association" "{n}" {{\n'
        "  network_interface_id = azurerm_network_interface.{n}.id\n"
        "  application_security_group_id = azurerm_application_security_group.{n}.id\n}}\n"
    )
    text = "".join(vm.format(n=n) for n in ("web", "app", "db"))
    text += (
        'resource "azurerm_network_security_group" "main" {\n'
        "  security_rule {\n"
        '    name = "web-app"\n    direction = "Inbound"\n    access = "Allow"\n'
        "    source_application_security_group_ids = "
        "[azurerm_application_security_group.web.id]\n"
        "    destination_application_security_group_ids = "
        "[azurerm_application_security_group.app.id]\n  }\n"
        "  security_rule {\n"
        '    name = "internet-web"\n    direction = "Inbound"\n    access = "Allow"\n'
        '    source_address_prefix = "Internet"\n'
        "    destination_application_security_group_ids = "
        "[azurerm_application_security_group.web.id]\n  }\n"
        "  security_rule {\n"
        '    name = "app-db-denied"\n    direction = "Inbound"\n    access = "Deny"\n'
        "    source_application_security_group_ids = "
        "[azurerm_application_security_group.app.id]\n"
        "    destination_application_security_group_ids = "
        "[azurerm_application_security_group.db.id]\n  }\n}\n"
        'resource "azurerm_network_security_rule" "app_db" {\n'
        '  direction = "Inbound"\n  access = "Allow"\n'
        "  source_application_security_group_ids = [azurerm_application_security_group.app.id]\n"
        "  destination_application_security_group_ids = "
        "[azurerm_application_security_group.db.id]\n}\n"
    )
    result = terraform.parse(_tf(tmp_path, text))
    arch = result.architecture
    edges = sorted((c.source, c.target) for c in arch.connections)
    assert edges == [
        ("azurerm_linux_virtual_machine.app", "azurerm_linux_virtual_machine.db"),
        ("azurerm_linux_virtual_machine.web", "azurerm_linux_virtual_machine.app"),
    ]
    assert [c.id for c in arch.components if c.public] == ["azurerm_linux_virtual_machine.web"]
    assert not [x for x in result.losses if "azurerm_network_interface" in x.key]


def _children(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every parser child `_hcl` starts, kept so a test can ask how each one ended."""
    started: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def spy(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        proc: subprocess.Popen[bytes] = real(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(_hcl.subprocess, "Popen", spy)
    return started


def test_hcl_parser_stuck_on_input_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    # No wall clock: the refusal names the startup limit, and the child, which would
    # sleep 60 s and then exit 0 ("stopped (exit 0)"), was killed by the parent instead.
    monkeypatch.setattr(_hcl, "_WORKER", "import time\ntime.sleep(60)\n")
    monkeypatch.setattr(_hcl, "STARTUP_SECONDS", 0.5)
    children = _children(monkeypatch)
    with pytest.raises(ImportProblem, match=r"hostile\.tf: HCL parser did not start within 0\.5 s"):
        _hcl.parse_hcl("a = 1\n", "hostile.tf", timeout=0.5)
    assert [c.returncode for c in children] == [-signal.SIGKILL]


def test_hcl_parse_time_starts_after_the_parser_is_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    worker = "import sys, time\nsys.stdout.write('ready\\n')\nsys.stdout.flush()\ntime.sleep(60)\n"
    monkeypatch.setattr(_hcl, "_WORKER", worker)
    children = _children(monkeypatch)
    with pytest.raises(ImportProblem, match=r"hostile\.tf: HCL parse took over 0\.5 s"):
        _hcl.parse_hcl("a = 1\n", "hostile.tf", timeout=0.5)
    assert [c.returncode for c in children] == [-signal.SIGKILL]


def test_hcl_parser_over_its_cpu_limit_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_hcl, "_WORKER", "while True:\n    pass\n")
    real = _hcl._limits
    monkeypatch.setattr(_hcl, "_limits", lambda cpu: real(1))  # CPU limit before wall clock
    with pytest.raises(ImportProblem, match="CPU limit"):
        _hcl.parse_hcl("a = 1\n", "spin.tf", timeout=30.0)


def test_hcl_parser_over_its_memory_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_hcl, "_WORKER", "x = bytearray(4 * 1024 ** 3)\n")
    with pytest.raises(ImportProblem, match="could not run"):
        _hcl.parse_hcl("a = 1\n", "big.tf")


def test_many_files_parse_in_one_child_with_errors_named(tmp_path: Path) -> None:
    good = [("a = 1\n", "a.tf"), ('b = "x"\n', "b.tf")]
    assert _hcl.parse_hcl_files(good) == [{"a": 1}, {"b": "x"}]
    with pytest.raises(ImportProblem, match=r"^c\.tf.*invalid HCL"):
        _hcl.parse_hcl_files([*good, ("resource {{{\n", "c.tf")])


def test_for_each_values_known_and_computed() -> None:
    from archwright.importers._tfexpand import count_of, for_each_keys

    assert for_each_keys('${toset(["a", "b"])}', {}) == {"a": "a", "b": "b"}
    assert for_each_keys("${var.m}", {"m": {"x": {"size": 1}}}) == {"x": {"size": 1}}
    assert for_each_keys("${toset(var.l)}", {"l": ["p", "q"]}) == {"p": "p", "q": "q"}
    assert for_each_keys("${{for k in var.l : k => k}}", {"l": ["p"]}) is None
    assert for_each_keys("${var.unset}", {}) is None
    assert count_of("${var.n}", {"n": "2"}) == 2
    assert count_of("${var.on ? 1 : 0}", {"on": True}) is None
    assert count_of(True, {}) is None
    assert count_of(10**9, {}) == 1000  # bounded


def test_module_blocks_a_local_child_is_followed_others_are_reported(tmp_path: Path) -> None:
    """A local module's resources are read under its address; a remote source and a
    local folder that does not exist are each one loss, and the rest still imports."""
    root = _tf(
        tmp_path,
        'module "net" {\n  source = "./net"\n}\n'
        'module "gone" {\n  source = "./nowhere"\n}\n'
        'module "remote" {\n  source = "git::https://example.com/mod.git"\n}\n'
        'resource "aws_instance" "web" {}\n'
        'data "aws_ami" "base" {}\n'
        'output "ip" {\n  value = 1\n}\n',
        net='resource "aws_s3_bucket" "logs" {}\n',
    )
    result = terraform.parse(root)
    ids = sorted(c.id for c in result.architecture.components)
    assert ids == ["aws_instance.web", "module.net.aws_s3_bucket.logs"]
    lines = [x.line() for x in result.losses]
    assert any("module.gone" in x and "'./nowhere' not found" in x for x in lines), lines
    assert any("module.remote" in x and "is not local; not followed" in x for x in lines), lines
