"""Every diagram export of every example is accepted by the real tool of its language,
and every validator is shown to reject a broken input (so a pass means something)."""

from __future__ import annotations

from pathlib import Path

import pytest
from diagram_validators import (
    BROKEN,
    VALIDATED_FORMATS,
    check_drawio,
    plantuml_failfast_exit,
    results,
)


@pytest.mark.validator
@pytest.mark.parametrize("fmt", VALIDATED_FORMATS)
def test_examples_pass_the_real_validator(fmt: str, example_path: Path) -> None:
    assert results(fmt)[example_path.stem].complaint is None


@pytest.mark.validator
@pytest.mark.parametrize("fmt", VALIDATED_FORMATS)
def test_validator_rejects_a_broken_input(fmt: str) -> None:
    complaint = results(fmt)["broken"].complaint
    assert complaint, f"the {fmt} validator accepted a broken file"


@pytest.mark.validator
def test_plantuml_error_picture_is_caught() -> None:
    """PlantUML exits 0 but draws an error picture when its renderer crashes."""
    complaint = results("plantuml")["crash"].complaint
    assert complaint and "error picture" in complaint


@pytest.mark.validator
def test_plantuml_failfast_exit_code_on_a_syntax_error() -> None:
    assert plantuml_failfast_exit(BROKEN["plantuml"]) != 0


def test_drawio_validator_rejects_an_edge_to_nowhere() -> None:
    text = (
        '<mxfile><diagram><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="e1" edge="1" parent="1" source="n1" target="n2">'
        '<mxGeometry relative="1" as="geometry"/></mxCell></root></mxGraphModel></diagram>'
        "</mxfile>"
    )
    assert check_drawio(text) == "edge e1 does not join two vertices"
