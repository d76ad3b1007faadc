"""The eval report vocabulary of jammi-wire (``src/eval/``, the same on the wire from
0.26.3 to 0.54.0) and the jammi-numerics structs it embeds.

These are what a jammi service sends back after an eval: read them with
``jw.from_json(text, jw.eval.CalibrationEvalReport)`` (or ``from_yaml``), write them
with ``jw.to_json``, compare with ``==``, flatten with ``report.to_rows()``.
"""

from .numerics import (
    AggregateMetrics,
    ClassificationResult,
    ClassMetrics,
    Entity,
    NerMetrics,
    QueryMetrics,
    TypeMetrics,
)
from .report import (
    AggregateDelta,
    CalibrationAggregate,
    CalibrationEvalReport,
    CalibrationPrediction,
    CohortCalibration,
    CompareEvalReport,
    DeltaSignificance,
    EmbeddingEvalReport,
    InferenceAggregate,
    InferenceEvalReport,
    MetricDelta,
    MetricSignificance,
    PerQueryRecord,
    PerRecordCalibration,
    PerRecordPrediction,
    Row,
    TableEvalReport,
    columns,
)
from .tasks import EvalCalibrationShape, EvalTask

__all__ = [
    "AggregateDelta",
    "AggregateMetrics",
    "CalibrationAggregate",
    "CalibrationEvalReport",
    "CalibrationPrediction",
    "ClassMetrics",
    "ClassificationResult",
    "CohortCalibration",
    "CompareEvalReport",
    "DeltaSignificance",
    "EmbeddingEvalReport",
    "Entity",
    "EvalCalibrationShape",
    "EvalTask",
    "InferenceAggregate",
    "InferenceEvalReport",
    "MetricDelta",
    "MetricSignificance",
    "NerMetrics",
    "PerQueryRecord",
    "PerRecordCalibration",
    "PerRecordPrediction",
    "QueryMetrics",
    "Row",
    "TableEvalReport",
    "TypeMetrics",
    "columns",
]

# Every type by its Rust name (the harness's `eval::<name>`), for registries and tests.
TYPES: dict[str, type] = {name: globals()[name] for name in __all__ if name[0].isupper()}
del TYPES["Row"]
