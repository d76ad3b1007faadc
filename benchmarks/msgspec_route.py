"""What msgspec as a read backend (route A in docs/PERFORMANCE.md) could give, measured.

    .venv/bin/python benchmarks/msgspec_route.py     (needs the bench extra: msgspec)

A measuring prototype, not a read path: msgspec decodes the text into the mirror
structs of ``peers/msgspec_peer.py`` (strict, its own checks in C), and a generated-style
function copies that into jammi-wire's own attrs objects the way the fast path builds
them (a slot-only subclass, plain stores, then ``__class__``). Nothing here is proven
equal to serde (the mirror accepts two variant keys or none, say); it bounds the speed
of the route, which is what the decision needs. Times are thread CPU time, medians of
interleaved rounds; ratios are to msgspec's own typed decode of the same text.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import jammi_wire as jw  # noqa: E402
from jammi_wire.serde.gen import raw_class  # noqa: E402
from jammi_wire.serde.model import StructShape, shape_of  # noqa: E402
from peers import msgspec_peer  # noqa: E402


def _members(shape: Any) -> dict[str, Any]:
    """A unit enum's (or an option of one's) members by wire name."""
    inner = getattr(shape, "inner", shape)
    return dict(inner.by_wire)


def copier() -> Callable[[Any], Any]:
    """msgspec mirror struct -> jammi_wire.FineTuneConfig, without its constructor."""
    shape = shape_of(jw.FineTuneConfig)
    assert isinstance(shape, StructShape)
    by_attr = {f.attr: f for f in shape.fields}
    lr = _members(by_attr["lr_schedule"].shape)
    metric = _members(by_attr["early_stopping_metric"].shape)
    init = _members(by_attr["init_lora_weights"].shape)
    dtype = _members(by_attr["backbone_dtype"].shape)
    cls_loss = _members(by_attr["classification_loss"].shape)
    emb, reg = jw.EmbeddingLoss, jw.RegressionLoss
    emb_units = {"co_sent": emb.CoSent(), "angl_e": emb.AnglE(), "cosine_mse": emb.CosineMse()}
    reg_units = {"gaussian_nll": reg.GaussianNll(), "crps": reg.Crps(), "pinball": reg.Pinball()}
    raw = raw_class(jw.FineTuneConfig)
    raw_hn = raw_class(jw.HardNegativeConfig)
    assert raw is not None and raw_hn is not None
    new = object.__new__
    cls, cls_hn = jw.FineTuneConfig, jw.HardNegativeConfig

    def embedding(value: Any) -> Any:
        if value is None or type(value) is str:
            return None if value is None else emb_units[value]
        if value.triplet is not None:
            return emb.Triplet(margin=value.triplet.margin)
        mnr = value.multiple_negatives_ranking
        return emb.MultipleNegativesRanking(temperature=mnr.temperature)

    def regression(value: Any) -> Any:
        if value is None or type(value) is str:
            return None if value is None else reg_units[value]
        return reg.BetaNll(beta=value.beta_nll.beta)

    def copy(m: Any) -> Any:
        h = m.hard_negatives
        hn: Any = new(raw_hn)
        hn.mine, hn.k, hn.exclude_hops, hn.refresh_every = (
            h.mine, h.k, h.exclude_hops, h.refresh_every
        )
        hn.__class__ = cls_hn
        o: Any = new(raw)
        o.lora_rank = m.lora_rank
        o.lora_alpha = m.lora_alpha
        o.lora_dropout = m.lora_dropout
        o.learning_rate = m.learning_rate
        o.epochs = m.epochs
        o.batch_size = m.batch_size
        o.max_seq_length = m.max_seq_length
        o.embedding_loss = embedding(m.embedding_loss)
        cl = m.classification_loss
        o.classification_loss = None if cl is None else cls_loss[cl]
        o.regression_loss = regression(m.regression_loss)
        o.quantile_levels = m.quantile_levels
        o.gradient_accumulation_steps = m.gradient_accumulation_steps
        o.validation_fraction = m.validation_fraction
        o.early_stopping_patience = m.early_stopping_patience
        o.warmup_steps = m.warmup_steps
        o.lr_schedule = lr[m.lr_schedule]
        o.early_stopping_metric = metric[m.early_stopping_metric]
        o.target_modules = m.target_modules
        o.layers_to_transform = m.layers_to_transform
        o.use_rslora = m.use_rslora
        o.rank_pattern = m.rank_pattern
        o.init_lora_weights = init[m.init_lora_weights]
        o.backbone_dtype = dtype[m.backbone_dtype]
        o.weight_decay = m.weight_decay
        o.max_grad_norm = m.max_grad_norm
        o.cached = m.cached
        o.hard_negatives = hn
        o.matryoshka_dims = m.matryoshka_dims
        o.__class__ = cls
        return o

    return copy


def timed(fn: Callable[[], object], number: int) -> float:
    gc.disable()  # as benchmarks/run.py measures
    try:
        start = time.thread_time()
        for _ in range(number):
            fn()
        return (time.thread_time() - start) / number * 1e6
    finally:
        gc.enable()


def main() -> None:
    copy = copier()
    decode = msgspec_peer._dec.decode
    for name in ("default", "full"):
        text = (HERE / "fixtures" / f"{name}.json").read_text().strip()
        mirror = decode(text)
        ours = jw.from_json(text)
        route = copy(mirror)
        assert jw.to_json(route) == jw.to_json(ours), "the copy builds the same config"
        cases = {
            "msgspec typed decode": lambda t=text: decode(t),
            "copy into attrs objects": lambda m=mirror: copy(m),
            "route A (decode + copy + validate)": lambda t=text: copy(decode(t)).validate(),
            "jammi-wire from_json today": lambda t=text: jw.from_json(t),
        }
        samples: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(15):
            for label, fn in cases.items():
                samples[label].append(timed(fn, 3000))
        base = statistics.median(samples["msgspec typed decode"])
        print(f"{name} config (µs, ratio to msgspec's typed decode):")
        for label, values in samples.items():
            us = statistics.median(values)
            print(f"  {label:36s} {us:7.2f}  {us / base:5.2f}")


if __name__ == "__main__":
    main()
