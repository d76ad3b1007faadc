"""jammi-wire: the fine-tune request vocabulary of the Rust crate jammi-wire.

What this library writes, Rust's serde reads; what serde writes, this library reads;
both reject the same inputs.
"""

from typing import TYPE_CHECKING, Any

from ._errors import ErrorCode, FineTuneError, UnknownFieldWarning, WireError
from .fine_tune import (
    BackboneDtype,
    ClassificationLoss,
    EarlyStoppingMetric,
    EmbeddingLoss,
    FineTuneConfig,
    FineTuneMethod,
    HardNegativeConfig,
    LoraInitMode,
    LrSchedule,
    RegressionLoss,
)
from .preconf.json import from_json, to_json
from .serde.model import replace

if TYPE_CHECKING:
    from .converters import converter, structure, unstructure
    from .diagnostics import Diagnostic, diagnose
    from .io import dump, load
    from .preconf.yaml import from_yaml, to_yaml
    from .releases import release
    from .releases.compat import compat
    from .releases.migrate import DataLossWarning, MigrationError, migrate

__version__ = "0.26.3"

# Imported on first use, so that `import jammi_wire` (and JSON) does not pay for what
# it does not use: cattrs, the YAML reader and writer, the diagnostics, atomic writes.
# tests/test_startup.py holds the line.
_LAZY = {
    "converter": "converters",
    "structure": "converters",
    "unstructure": "converters",
    "Diagnostic": "diagnostics",
    "diagnose": "diagnostics",
    "dump": "io",
    "load": "io",
    "from_yaml": "preconf.yaml",
    "to_yaml": "preconf.yaml",
    "release": "releases",
    "compat": "releases.compat",
    "DataLossWarning": "releases.migrate",
    "MigrationError": "releases.migrate",
    "migrate": "releases.migrate",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "BackboneDtype",
    "ClassificationLoss",
    "DataLossWarning",
    "Diagnostic",
    "EarlyStoppingMetric",
    "EmbeddingLoss",
    "ErrorCode",
    "FineTuneConfig",
    "FineTuneError",
    "FineTuneMethod",
    "HardNegativeConfig",
    "LoraInitMode",
    "LrSchedule",
    "MigrationError",
    "RegressionLoss",
    "UnknownFieldWarning",
    "WireError",
    "__version__",
    "compat",
    "converter",
    "diagnose",
    "dump",
    "from_json",
    "from_yaml",
    "load",
    "migrate",
    "release",
    "replace",
    "structure",
    "to_json",
    "to_yaml",
    "unstructure",
]
