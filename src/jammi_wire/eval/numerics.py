"""The jammi-numerics structs the eval reports embed (classification, NER, retrieval).

Plain structs: no ``#[serde(default)]`` anywhere, so every field is required on the
wire. The four that derive ``Default`` in Rust (``ClassMetrics``,
``ClassificationResult``, ``QueryMetrics``, ``AggregateMetrics``) construct without
arguments in Python too.
"""

# No ``from __future__ import annotations``: the serde layer reads these annotations
# as real types when each class is created.

from ..serde import F32, Usize, field, serde_struct

__all__ = [
    "AggregateMetrics",
    "ClassMetrics",
    "ClassificationResult",
    "Entity",
    "NerMetrics",
    "QueryMetrics",
    "TypeMetrics",
]


@serde_struct
class ClassMetrics:
    """Precision, recall and F1 of one class."""

    precision: float = field(default=0.0)
    recall: float = field(default=0.0)
    f1: float = field(default=0.0)


@serde_struct
class ClassificationResult:
    """A classification eval: accuracy, macro F1 and the scores of each class."""

    accuracy: float = field(default=0.0)
    f1: float = field(default=0.0)
    per_class: dict[str, ClassMetrics] = field(factory=dict, doc="A HashMap: no order.")


@serde_struct
class Entity:
    """A labelled span of text, predicted (with ``text`` and ``confidence``) or gold.

    As in Rust, two entities are equal when ``label``, ``start`` and ``end`` are: a
    prediction matches a gold span whatever its ``text`` and ``confidence``.
    """

    label: str = field(doc="Entity type without the B-/I- prefix, e.g. PER.")
    start: Usize = field(doc="First byte of the span in the source text.")
    end: Usize = field(doc="One past the last byte of the span.")
    text: str = field(doc="The spanned text; empty for gold spans.")
    confidence: F32 = field(doc="Mean token confidence (an f32); 0.0 for gold spans.")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Entity)
        return (self.label, self.start, self.end) == (other.label, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.label, self.start, self.end))


@serde_struct
class TypeMetrics:
    """Precision, recall, F1 and support of one entity type."""

    precision: float
    recall: float
    f1: float
    support: Usize


@serde_struct
class NerMetrics:
    """An NER eval with strict matching (label and both boundaries)."""

    precision: float
    recall: float
    f1: float
    per_type: dict[str, TypeMetrics] = field(doc="A HashMap: no order.")


@serde_struct
class QueryMetrics:
    """One query's retrieval scores."""

    recall: float = field(default=0.0)
    precision: float = field(default=0.0)
    mrr: float = field(default=0.0)
    ndcg: float = field(default=0.0)


@serde_struct
class AggregateMetrics:
    """Retrieval scores averaged over the queries."""

    recall_at_k: float = field(default=0.0)
    precision_at_k: float = field(default=0.0)
    mrr: float = field(default=0.0)
    ndcg: float = field(default=0.0)
