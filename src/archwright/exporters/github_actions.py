"""GitHub Actions: one CI workflow (lint, test, build, image scan) and one CD workflow per
service (build, push to GHCR, roll out to Kubernetes).

Built for zizmor and actionlint: every action pinned by commit SHA (from
`data/github_actions.yaml`), `permissions: {}` at the top and the least each job needs,
checkout without persisted credentials, and no `${{ }}` expression inside a `run:`
script: values reach scripts through `env:`, so nothing from an event or the model can
inject shell. Names in workflows are the sanitized service names, never model text.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from archwright.exporters._data import data_yaml
from archwright.exporters._frameworks import frameworks
from archwright.exporters._topology import topology
from archwright.exporters._yaml import dump_yaml
from archwright.exporters._yaml_block import Fixed
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture

EXPORTER = Exporter(
    name="github-actions",
    summary="GitHub Actions CI (lint, test, build, image scan) and CD per service",
    category="delivery",
    validator="check-jsonschema vendor.github-workflows, zizmor, actionlint, checkov",
)


def _settings() -> dict[str, Any]:
    data: dict[str, Any] = data_yaml("github_actions.yaml")
    return data


def _uses(name: str, **with_: str) -> dict[str, Any]:
    action = _settings()["actions"][name]
    step: dict[str, Any] = {
        "name": name.replace("-", " ").capitalize(),
        "uses": f"{action['uses']}@{action['sha']}",
    }
    if with_:
        step["with"] = with_
    return step


@cache
def _checkout() -> Fixed:
    """The checkout step, the same in every job that reads the repository: `Fixed`, so
    the YAML writer writes it once per place for the 4,583 CD workflows of a 10k design."""
    return Fixed(_uses("checkout", **{"persist-credentials": "false"}))


_READ = Fixed({"contents": "read"})  # a job's default permissions
_PUBLISH = Fixed({"contents": "read", "packages": "write"})
_LOGIN = Fixed(
    {
        "name": "Log in to GHCR",
        "env": {"REGISTRY_TOKEN": "${{ secrets.GITHUB_TOKEN }}"},
        "run": 'echo "$REGISTRY_TOKEN" | docker login ghcr.io -u "$GITHUB_ACTOR" --password-stdin',
    }
)


@cache
def _install_kubectl() -> Fixed:
    """The roll-out's first step, the same in every CD workflow (`Fixed`)."""
    return Fixed(
        {
            "name": "Install kubectl",
            "env": {"KUBECTL_VERSION": _settings()["tools"]["kubectl_version"]},
            "run": 'curl -fsSLo kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}'
            '/bin/linux/amd64/kubectl"\nchmod +x kubectl',
        }
    )


