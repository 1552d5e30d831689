"""What a command's process imports before it reads its file (issue 16): what was cut
from the start-up must stay cut, and the lazy packages (`archwright.lazy`) must answer
as the eager ones did."""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import FunctionType, ModuleType

import pytest
from cli_process import ROOT, imported_modules

import archwright.cost
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


@pytest.mark.parametrize("package", [archwright.cost, archwright.simulate], ids=str)
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
    from pydantic import BaseModel

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
    classes = {
        v
        for m in modules
        for v in vars(m).values()
        if isinstance(v, type)
        and issubclass(v, BaseModel)
        and v.__module__.startswith("archwright")
    }
    assert len(classes) > 20
    postponed = {
        f"{c.__name__}.{name}"
        for c in classes
        for name, a in vars(c).get("__annotations__", {}).items()
        if isinstance(a, str)
    }
    assert not postponed
