"""`simulate` reports token models: quota binding, GPUs at peak, the token tail."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwright.archfile import load_architecture
from archwright.model import Architecture
from archwright.simulate import simulate

ROOT = Path(__file__).resolve().parents[2]


def test_rag_quota_binds_at_hand_rps() -> None:
    arch = load_architecture(ROOT / "examples" / "rag_assistant.yaml")
    # Sonnet tier 4: 2M input tokens/min / 4,000 per prompt = 500/min = 8.33 rps.
    # At 20 rps, 30% cached: 14 rps reach it, so 1 - 8.33/14 = 40.5% are throttled.
    result = simulate(arch, rps=20)
    primary = result["models"]["primary-llm"]
    assert primary["quota_binding"] == "input tpm"
    assert primary["quota_rps"] == pytest.approx(2_000_000 / 4000 / 60, abs=1e-3)
    assert primary["arrival_rps"] == pytest.approx(14)
    assert primary["throttled_share"] == pytest.approx(1 - 8.3333 / 14, abs=1e-3)
    assert any("INPUT TPM quota" in w for w in result["warnings"])
    # At the recorded peak (10 rps, 7 reach the model) nothing is throttled.
    assert simulate(arch)["models"]["primary-llm"]["throttled_share"] == 0
    # The token tail: 1,000 ms first token + (14,000 - 4,000) prompt tokens at 100 ms
    # per 1,000 + 1,500 answer tokens at 13.3 ms = 21,950 ms.
    assert primary["call_ms"]["p99_tokens"] == pytest.approx(1000 + 1000 + 1500 * 13.3)


def _self_hosted(replicas: int) -> Architecture:
    return Architecture.model_validate(
        {
            "name": "gpu",
            "requirements": {"scale": {"peak_rps": 200}},
            "components": [
                {"id": "users", "kind": "client"},
                {
                    "id": "model",
                    "kind": "llm",
                    "technology": "vllm",
                    "replicas": replicas,
                    "tokens": {
                        "output": {"mean": 800},
                        "context_window": 32000,
                        "gpu": {"gpu_type": "H100", "tokens_per_second": 2500, "batch_size": 16},
                    },
                },
            ],
            "connections": [{"source": "users", "target": "model"}],
        }
    )


def test_gpus_needed_at_peak() -> None:
    # 200 rps x 800 tokens / 2,500 tokens/s per GPU = 64 GPUs.
    short = simulate(_self_hosted(replicas=32))["models"]["model"]
    assert short["gpus"] == {"type": "H100", "have": 32, "needed": 64}
    assert any("64 GPUs needed" in w for w in simulate(_self_hosted(32))["warnings"])
    enough = simulate(_self_hosted(replicas=64))
    assert not any("GPUs needed" in w for w in enough["warnings"])