def _job(name: str, steps: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    job: dict[str, Any] = {
        "name": name,
        "runs-on": "ubuntu-22.04",
        "permissions": _READ,
        "timeout-minutes": 15,
    }
    job.update(extra)
    job["steps"] = steps
    return job


def ci_workflow(services: list[str]) -> dict[str, Any]:
    """The CI workflow: lint and contract tests on every push and pull request, then each
    service's image built and scanned when there are services."""
    tools = _settings()["tools"]
    setup = _uses("setup-python", **{"python-version": tools["python"]})
    jobs: dict[str, Any] = {
        "lint": _lint_job(tools, setup),
        "test": _test_job(setup),
    }
    if services:
        jobs["build"] = _build_job(tools, services)
    return {
        "name": "CI",
        "on": {"push": {"branches": ["main"]}, "pull_request": {"branches": ["main"]}},
        "permissions": {},
        "concurrency": {"group": "ci-${{ github.ref }}", "cancel-in-progress": True},
        "jobs": jobs,
    }


def _lint_job(tools: dict[str, Any], setup: dict[str, Any]) -> dict[str, Any]:
    """Ruff over the services' Python and Hadolint over every Dockerfile, at the pinned
    tool versions."""
    return _job(
        "Lint",
        [
            _checkout(),
            setup,
            {
                "name": "Ruff",
                "run": f"python -m pip install ruff=={tools['ruff']}\nruff check services",
            },
            {
                "name": "Hadolint",
                "env": {"HADOLINT_IMAGE": tools["hadolint_image"]},
                "run": "for f in services/*/Dockerfile; do\n"
                '  docker run --rm -i "$HADOLINT_IMAGE" < "$f"\ndone',
            },
        ],
    )


def _test_job(setup: dict[str, Any]) -> dict[str, Any]:
    """Each service's contract tests in its own toolchain (Python, Express, Spring Boot),
    skipping a service that is not of that framework."""
    return _job(
        "Test",
        [
            _checkout(),
            setup,
            {
                "name": "Contract tests (Python services)",
                "run": "for d in services/*/; do\n"
                '  [ -f "$d/requirements-dev.txt" ] || continue\n'
                '  python -m pip install -r "$d/requirements-dev.txt"\n'
                '  (cd "$d" && python -m unittest discover)\ndone',
            },
            {
                "name": "Contract tests (Express services)",
                "env": {"NODE_IMAGE": frameworks()["express"].image},
                "run": "for d in services/*/; do\n"
                '  [ -f "$d/package.json" ] || continue\n'
                '  docker run --rm -v "$PWD/$d:/app" -w /app "$NODE_IMAGE" \\\n'
                '    sh -c "npm install --no-audit --no-fund && npm test"\ndone',
            },
            {
                "name": "Contract tests (Spring Boot services)",
                "env": {"MAVEN_IMAGE": frameworks()["spring-boot"].build_image},
                "run": "for d in services/*/; do\n"
                '  [ -f "$d/pom.xml" ] || continue\n'
                '  docker run --rm -v "$PWD/$d:/app" -w /app "$MAVEN_IMAGE" \\\n'
                "    mvn -q -B test\ndone",
            },
        ],
    )


def _build_job(tools: dict[str, Any], services: list[str]) -> dict[str, Any]:
    """One matrix job per service: build the image and fail on the fixable HIGH or
    CRITICAL vulnerabilities Trivy finds, after lint and tests pass."""
    return _job(
        "Build and scan",
        [
            _checkout(),
            {
                "name": "Build image",
                "env": {"SERVICE": "${{ matrix.service }}"},
                "run": 'docker build -t "local/${SERVICE}:${GITHUB_SHA}" "services/${SERVICE}"',
            },
            {
                "name": "Scan image",
                "env": {
                    "SERVICE": "${{ matrix.service }}",
                    "TRIVY_IMAGE": tools["trivy_image"],
                },
                "run": "docker run --rm -v /var/run/docker.sock:/var/run/docker.sock "
                '"$TRIVY_IMAGE" image --exit-code 1 --ignore-unfixed '
                '--severity HIGH,CRITICAL "local/${SERVICE}:${GITHUB_SHA}"',
            },
        ],
        needs=["lint", "test"],
        strategy={"fail-fast": False, "matrix": {"service": services}},
    )


def cd_workflow(service: str, namespace: str) -> dict[str, Any]:
    image = "ghcr.io/${GITHUB_REPOSITORY,,}/" + service + ":${GITHUB_SHA}"
    publish = _job(
        "Publish image",
        [
            _checkout(),
            _LOGIN,
            {
                "name": "Build and push",
                "run": f'docker build -t "{image}" "services/{service}"\ndocker push "{image}"',
            },
        ],
        permissions=_PUBLISH,
    )
    deploy = _job(
        "Roll out",
        [
            _install_kubectl(),
            {
                "name": "Set image",
                "env": {"KUBE_CONFIG": "${{ secrets.KUBE_CONFIG }}"},
                "run": 'umask 077\nprintf \'%s\' "$KUBE_CONFIG" > "$RUNNER_TEMP/kubeconfig"\n'
                f'./kubectl --kubeconfig "$RUNNER_TEMP/kubeconfig" -n {namespace} '
                f'set image deployment/{service} app="{image}"\n'
                f'./kubectl --kubeconfig "$RUNNER_TEMP/kubeconfig" -n {namespace} '
                f"rollout status deployment/{service} --timeout=5m",
            },
        ],
        needs=["publish"],
        environment="production",
        permissions={},
    )
    return {
        "name": f"Deploy {service}",
        "on": {
            "push": {"branches": ["main"], "paths": [f"services/{service}/**"]},
            "workflow_dispatch": {},
        },
        "permissions": {},
        "concurrency": {"group": f"deploy-{service}", "cancel-in-progress": False},
        "jobs": {"publish": publish, "deploy": deploy},
    }


def render(arch: Architecture) -> Files:
    from archwright.exporters._names import dns_label

    topo = topology(arch)
    services = [topo.dns(c.id) for c in topo.services]
    namespace = dns_label(arch.name) or "archwright"
    files: Files = {".github/workflows/ci.yml": _dump(ci_workflow(services))}
    for service in services:
        files[f".github/workflows/deploy-{service}.yml"] = _dump(cd_workflow(service, namespace))
    return files


def _dump(workflow: dict[str, Any]) -> str:
    """YAML, with the version each pinned SHA stands for as a trailing comment."""
    text = dump_yaml(workflow)
    for action in _settings()["actions"].values():
        pinned = f"{action['uses']}@{action['sha']}"
        text = text.replace(pinned + "\n", f"{pinned} # {action['version']}\n")
    return text
