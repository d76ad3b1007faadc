"""``PerRecordPrediction``: one record's prediction and gold, internally tagged by ``task``."""

from typing import TYPE_CHECKING, ClassVar

from ..serde import TaggedEnum, field
from .numerics import Entity


class PerRecordPrediction(TaggedEnum, rename_all="snake_case", tag="task"):
    """``#[serde(tag = "task")]`` with struct variants: ``{"task": "ner", "record_id": ...}``."""

    if TYPE_CHECKING:
        Classification: ClassVar[type["Classification"]]
        Ner: ClassVar[type["Ner"]]


class Classification(PerRecordPrediction):
    """The predicted and the gold label of one record."""

    record_id: str
    predicted: str
    gold: str


class Ner(PerRecordPrediction):
    """The predicted and the gold entity spans of one record."""

    record_id: str
    predicted: list[Entity] = field(doc="Spans the model found.")
    gold: list[Entity] = field(doc="Spans the golden source holds.")
