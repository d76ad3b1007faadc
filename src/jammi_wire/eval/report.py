"""The report structs of ``eval/report.rs``, and plain rows for pandas or csv.

A report is data: the numbers are computed in Rust and only read here. Each report
reads and writes with the top-level functions (``jw.from_json(text,
CalibrationEvalReport)``, ``jw.to_json(report)``, YAML alike), compares with ``==`` and
flattens its per-query / per-record section with ``to_rows()``: a list of dicts whose
values are ``str``, ``int``, ``float``, ``bool`` or ``None``, ready for
``pandas.DataFrame(rows)`` or ``csv.DictWriter(f, columns(rows))``.
"""

# No ``from __future__ import annotations``: the serde layer reads these annotations
# as real types when each class is created.

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from ..serde import BTreeMap, TaggedEnum, Usize, field, serde_struct
from ._inference import InferenceAggregate
from ._prediction import PerRecordPrediction
from .numerics import AggregateMetrics, Entity, QueryMetrics

__all__ = [
    "AggregateDelta",
    "CalibrationAggregate",
    "CalibrationEvalReport",
    "CalibrationPrediction",
    "CohortCalibration",
    "CompareEvalReport",
    "DeltaSignificance",
    "EmbeddingEvalReport",
    "InferenceAggregate",
    "InferenceEvalReport",
    "MetricDelta",
    "MetricSignificance",
    "PerQueryRecord",
    "PerRecordCalibration",
    "PerRecordPrediction",
    "Row",
    "TableEvalReport",
    "columns",
]

Row = dict[str, Any]
"""One flat row: column name -> ``str | int | float | bool | None``."""

COHORT_PREFIX = "cohort."
"""Cohort tags become columns ``cohort.<key>``; no fixed column contains a dot."""


