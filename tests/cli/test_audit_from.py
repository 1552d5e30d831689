"""`archwright audit --from KIND PATH`: import and audit in one process, printing what
`archwright import KIND PATH -o arch.yaml` then `archwright audit arch.yaml` print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from archwright.archfile import dumps_architecture, parse_architecture
from archwright.cli.app import app
from archwright.cli.import_cmd import imported

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "importers" / "fixtures"
BOUTIQUE = FIXTURES / "online-boutique" / "kubernetes-manifests.yaml"
MISCONFIGURED = ROOT / "benchmarks" / "fixtures" / "misconfigured-aws"
CASES = [
    ("kubernetes", BOUTIQUE),
    ("kubernetes", FIXTURES / "sock-shop-k8s"),
    ("compose", FIXTURES / "example-voting-app-compose"),
    ("compose", FIXTURES / "eshoponcontainers"),
    ("terraform", FIXTURES / "terraform-aws-webapp"),
    ("terraform", MISCONFIGURED),
]
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def two_steps(kind: str, path: Path, tmp: Path, *audit_args: str) -> tuple[int, str, str]:
    """`import KIND PATH -o arch.yaml`, then `audit arch.yaml ...`: (exit, stdout, the
    import's stderr)."""
    arch = tmp / "arch.yaml"
    code, _, import_err = run("import", kind, str(path), "-o", str(arch))
    assert code == 0, import_err
    code, out, _ = run("audit", str(arch), *audit_args)
    return code, out, import_err


@pytest.mark.parametrize(("kind", "path"), CASES, ids=lambda v: getattr(v, "name", v))
def test_json_equals_import_then_audit(kind: str, path: Path, tmp_path: Path) -> None:
    code, out, err = run("audit", "--from", kind, str(path), "--format", "json")
    want_code, want_out, import_err = two_steps(kind, path, tmp_path, "--format", "json")
    assert (code, out) == (want_code, want_out)
    assert json.loads(out)["findings"]  # every case has findings to compare
    losses = [line for line in import_err.splitlines() if line.startswith("archwright: loss:")]
    assert [line for line in err.splitlines() if line.startswith("archwright: loss:")] == losses


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_other_formats_equal_import_then_audit(fmt: str, tmp_path: Path) -> None:
    got = run("audit", "--from", "kubernetes", str(BOUTIQUE), "--format", fmt)
    want = two_steps("kubernetes", BOUTIQUE, tmp_path, "--format", fmt)
    assert got[:2] == want[:2]


def test_fail_on_and_selection_as_import_then_audit(tmp_path: Path) -> None:
    args = ("--format", "json", "--fail-on", "medium", "--only", "security", "--skip", "SEC013")
    got = run("audit", "--from", "kubernetes", str(BOUTIQUE), *args)
    want = two_steps("kubernetes", BOUTIQUE, tmp_path, *args)
    assert got[:2] == want[:2]
    assert got[0] == 1  # Online Boutique has medium security findings


def test_sarif_points_at_the_imported_path(tmp_path: Path) -> None:
    code, out, _ = run("audit", "--from", "kubernetes", str(BOUTIQUE), "--format", "sarif")
    _, want, _ = two_steps("kubernetes", BOUTIQUE, tmp_path, "--format", "sarif")
    got_run, want_run = json.loads(out)["runs"][0], json.loads(want)["runs"][0]
    assert code == 0
    assert got_run["tool"] == want_run["tool"]
    assert [r["ruleId"] for r in got_run["results"]] == [r["ruleId"] for r in want_run["results"]]
    for r in got_run["results"]:
        (loc,) = r["locations"]
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert (Path.cwd() / uri).resolve() == BOUTIQUE.resolve()  # relative to cwd if under
        assert loc["physicalLocation"]["region"] == {"startLine": 1}
    assert got_run["results"]


@pytest.mark.parametrize(("kind", "path"), CASES, ids=lambda v: getattr(v, "name", v))
def test_imported_model_is_what_reading_the_written_file_gives(kind: str, path: Path) -> None:
    """Why `audit --from` audits the importer's model without validating it again: the
    file `import` writes reads back as an equal model, for every importer fixture."""
    arch = imported(kind, path).architecture
    assert parse_architecture(dumps_architecture(arch)) == arch


def test_every_importer_fixture_reads_back_equal() -> None:
    for folder in sorted(FIXTURES.iterdir()):
        expected = folder / "expected.yaml"
        if not expected.is_file():
            continue
        kind = yaml.safe_load(expected.read_text("utf-8"))["format"]
        arch = imported(kind, folder).architecture
        assert parse_architecture(dumps_architecture(arch)) == arch, folder.name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "ansible", str(BOUTIQUE)), "unknown import format 'ansible'"),
        (("--from", "kubernetes", "no/such/path.yaml"), "no/such/path.yaml"),
        (("--from", "terraform", str(BOUTIQUE)), "expected a folder, a .tf file"),
        (("--from", "kubernetes", str(BOUTIQUE), "--format", "html"), "unknown format 'html'"),
        (("--from", "kubernetes", str(BOUTIQUE), "--fail-on", "severe"), "unknown severity"),
        (("--from", "kubernetes", str(BOUTIQUE), "--only", "NOPE1"), "no rule or category"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: tuple[str, ...], message: str) -> None:
    code, out, err = run("audit", *args)
    assert code == 2
    assert out == ""
    lines = [line for line in err.splitlines() if not line.startswith("archwright: loss:")]
    assert len(lines) == 1 and message in lines[0], err
    assert "Traceback" not in err


