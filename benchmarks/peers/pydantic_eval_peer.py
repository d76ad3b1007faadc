"""pydantic v2 strict models of ``InferenceEvalReport`` and the types it holds.

Internally tagged enums (``#[serde(tag = "task")]``) are discriminated unions on
``task``. Unknown fields are ignored, as serde does. pydantic has no f32: an
entity's ``confidence`` is a float here, not rounded to f32 as jammi-wire does.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

NAME = "pydantic v2 strict"
NOTE = "discriminated unions on `task`; f32 confidence as a plain float"

U = Annotated[int, Field(ge=0, le=2**64 - 1)]
C = ConfigDict(strict=True, extra="ignore")


class Entity(BaseModel):
    model_config = C
    label: str
    start: U
    end: U
    text: str
    confidence: float


class ClassMetrics(BaseModel):
    model_config = C
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0


class TypeMetrics(BaseModel):
    model_config = C
    precision: float
    recall: float
    f1: float
    support: U


class ClassificationAggregate(BaseModel):
    model_config = C
    task: Literal["classification"]
    accuracy: float = 0.0
    f1: float = 0.0
    per_class: dict[str, ClassMetrics] = {}


class NerAggregate(BaseModel):
    model_config = C
    task: Literal["ner"]
    precision: float
    recall: float
    f1: float
    per_type: dict[str, TypeMetrics]


class ClassificationRecord(BaseModel):
    model_config = C
    task: Literal["classification"]
    record_id: str
    predicted: str
    gold: str


class NerRecord(BaseModel):
    model_config = C
    task: Literal["ner"]
    record_id: str
    predicted: list[Entity]
    gold: list[Entity]


class InferenceEvalReport(BaseModel):
    model_config = C
    aggregate: Annotated[ClassificationAggregate | NerAggregate, Field(discriminator="task")]
    per_record: list[
        Annotated[ClassificationRecord | NerRecord, Field(discriminator="task")]
    ]


def decode(text: str) -> InferenceEvalReport:
    return InferenceEvalReport.model_validate_json(text)