def columns(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every column of ``rows`` in first-seen order (the ``fieldnames`` csv wants)."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _cohorts(tags: Mapping[str, str]) -> Row:
    return {COHORT_PREFIX + key: value for key, value in sorted(tags.items())}


# ── retrieval ────────────────────────────────────────────────────────────────


@serde_struct
class PerQueryRecord:
    """One query: its join key, scores, recall at several cutoffs, top-1 score, tags."""

    query_id: str = field(doc="The golden source's query id (the join key).")
    metrics: QueryMetrics = field(doc="Scores at the eval's single cutoff.")
    recall_at_ks: list[tuple[Usize, float]] = field(
        factory=list, serde_default=True, doc="(k, recall@k) pairs, ascending k."
    )
    distance: float = field(
        default=0.0, serde_default=True, doc="Score of the top-1 result; 0.0 without results."
    )
    cohorts: BTreeMap[str, str] = field(
        factory=dict, serde_default=True, doc="Opaque cohort tags, written in key order."
    )

    def to_row(self) -> Row:
        """``query_id``, the four scores, ``distance``, ``recall@<k>`` and ``cohort.<key>``.

        A repeated k keeps its last value, as a dict would.
        """
        m = self.metrics
        row: Row = {
            "query_id": self.query_id,
            "recall": m.recall,
            "precision": m.precision,
            "mrr": m.mrr,
            "ndcg": m.ndcg,
            "distance": self.distance,
        }
        row.update((f"recall@{k}", recall) for k, recall in self.recall_at_ks)
        row.update(_cohorts(self.cohorts))
        return row


@serde_struct
class EmbeddingEvalReport:
    """A retrieval eval (``eval_embeddings``): run id, means and one record per query."""

    eval_run_id: str = field(serde_default=True, doc="Catalog id of the run; may be absent.")
    aggregate: AggregateMetrics = field(doc="Means over all queries.")
    per_query: list[PerQueryRecord] = field(doc="One record per query, golden-set order.")

    def to_rows(self) -> list[Row]:
        """One row per query (``PerQueryRecord.to_row``), led by ``eval_run_id``."""
        return [{"eval_run_id": self.eval_run_id, **q.to_row()} for q in self.per_query]


# ── inference ────────────────────────────────────────────────────────────────

_ENTITY_COLUMNS = ("label", "start", "end", "text", "confidence")


def _entity_row(side: str | None, entity: Entity | None) -> Row:
    if entity is None:
        return {"side": side, **dict.fromkeys(_ENTITY_COLUMNS)}
    return {"side": side, **{name: getattr(entity, name) for name in _ENTITY_COLUMNS}}


@serde_struct
class InferenceEvalReport:
    """An inference eval (``eval_inference``): the task's aggregate and each record."""

    aggregate: InferenceAggregate = field(doc="Classification or NER metrics, by `task`.")
    per_record: list[PerRecordPrediction] = field(doc="Prediction and gold per record.")

    def to_rows(self) -> list[Row]:
        """Classification records: one row each (``task record_id predicted gold``).

        NER records: one row per entity (``task record_id side label start end text
        confidence``, ``side`` being ``"predicted"`` or ``"gold"``); a record without
        any entity still gets one row, with ``side`` and the entity columns ``None``.
        """
        rows: list[Row] = []
        for record in self.per_record:
            if isinstance(record, PerRecordPrediction.Classification):
                rows.append(
                    {
                        "task": "classification",
                        "record_id": record.record_id,
                        "predicted": record.predicted,
                        "gold": record.gold,
                    }
                )
                continue
            assert isinstance(record, PerRecordPrediction.Ner)
            head: Row = {"task": "ner", "record_id": record.record_id}
            spans = [("predicted", e) for e in record.predicted]
            spans += [("gold", e) for e in record.gold]
            if not spans:
                rows.append({**head, **_entity_row(None, None)})
            rows.extend({**head, **_entity_row(side, e)} for side, e in spans)
        return rows

    def aggregate_rows(self) -> list[Row]:
        """The aggregate's per-class (or per-type) scores, one row each, by name.

        Classification: ``task name precision recall f1``; NER adds ``support``.
        """
        agg = self.aggregate
        if isinstance(agg, InferenceAggregate.Classification):
            return [
                {
                    "task": "classification",
                    "name": name,
                    "precision": m.precision,
                    "recall": m.recall,
                    "f1": m.f1,
                }
                for name, m in sorted(agg.value.per_class.items())
            ]
        assert isinstance(agg, InferenceAggregate.Ner)
        return [
            {
                "task": "ner",
                "name": name,
                "precision": m.precision,
                "recall": m.recall,
                "f1": m.f1,
                "support": m.support,
            }
            for name, m in sorted(agg.value.per_type.items())
        ]


# ── calibration ──────────────────────────────────────────────────────────────


class CalibrationPrediction(TaggedEnum, rename_all="snake_case", tag="shape"):
    """One held-out predictive distribution and its outcome, tagged by ``shape``."""

    if TYPE_CHECKING:
        Gaussian: ClassVar[type["Gaussian"]]
        Sample: ClassVar[type["Sample"]]


class Gaussian(CalibrationPrediction):
    """A predictive Normal(mean, sd)."""

    record_id: str
    mean: float
    sd: float
    outcome: float
    cohorts: BTreeMap[str, str] = field(factory=dict, serde_default=True)


class Sample(CalibrationPrediction):
    """An ensemble of predictive draws."""

    record_id: str
    draws: list[float]
    outcome: float
    cohorts: BTreeMap[str, str] = field(factory=dict, serde_default=True)


@serde_struct
class PerRecordCalibration:
    """One record's calibration scores."""

    record_id: str
    crps: float = field(doc="Continuous ranked probability score (lower is better).")
    nll: float = field(doc="Negative log-likelihood of the outcome, in nats.")
    pit: float = field(doc="Predictive CDF at the outcome (uniform when calibrated).")
    covered: bool = field(doc="Whether the nominal 90% central interval held the outcome.")
    interval_width: float = field(doc="Width of that interval.")
    cohorts: BTreeMap[str, str] = field(factory=dict, serde_default=True)

    def to_row(self) -> Row:
        """The scores plus ``cohort.<key>`` columns."""
        return {
            "record_id": self.record_id,
            "crps": self.crps,
            "nll": self.nll,
            "pit": self.pit,
            "covered": self.covered,
            "interval_width": self.interval_width,
            **_cohorts(self.cohorts),
        }


@serde_struct
class CalibrationAggregate:
    """Calibration scores averaged over the records."""

    n: Usize = field(doc="Records scored.")
    crps: float = field(doc="Mean CRPS: the headline.")
    nll: float = field(doc="Mean negative log-likelihood.")
    adaptive_ece: float = field(doc="Debiased equal-mass ECE over the PIT values.")
    sharpness: float = field(doc="Mean width of the nominal interval.")
    coverage: float = field(doc="Share of outcomes the nominal interval held.")


@serde_struct
class CohortCalibration:
    """The scores of the records carrying one cohort tag ``key=value``."""

    key: str
    value: str
    n: Usize
    crps: float
    crps_ci_lower: float | None = field(
        serde_default=True, doc="Bootstrap CI on the mean CRPS; None for n < 2."
    )
    crps_ci_upper: float | None = field(serde_default=True)
    coverage: float = field(doc="Share of the cohort's outcomes the nominal interval held.")

    def to_row(self) -> Row:
        return {
            "key": self.key,
            "value": self.value,
            "n": self.n,
            "crps": self.crps,
            "crps_ci_lower": self.crps_ci_lower,
            "crps_ci_upper": self.crps_ci_upper,
            "coverage": self.coverage,
        }


@serde_struct
class CalibrationEvalReport:
    """A calibration eval (``eval_calibration``): means, cohort slices, per-record scores."""

    eval_run_id: str = field(serde_default=True, doc="Catalog id of the run; may be absent.")
    aggregate: CalibrationAggregate = field(doc="Means over all records.")
    per_cohort: list[CohortCalibration] = field(doc="One slice per (key, value), ascending.")
    per_record: list[PerRecordCalibration] = field(doc="One entry per record, input order.")

    def to_rows(self) -> list[Row]:
        """One row per record (``PerRecordCalibration.to_row``), led by ``eval_run_id``."""
        return [{"eval_run_id": self.eval_run_id, **r.to_row()} for r in self.per_record]

    def cohort_rows(self) -> list[Row]:
        """One row per cohort slice."""
        return [c.to_row() for c in self.per_cohort]


# ── compare ──────────────────────────────────────────────────────────────────


@serde_struct
class MetricDelta:
    """``absolute = treatment - baseline``; ``relative = absolute / baseline`` (0 if 0)."""

    absolute: float
    relative: float


@serde_struct
class MetricSignificance:
    """Mann-Whitney U p-value and bootstrap CI of the mean paired difference."""

    p_value: float
    ci_lower: float
    ci_upper: float


@serde_struct
class DeltaSignificance:
    """The significance of each of the four deltas."""

    recall_at_k: MetricSignificance
    precision_at_k: MetricSignificance
    mrr: MetricSignificance
    ndcg: MetricSignificance


@serde_struct
class AggregateDelta:
    """The four retrieval deltas against the baseline, and their paired significance."""

    recall_at_k: MetricDelta
    precision_at_k: MetricDelta
    mrr: MetricDelta
    ndcg: MetricDelta
    significance: DeltaSignificance | None = field(
        default=None, serde_default=True, doc="None when no query pairs up."
    )


_METRICS = ("recall_at_k", "precision_at_k", "mrr", "ndcg")


@serde_struct
class TableEvalReport:
    """One table's retrieval eval and its delta to the baseline (None for the baseline)."""

    table_name: str
    embedding_eval: EmbeddingEvalReport
    delta: AggregateDelta | None = field(default=None)


@serde_struct
class CompareEvalReport:
    """A compare eval (``eval_compare``): the first table is the baseline."""

    per_table: list[TableEvalReport]

    def to_rows(self) -> list[Row]:
        """One row per table and query: ``table_name`` then the embedding row."""
        return [
            {"table_name": t.table_name, **row}
            for t in self.per_table
            for row in t.embedding_eval.to_rows()
        ]

    def delta_rows(self) -> list[Row]:
        """One row per table with a delta and metric: ``table_name metric absolute
        relative p_value ci_lower ci_upper`` (the last three None without significance)."""
        rows: list[Row] = []
        for t in self.per_table:
            if t.delta is None:
                continue
            for metric in _METRICS:
                d: MetricDelta = getattr(t.delta, metric)
                s = t.delta.significance
                sig: MetricSignificance | None = getattr(s, metric) if s is not None else None
                rows.append(
                    {
                        "table_name": t.table_name,
                        "metric": metric,
                        "absolute": d.absolute,
                        "relative": d.relative,
                        "p_value": sig.p_value if sig else None,
                        "ci_lower": sig.ci_lower if sig else None,
                        "ci_upper": sig.ci_upper if sig else None,
                    }
                )
        return rows
