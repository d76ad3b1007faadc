"""A YAML file that writes some enums as tags and others as single-key maps.

The `any` dialect (the default of `check` and `from_yaml`) reads each enum in either
form, but serde_yaml reads one form in a file: tags by default, single-key maps under
`singleton_map_recursive`. `check` reports such a file with serde's error under the
form the file starts with; both serde readers refuse it (asked through the harness).
"""

from __future__ import annotations

from typing import Any

import pytest
from harness import Harness

from jammi_wire._errors import render_path
from jammi_wire.diagnostics import diagnose_text
from jammi_wire.preconf.yaml import to_yaml
from jammi_wire.releases import g1, g5

_G1 = to_yaml(g1.FineTuneConfig())
_G5 = to_yaml(g5.FineTuneConfig())
_TRIPLET_TAG = "embedding_loss: !triplet\n  margin: 0.5"
_TRIPLET_MAP = "embedding_loss:\n  triplet:\n    margin: 0.5"
# (vocabulary, generation, document, the form it starts with: serde's dialect then)
DOCUMENTS: list[tuple[Any, str, str, str]] = [
    (g1, "g1", _G1.replace("embedding_loss: null", _TRIPLET_TAG).replace(
        "regression_loss: null", "regression_loss:\n  beta_nll:\n    beta: 0.5"), "yaml"),
    (g1, "g1", _G1.replace("embedding_loss: null", _TRIPLET_MAP).replace(
        "regression_loss: null", "regression_loss: !beta_nll\n  beta: 0.5"),
     "yaml_singleton_map"),
    (g5, "g5", _G5.replace("embedding_loss: null", _TRIPLET_MAP), "yaml_singleton_map"),
    (g5, "g5", _G5.replace("warmup: !fraction 0.1", "warmup:\n  fraction: 0.1").replace(
        "embedding_loss: null", _TRIPLET_TAG), "yaml"),
    (g5, "g5", _G5.replace("warmup: !fraction 0.1", "warmup:\n  steps: 10").replace(
        "embedding_loss: null", "embedding_loss: !co_sent"), "yaml"),
    (g5, "g5", _G5.replace("embedding_loss: null", "embedding_loss:\n  co_sent: null"),
     "yaml_singleton_map"),
]


@pytest.mark.parametrize("index", range(len(DOCUMENTS)))
def test_mixed_forms_are_serdes_error(rust: Harness, index: int) -> None:
    module, gen, text, first = DOCUMENTS[index]
    tags, maps = rust.decode_many(
        [(fmt, f"{gen}::FineTuneConfig", text) for fmt in ("yaml", "yaml_singleton_map")]
    )
    assert not tags["ok"] and not maps["ok"]
    expected = tags if first == "yaml" else maps
    found = [d for d in diagnose_text(text, module.FineTuneConfig, format="yaml")
             if d.severity == "error"]
    assert len(found) == 1, found
    ours = f"{render_path(found[0].path)}: {found[0].message} at line {found[0].line} " \
           f"column {found[0].column}"
    assert ours == expected["error"]
