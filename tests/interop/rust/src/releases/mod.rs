#![allow(unused_imports)]
//! Every later wire generation of the fine-tune vocabulary (G2..G5), namespaced in the
//! protocol as `g2::FineTuneConfig` etc.; `g1::X` names the crate-root (0.26.3) types.
//! main.rs calls `decode`, `default_for` and `handle` when a type or op is not its own.
pub mod g2;
pub mod g3;
pub mod g4;
pub mod g5;
pub mod numerics;

use serde::{de::DeserializeOwned, Serialize};
use serde_json::{Map, Value};

use crate::{decode_typed, default_typed, encode_all, random_config, str_field, Rng, Validate};

impl<D> Validate for g2::FineTuneConfig<D> {
    fn check(&self) -> Option<String> {
        self.validate().err().map(|e| e.message().to_string())
    }
}
impl Validate for g4::FineTuneConfig {
    fn check(&self) -> Option<String> {
        self.validate().err().map(|e| e.message().to_string())
    }
}
impl Validate for g5::FineTuneConfig {
    fn check(&self) -> Option<String> {
        self.validate().err().map(|e| e.message().to_string())
    }
}
impl Validate for numerics::ComputePrecision {}
impl Validate for g4::ExampleLoss {}
impl Validate for g4::HeldOutLoss {}
impl Validate for g5::EmbeddingLoss {}
impl Validate for g5::RegressionLoss {}
impl Validate for g5::ClassificationLoss {}
impl Validate for g5::Warmup {}
impl Validate for g5::HardNegativeConfig {}

/// Calls `$f::<T>($args)` for the protocol type name, or runs `$unknown`.
macro_rules! by_name {
    ($name:expr, $unknown:block, $f:ident ($($arg:expr),*)) => {
        match $name {
            "g1::FineTuneConfig" => $f::<crate::fine_tune::FineTuneConfig>($($arg),*),
            "g1::HardNegativeConfig" => $f::<crate::fine_tune::HardNegativeConfig>($($arg),*),
            "g1::EmbeddingLoss" => $f::<crate::fine_tune::EmbeddingLoss>($($arg),*),
            "g1::RegressionLoss" => $f::<crate::fine_tune::RegressionLoss>($($arg),*),
            "g1::ClassificationLoss" => $f::<crate::fine_tune::ClassificationLoss>($($arg),*),
            "g1::BackboneDtype" => $f::<crate::jammi_lora::BackboneDtype>($($arg),*),
            "g2::FineTuneConfig" => $f::<g2::FineTuneConfig>($($arg),*),
            "g2::HardNegativeConfig" => $f::<g2::HardNegativeConfig>($($arg),*),
            "g2::EmbeddingLoss" => $f::<g2::EmbeddingLoss>($($arg),*),
            "g2::RegressionLoss" => $f::<g2::RegressionLoss>($($arg),*),
            "g2::ClassificationLoss" => $f::<g2::ClassificationLoss>($($arg),*),
            "g2::BackboneDtype" => $f::<g2::BackboneDtype>($($arg),*),
            "g3::FineTuneConfig" => $f::<g3::FineTuneConfig>($($arg),*),
            "g3::HardNegativeConfig" => $f::<g3::HardNegativeConfig>($($arg),*),
            "g3::EmbeddingLoss" => $f::<g3::EmbeddingLoss>($($arg),*),
            "g3::RegressionLoss" => $f::<g3::RegressionLoss>($($arg),*),
            "g3::ClassificationLoss" => $f::<g3::ClassificationLoss>($($arg),*),
            "g3::ComputePrecision" => $f::<g3::ComputePrecision>($($arg),*),
            "g4::FineTuneConfig" => $f::<g4::FineTuneConfig>($($arg),*),
            "g4::HardNegativeConfig" => $f::<g4::HardNegativeConfig>($($arg),*),
            "g4::EmbeddingLoss" => $f::<g4::EmbeddingLoss>($($arg),*),
            "g4::RegressionLoss" => $f::<g4::RegressionLoss>($($arg),*),
            "g4::ClassificationLoss" => $f::<g4::ClassificationLoss>($($arg),*),
            "g4::ComputePrecision" => $f::<g4::ComputePrecision>($($arg),*),
            "g5::FineTuneConfig" => $f::<g5::FineTuneConfig>($($arg),*),
            "g5::HardNegativeConfig" => $f::<g5::HardNegativeConfig>($($arg),*),
            "g5::EmbeddingLoss" => $f::<g5::EmbeddingLoss>($($arg),*),
            "g5::RegressionLoss" => $f::<g5::RegressionLoss>($($arg),*),
            "g5::ClassificationLoss" => $f::<g5::ClassificationLoss>($($arg),*),
            "g5::ComputePrecision" => $f::<g5::ComputePrecision>($($arg),*),
            "g5::Warmup" => $f::<g5::Warmup>($($arg),*),
            _ => $unknown,
        }
    };
}