def test_no_workloads_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n")
    code, out, err = run("audit", "--from", "kubernetes", str(config))
    assert (code, out) == (2, "")
    assert err.strip() == "archwright: config.yaml: no Kubernetes workloads found"


def test_min_confidence_audits_what_import_with_it_writes(tmp_path: Path) -> None:
    """`audit --from` takes import's `--min-confidence` (issue 17: it had none): the
    flask fixture's `backend->db` is only `likely` (start-up order), so at `confirmed`
    it is not imported and not audited, exactly as `import --min-confidence confirmed`
    then `audit` would have it."""
    flask = FIXTURES / "awesome-compose-nginx-flask-mysql"
    arch = tmp_path / "arch.yaml"
    code, _, err = run(
        "import", "compose", str(flask), "--min-confidence", "confirmed", "-o", str(arch)
    )
    assert code == 0, err
    want = run("audit", str(arch), "--format", "json")
    got = run(
        "audit",
        "--from",
        "compose",
        str(flask),
        "--min-confidence",
        "confirmed",
        "--format",
        "json",
    )
    every = run("audit", "--from", "compose", str(flask), "--format", "json")
    assert got[:2] == want[:2]
    assert got[1] != every[1]  # the filter changed what was audited
    targets = {t for f in json.loads(every[1])["findings"] for t in f["targets"]}
    kept = {t for f in json.loads(got[1])["findings"] for t in f["targets"]}
    assert "backend->db" in targets - kept


def test_min_confidence_is_one_option_for_import_and_audit() -> None:
    from archwright.cli import audit, import_cmd

    assert audit.command.__defaults__ is not None and import_cmd.command.__defaults__
    assert import_cmd.MIN_CONFIDENCE in audit.command.__defaults__
    assert import_cmd.MIN_CONFIDENCE in import_cmd.command.__defaults__


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--from", "compose", "LEVEL_PATH", "--min-confidence", "maybe"), "maybe"),
        (("ARCH", "--min-confidence", "likely"), "--from KIND PATH only"),
    ],
)
def test_a_bad_min_confidence_is_refused_in_one_line(args: tuple[str, ...], needle: str) -> None:
    flask = FIXTURES / "awesome-compose-nginx-flask-mysql"
    three_tier = ROOT / "examples" / "three_tier.yaml"
    argv = [
        str(flask) if a == "LEVEL_PATH" else str(three_tier) if a == "ARCH" else a for a in args
    ]
    code, out, err = run("audit", *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err
