"""What a command's process imports before it reads its file (issue 16): what was cut
from the start-up must stay cut, and the lazy packages (`archwright.lazy`) must answer
as the eager ones did."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import FunctionType, ModuleType

import pytest
from cli_process import ROOT, imported_modules

import archwright.cost
import archwright.llm
import archwright.simulate


def test_validate_skips_the_pricing_stack_and_pydantics_plugin_lookup() -> None:
    loaded = imported_modules("validate", "examples/three_tier.yaml")
    assert "archwright.cost.traffic_checks" in loaded  # the walk sees validate's imports
    assert "archwright.model" in loaded and "pydantic.main" in loaded
    pricing = {"archwright.cost.estimate", "archwright.cost.cloud", "archwright.kb.transfer"}
    assert not loaded & pricing
    # pydantic asked `pydantic.plugin._loader`; the CLI answers without importlib.metadata.
    assert "pydantic.plugin._loader" in loaded
    assert "importlib.metadata" not in loaded


def test_the_plugin_lookup_the_cli_answers_is_the_one_pydantic_makes() -> None:
    """If pydantic moved its lookup, the stub would be dead code; this names the move."""
    script = (
        "import pydantic.plugin._loader as l, pydantic.plugin._schema_validator as s, inspect;"
        "print(callable(l.get_plugins), 'from ._loader import get_plugins' in"
        " inspect.getsource(s.create_schema_validator))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["True", "True"]


def test_cli_models_validate_as_before_without_plugins() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "archwright", "validate", "examples/three_tier.yaml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0 and ": ok (" in done.stdout


@pytest.mark.parametrize("package", [archwright.cost, archwright.simulate, archwright.llm], ids=str)
def test_a_lazy_package_gives_what_its_modules_define(package: ModuleType) -> None:
    homes = vars(package)["_lazy_homes"]
    assert sorted(homes) == sorted(package.__all__)
    for name in package.__all__:
        home = importlib.import_module(homes[name])
        assert getattr(package, name) is getattr(home, name), name


def test_a_name_shared_with_its_module_is_the_export_whatever_was_imported_first() -> None:
    script = (
        "import archwright.cost.estimate, archwright.simulate.chaos, archwright.simulate.sweep;"
        "from archwright.cost import estimate; from archwright.simulate import chaos, sweep;"
        "print(*(type(f).__name__ for f in (estimate, chaos, sweep)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["function"] * 3
    assert isinstance(archwright.cost.estimate, FunctionType)


def test_simulate_does_not_import_the_discrete_event_simulator() -> None:
    loaded = imported_modules("simulate", "examples/three_tier.yaml", "--format", "json")
    assert "archwright.simulate.load" in loaded
    assert not loaded & {"archwright.simulate.des", "archwright.simulate.sweep"}


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = archwright.cost.no_such_name  # type: ignore[attr-defined]


def test_model_and_kb_classes_carry_evaluated_annotations() -> None:
    """A postponed (string) annotation makes pydantic compile it at every start-up."""

    import archwright.kb.catalog
    import archwright.kb.supply_chain
    import archwright.kb.transfer
    import archwright.model

    modules = [
        archwright.model,
        archwright.kb.catalog,
        archwright.kb.transfer,
        archwright.kb.supply_chain,
    ]
    classes = _project_models(modules)
    assert len(classes) > 20
    postponed = {
        f"{c.__name__}.{name}"
        for c in classes
        for name, a in vars(c).get("__annotations__", {}).items()
        if isinstance(a, str)
    }
    assert not postponed


def test_pydantic_fields_use_plain_functions_as_default_factories() -> None:
    """pydantic reads each factory's signature; a built-in's (`list`, `dict`) is parsed
    with the tokenizer, ~0.45 ms a field at every start-up (archwright/model/defaults.py)."""

    for name in (
        "archwright.advise.ask.llm_route",
        "archwright.advise.ask.rules",
        "archwright.advise.migrate",
        "archwright.advise.review",
        "archwright.kb.catalog",
        "archwright.kb.interview",
        "archwright.kb.patterns",
        "archwright.kb.specs",
        "archwright.kb.supply_chain",
        "archwright.kb.tradeoffs",
        "archwright.kb.transfer",
        "archwright.model.architecture",
        "archwright.model.component",
        "archwright.model.connection",
        "archwright.model.requirements",
        "archwright.web.bodies",
    ):
        importlib.import_module(name)
    from archwright.model.defaults import empty_dict, empty_list

    modules = [m for name, m in sys.modules.items() if name.startswith("archwright.")]
    classes = _project_models(modules)
    assert len(classes) > 60
    factories = [
        (f"{c.__name__}.{name}", f.default_factory)
        for c in classes
        for name, f in c.model_fields.items()
        if f.default_factory is not None
    ]
    assert sum(factory in (empty_list, empty_dict) for _, factory in factories) > 90
    built_in = sorted(
        where
        for where, factory in factories
        if isinstance(factory, type) and factory in (list, dict, set, tuple, frozenset)
    )
    assert not built_in
    one, two = empty_list(), empty_list()
    assert one == [] and one is not two and empty_dict() == {} and empty_dict() is not empty_dict()


def _blas_threads(env: dict[str, str]) -> list[str]:
    """OPENBLAS_NUM_THREADS and the thread count of a process that imported the CLI,
    then numpy (as the simulate family does)."""
    script = (
        "import os; import archwright.cli.app; import numpy;"
        "print(os.environ['OPENBLAS_NUM_THREADS'], len(os.listdir('/proc/self/task')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return done.stdout.split()


def test_the_cli_loads_openblas_with_one_thread_unless_told_otherwise() -> None:

    env = {
        k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
    }
    assert _blas_threads(env) == ["1", "1"]
    assert _blas_threads({**env, "OPENBLAS_NUM_THREADS": "3"})[0] == "3"


def test_review_without_a_model_does_not_import_the_http_stack() -> None:
    """Asking the config for a model is all review does without one: not even the
    client's stack (its sqlite cache, pricing) is imported (issue 16)."""
    loaded = imported_modules("review", "examples/three_tier.yaml")
    assert "archwright.advise.review" in loaded and "archwright.llm.config" in loaded
    client = {"archwright.llm.client", "archwright.llm.cache", "sqlite3"}
    assert not loaded & {"httpx", "archwright.llm.provider", "archwright.llm.transport", *client}


