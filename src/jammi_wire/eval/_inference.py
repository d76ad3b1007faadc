"""``InferenceAggregate``: the task's aggregate, internally tagged by ``task``.

Its own module because its variants share their names (``Classification``, ``Ner``)
with ``PerRecordPrediction``'s; users reach both as attributes of their enum.
"""

from typing import TYPE_CHECKING, ClassVar

from ..serde import TaggedEnum
from .numerics import ClassificationResult, NerMetrics


class InferenceAggregate(TaggedEnum, rename_all="snake_case", tag="task"):
    """``#[serde(tag = "task")]``: the variant's fields sit beside ``"task": "ner"``.

    Both variants are newtypes: ``InferenceAggregate.Ner(NerMetrics(...))``, read
    back through ``.value``.
    """

    if TYPE_CHECKING:
        Classification: ClassVar[type["Classification"]]
        Ner: ClassVar[type["Ner"]]


class Classification(InferenceAggregate, kind="newtype"):
    """The classification metrics."""

    value: ClassificationResult


class Ner(InferenceAggregate, kind="newtype"):
    """The NER metrics."""

    value: NerMetrics
