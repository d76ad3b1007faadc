"""jammi-wire: the fine-tune request vocabulary of the Rust crate jammi-wire.

What this library writes, Rust's serde reads; what serde writes, this library reads;
both reject the same inputs.
"""

from typing import TYPE_CHECKING, Any

from ._errors import ErrorCode, FineTuneError, UnknownFieldWarning, WireError

if TYPE_CHECKING:
    from . import fine_tune, lora, preconf, serde  # noqa: F401 - loaded on first use
    from .converters import converter, structure, unstructure
    from .diagnostics import Diagnostic, diagnose
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
    from .io import dump, load
    from .preconf.json import from_json, to_json
    from .preconf.yaml import from_yaml, to_yaml
    from .releases import release
    from .releases.compat import compat
    from .releases.migrate import DataLossWarning, MigrationError, migrate
    from .serde.model import replace

__version__ = "0.26.3"

# Imported on first use, so that `import jammi_wire` does not pay for what it does not
# use: the vocabulary's classes and the JSON codec load with the first of their names
# (`from jammi_wire import FineTuneConfig`), and cattrs, the YAML reader and writer, the
# diagnostics and atomic writes only with theirs. tests/test_startup.py holds the line.
_LAZY = {
    **dict.fromkeys(
        (
            "BackboneDtype",
            "ClassificationLoss",
            "EarlyStoppingMetric",
            "EmbeddingLoss",
            "FineTuneConfig",
            "FineTuneMethod",
            "HardNegativeConfig",
            "LoraInitMode",
            "LrSchedule",
            "RegressionLoss",
        ),
        "fine_tune",
    ),
    "from_json": "preconf.json",
    "to_json": "preconf.json",
    "replace": "serde.model",
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


# What a plain `import jammi_wire` loaded before it was lazy (the vocabulary, the serde
# layer, the JSON codec: everything preconf.json imports) loads with the first of those
# names or subpackages, so that `jammi_wire.serde.structure` and the like still resolve.
_CORE = "preconf.json"
_CORE_MODULES = frozenset({"fine_tune", "preconf.json", "serde.model"})
_SUBMODULES = frozenset({"fine_tune", "lora", "preconf", "serde"})


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SUBMODULES:
        importlib.import_module(f"{__name__}.{_CORE}")
        return globals()[name]
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module in _CORE_MODULES:
        importlib.import_module(f"{__name__}.{_CORE}")
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
