"""A generated, realistic ``InferenceEvalReport`` (NER) of a given size, as JSON text.

Records look like a token-classification eval over news text: a record id, the
predicted spans (label, byte offsets, text, an f32 confidence as serde_json writes
it) and the gold spans (no text, confidence 0.0), a few per record.
"""

from __future__ import annotations

import json
import random
import struct

LABELS = ("PER", "ORG", "LOC", "MISC", "DATE")
WORDS = (
    "Barack Obama", "Angela Merkel", "United Nations", "Berlin", "Paris", "Reuters",
    "European Central Bank", "Tokyo", "Apple", "Microsoft", "World Cup", "Monday",
    "New York Stock Exchange", "Geneva", "Nairobi", "the Senate", "Lufthansa", "March 3",
)


def _f32_text(x: float) -> str:
    """serde_json's text of an f32: the shortest decimal that rounds to it."""
    value = struct.unpack("f", struct.pack("f", x))[0]
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == value:
            return text if any(c in text for c in ".e") else text + ".0"
    return repr(value)


def inference_report(target_bytes: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    per_type = {
        label: {"precision": rng.random(), "recall": rng.random(), "f1": rng.random(),
                "support": rng.randrange(100, 5000)}
        for label in LABELS
    }
    head = json.dumps({"task": "ner", "precision": 0.81, "recall": 0.77, "f1": 0.79,
                       "per_type": per_type}, separators=(",", ":"))
    records: list[str] = []
    size = len(head) + 40
    index = 0
    while size < target_bytes:
        predicted, gold = [], []
        offset = rng.randrange(0, 200)
        for _ in range(rng.randrange(0, 5)):
            word = rng.choice(WORDS)
            label = rng.choice(LABELS)
            start = offset + rng.randrange(0, 60)
            end = start + len(word.encode())
            offset = end
            gold.append(f'{{"label":"{label}","start":{start},"end":{end},"text":"","confidence":0.0}}')
            if rng.random() < 0.9:
                confidence = _f32_text(rng.uniform(0.3, 1.0))
                predicted.append(
                    f'{{"label":"{label}","start":{start},"end":{end},'
                    f'"text":{json.dumps(word)},"confidence":{confidence}}}'
                )
        record = (f'{{"task":"ner","record_id":"doc-{index:07d}",'
                  f'"predicted":[{",".join(predicted)}],"gold":[{",".join(gold)}]}}')
        records.append(record)
        size += len(record) + 1
        index += 1
    return f'{{"aggregate":{head},"per_record":[{",".join(records)}]}}'


if __name__ == "__main__":
    text = inference_report(10 * 1024 * 1024)
    print(len(text), text[:400])
