"""One coverage-guided atheris target: ``python atheris_target.py NAME [libFuzzer args]``
(NAME: json, yaml, check or structure)."""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).parent))

with atheris.instrument_imports():
    import importlib.util

    if importlib.util.find_spec("jammi_wire.preconf.yaml") is not None:
        import jammi_wire.preconf.yaml
    from targets import available

    import jammi_wire.cli
    import jammi_wire.diagnostics
    import jammi_wire.preconf.json  # noqa: F401

if __name__ == "__main__":
    target = available()[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
