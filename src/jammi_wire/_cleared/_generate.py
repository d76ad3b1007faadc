"""Write the clearance module of each generation's ``FineTuneConfig``.

``python -m jammi_wire._cleared._generate`` after changing a vocabulary, a rule or the
clearance generator; ``tests/test_clearance.py`` fails while a module differs from
what :func:`sources` gives.
"""

from __future__ import annotations

from pathlib import Path

from ..preconf import yaml as wire_yaml
from ..preconf._yaml_scalars import yaml11_agrees
from ..releases import GENERATIONS
from ..serde.clearance import PlainRules, clearance_source


def sources() -> dict[str, str]:
    """Each module's file name and text."""
    plain = PlainRules(wire_yaml.yaml_profile("any"), yaml11_agrees)
    return {
        f"{generation.name}.py": clearance_source(
            generation.module.FineTuneConfig, plain, origin="jammi_wire._cleared._generate"
        )
        for generation in GENERATIONS
    }


def main() -> None:
    here = Path(__file__).parent
    for name, text in sources().items():
        (here / name).write_text(text)


if __name__ == "__main__":
    main()