def test_terraform_imports_no_other_exporter_nor_the_transfer_prices(tmp_path: Path) -> None:
    """Other exporters are imported only to name them when a cloud is refused."""
    out = str(tmp_path / "tf")
    loaded = imported_modules("export", "examples/three_tier.yaml", "--to", "terraform", "-o", out)
    assert "archwright.exporters.terraform" in loaded and "archwright.cost.zones" in loaded
    assert not loaded & {"archwright.exporters.scaffold", "archwright.exporters.pulumi", "jinja2"}
    assert not loaded & {"archwright.cost.transfer", "archwright.kb.transfer"}


def test_a_refused_cloud_still_names_the_exporters_that_serve_it(tmp_path: Path) -> None:
    source = (ROOT / "examples" / "three_tier.yaml").read_text(encoding="utf-8")
    assert "cloud: aws" in source
    design = tmp_path / "azure.yaml"
    design.write_text(source.replace("cloud: aws", "cloud: azure"), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "archwright",
            "export",
            str(design),
            "--to",
            "pulumi",
            "-o",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "archwright: pulumi writes gcp resources only and this design's cloud is azure; "
        "exporters for azure: none (cloud-neutral: compose, kubernetes, nginx)"
    )


def test_availability_off_a_terminal_does_not_import_rich() -> None:

    plain = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    loaded = imported_modules(
        "availability", "examples/three_tier.yaml", "--format", "json", env=plain
    )
    assert "archwright.simulate.availability" in loaded and "archwright.cli.progress" in loaded
    assert not {m for m in loaded if m == "rich" or m.startswith("rich.")}


@pytest.mark.parametrize(
    "args",
    [
        ("audit", "examples/three_tier.yaml"),
        ("cost", "examples/three_tier.yaml"),
        ("chaos", "examples/three_tier.yaml", "--fail", "db"),
        ("sweep", "examples/three_tier.yaml"),
        ("availability", "examples/three_tier.yaml"),
        ("simulate", "examples/three_tier.yaml"),
        (  # a drift table whose title holds paths and a colon
            "conform",
            "examples/three_tier.yaml",
            "--against",
            "kubernetes",
            "tests/importers/fixtures/online-boutique/kubernetes-manifests.yaml",
        ),
    ],
    ids=lambda a: a[0],
)
def test_a_table_command_off_a_terminal_does_not_import_rich(args: tuple[str, ...]) -> None:
    plain = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    loaded = imported_modules(*args, env=plain)
    assert "archwright.cli.terminal" in loaded and "archwright.cli.plain_table" in loaded
    assert not {m for m in loaded if m == "rich" or m.startswith("rich.")}
    forced = imported_modules(*args, env={**plain, "FORCE_COLOR": "1"})
    assert "rich.console" in forced


def _project_models(modules: list[ModuleType]) -> set[type]:
    """The project's own pydantic models defined or imported in `modules`."""
    from pydantic import BaseModel

    return {
        v
        for m in modules
        for v in vars(m).values()
        if isinstance(v, type)
        and issubclass(v, BaseModel)
        and v.__module__.startswith("archwright")
    }
