"""Output bytes do not depend on PYTHONHASHSEED or on the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import importlib.util, sys
from hypothesis import HealthCheck, given, settings
from jammi_wire import to_json
from jammi_wire.testing import fine_tune_configs
out = []
@settings(database=None, derandomize=True, max_examples=25, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(fine_tune_configs(valid=False))
def collect(cfg):
    out.append(to_json(cfg))
    out.append(to_json(cfg, pretty=True))
    out.append(to_json(cfg, float_format="ryu"))
    if importlib.util.find_spec("jammi_wire.preconf.yaml") is not None:
        from jammi_wire.preconf.yaml import to_yaml
        out.append(to_yaml(cfg))
collect()
sys.stdout.write("\n\x1e".join(out))
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    return result.stdout


def test_output_independent_of_hash_seed_and_process() -> None:
    outputs = [_run(seed) for seed in ("0", "1", "12345", "random")]
    assert outputs[0].count("\x1e") >= 70, "too few documents generated"
    for other in outputs[1:]:
        assert other == outputs[0]
