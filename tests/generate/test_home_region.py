"""Personal data that must stay in the EU is designed into an EU region when none is named."""

from __future__ import annotations

import pytest

from archwright.audit import audit
from archwright.generate import design
from archwright.model import Requirements


@pytest.mark.parametrize(
    ("cloud", "home"), [("aws", "eu-west-1"), ("gcp", "europe-west1"), ("azure", "westeurope")]
)
def test_eu_residency_without_regions_lands_in_the_eu(cloud: str, home: str) -> None:
    req = Requirements.model_validate(
        {
            "description": "A customer portal with login and file uploads",
            "features": ["login", "file upload"],
            "scale": {"dau": 50000, "peak_rps": 300},
            "compliance": ["GDPR"],
            "constraints": {"cloud": cloud, "data_residency": ["eu"]},
        }
    )
    arch = design(req).architecture
    assert {c.region for c in arch.components} - {None} == {home}
    assert not [f for f in audit(arch).active if f.rule_id == "CMP009"]


def test_no_residency_keeps_the_clouds_default_region() -> None:
    req = Requirements.model_validate({"constraints": {"cloud": "azure"}, "features": ["login"]})
    assert {c.region for c in design(req).architecture.components} - {None} == {"eastus"}