/// The `decode` op for a namespaced type; false when the name is not one of ours.
pub fn decode(type_name: &str, format: &str, input: &str, out: &mut Map<String, Value>) -> bool {
    match type_name {
        "g4::ExampleLoss" | "g5::ExampleLoss" => decode_typed::<g4::ExampleLoss>(format, input, out),
        "g4::HeldOutLoss" | "g5::HeldOutLoss" => decode_typed::<g4::HeldOutLoss>(format, input, out),
        _ => by_name!(type_name, { return false }, decode_typed(format, input, out)),
    }
    true
}

/// The `default` op for a namespaced type; false when the name is not one of ours.
pub fn default_for(type_name: &str, out: &mut Map<String, Value>) -> bool {
    by_name!(type_name, { return false }, default_typed(out));
    true
}

// ---------------------------------------------------------------- random values

fn random_u64(r: &mut Rng) -> u64 {
    match r.below(4) {
        0 => 42,
        1 => r.usize() as u64,
        2 => u64::MAX - r.below(2),
        _ => r.below(1000),
    }
}

fn random_keep(r: &mut Rng) -> Option<u32> {
    match r.below(8) {
        0 | 1 | 2 => None,
        3 => Some(0),
        4 => Some(u32::MAX - r.below(2) as u32),
        5 => Some(1),
        _ => Some(r.below(50) as u32),
    }
}

fn random_warmup(r: &mut Rng) -> g5::Warmup {
    match r.below(4) {
        0 => g5::Warmup::Steps(r.usize()),
        1 => g5::Warmup::Fraction(r.f64()),
        2 => g5::Warmup::Fraction(r.below(1000) as f64 / 1000.0),
        _ => g5::Warmup::Steps(r.below(500) as usize),
    }
}

/// A random config of generation `g` (1..=5): generation 1's random config, carried
/// over field by field (through serde_json's value tree, which keeps every f64), plus
/// random values for the fields the later generation adds.
pub fn random_of(g: u8, r: &mut Rng) -> Result<Value, String> {
    let base = random_config(r);
    let mut v = serde_json::to_value(&base).map_err(|e| e.to_string())?;
    let m = v.as_object_mut().ok_or("config is not a map")?;
    if g >= 2 && r.chance(60) {
        m.insert("seed".into(), Value::from(random_u64(r)));
    }
    if g >= 4 && r.chance(60) {
        m.insert("keep_last_n_checkpoints".into(), serde_json::to_value(random_keep(r)).unwrap());
    }
    if g >= 5 {
        let steps = m.remove("warmup_steps").and_then(|s| s.as_u64()).unwrap_or(100);
        let w = if r.chance(30) { g5::Warmup::Steps(steps as usize) } else { random_warmup(r) };
        m.insert("warmup".into(), serde_json::to_value(w).map_err(|e| e.to_string())?);
    }
    Ok(v)
}

fn encode_random<T: DeserializeOwned + Serialize + Validate>(v: Value) -> Result<Value, String> {
    let c: T = serde_json::from_value(v).map_err(|e| e.to_string())?;
    let mut m = Map::new();
    encode_all(&c, &mut m);
    Ok(Value::Object(m))
}

fn random_held_out(r: &mut Rng) -> g4::HeldOutLoss {
    let per_example = r.vec(4, |r| g4::ExampleLoss { example_id: r.string(), loss: r.f64() });
    g4::HeldOutLoss {
        count: if r.chance(80) { per_example.len() } else { r.usize() },
        per_example,
        mean: r.f64(),
        tie_fraction: r.f64(),
        batch_partition_sha256: r.string(),
        in_batch_negatives_per_example: r.usize(),
    }
}

/// Ops of our own: `random_release` {type: "gN::FineTuneConfig" | "g4::HeldOutLoss", seed,
/// count}. `Ok(false)` when the op is not ours.
pub fn handle(op: &str, req: &Value, out: &mut Map<String, Value>) -> Result<bool, String> {
    if op != "random_release" {
        return Ok(false);
    }
    let type_name = str_field(req, "type")?;
    let seed = req.get("seed").and_then(Value::as_u64).unwrap_or(0);
    let count = req.get("count").and_then(Value::as_u64).unwrap_or(1);
    let mut rng = Rng(seed);
    let mut values = Vec::new();
    for _ in 0..count {
        let value = match type_name {
            "g1::FineTuneConfig" => encode_random::<crate::fine_tune::FineTuneConfig>(random_of(1, &mut rng)?),
            "g2::FineTuneConfig" => encode_random::<g2::FineTuneConfig>(random_of(2, &mut rng)?),
            "g3::FineTuneConfig" => encode_random::<g3::FineTuneConfig>(random_of(3, &mut rng)?),
            "g4::FineTuneConfig" => encode_random::<g4::FineTuneConfig>(random_of(4, &mut rng)?),
            "g5::FineTuneConfig" => encode_random::<g5::FineTuneConfig>(random_of(5, &mut rng)?),
            "g4::HeldOutLoss" | "g5::HeldOutLoss" => {
                let mut m = Map::new();
                encode_all(&random_held_out(&mut rng), &mut m);
                Ok(Value::Object(m))
            }
            other => Err(format!("harness: no random values for {other:?}")),
        }?;
        values.push(value);
    }
    out.insert("ok".into(), Value::Bool(true));
    out.insert("values".into(), Value::Array(values));
    Ok(true)
}
