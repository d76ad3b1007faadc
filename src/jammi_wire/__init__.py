"""jammi-wire: the fine-tune request vocabulary of the Rust crate jammi-wire.

What this library writes, Rust's serde reads; what serde writes, this library reads;
both reject the same inputs.
"""

from ._errors import ErrorCode, FineTuneError, UnknownFieldWarning, WireError
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
