"""Every diagram export of every example is accepted by the real tool of its language,
and every validator is shown to reject a broken input (so a pass means something)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from diagram_validators import (
    check_d2,
    check_dot,
    check_drawio,
    check_mermaid,
    check_plantuml,
)

from archwright.archfile import load_architecture
from archwright.exporters import registry

CHECKS: dict[str, Callable[[str], str | None]] = {
    "dot": check_dot,
    "plantuml": check_plantuml,
    "d2": check_d2,
    "mermaid": check_mermaid,
    "drawio": check_drawio,
}

# One broken input per validator, each a mistake an exporter could plausibly make.
BROKEN: dict[str, str] = {
    "dot": 'digraph "a" {\n  "n1" -> ;\n}\n',
    "plantuml": '@startuml\nrectangle "a" as n1\nn1 --> : "x\n@enduml\n',
    "d2": 'n1: "unterminated\nn1 -> : x {\n',
    "mermaid": 'flowchart LR\n  n1["say "hi""] --> end\n',
    "drawio": '<mxfile><diagram><mxGraphModel><root><mxCell id="0"/></root></mxGraphModel>',
}


@pytest.mark.validator
@pytest.mark.parametrize("fmt", sorted(CHECKS))
def test_examples_pass_the_real_validator(fmt: str, example_path: Path) -> None:
    (text,) = registry.load(fmt).render(load_architecture(example_path)).values()
    assert CHECKS[fmt](text) is None


@pytest.mark.validator
@pytest.mark.parametrize("fmt", sorted(CHECKS))
def test_validator_rejects_a_broken_input(fmt: str) -> None:
    complaint = CHECKS[fmt](BROKEN[fmt])
    assert complaint, f"the {fmt} validator accepted a broken file"


@pytest.mark.validator
def test_plantuml_error_picture_is_caught() -> None:
    """This PlantUML exits 0 and draws an error picture when its renderer crashes (here
    on a `&#92;` entity); the validator must still report it."""
    text = '@startuml\nrectangle "a &#92; b" as n1\n@enduml\n'
    complaint = check_plantuml(text)
    assert complaint and "error picture" in complaint


def test_drawio_validator_rejects_an_edge_to_nowhere() -> None:
    text = (
        '<mxfile><diagram><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="e1" edge="1" parent="1" source="n1" target="n2">'
        '<mxGeometry relative="1" as="geometry"/></mxCell></root></mxGraphModel></diagram>'
        "</mxfile>"
    )
    assert check_drawio(text) == "edge e1 does not join two vertices"
