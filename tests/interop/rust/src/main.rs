//! JSON Lines harness that answers with the real serde's verdicts and bytes.
//! Contract: /work/notes/HARNESS_PROTOCOL.md (tests/interop/harness.py is the client).
#![allow(clippy::all)]
#![allow(dead_code)]

mod conformance;
mod error;
mod eval;
mod fine_tune;
mod jammi_lora;
mod releases;

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::time::Instant;

use fine_tune::*;
use jammi_lora::{BackboneDtype, LoraInitMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

trait Validate {
    fn check(&self) -> Option<String> {
        None
    }
}
impl Validate for FineTuneConfig {
    fn check(&self) -> Option<String> {
        self.validate().err().map(|e| e.message().to_string())
    }
}
impl Validate for HardNegativeConfig {}
impl Validate for EmbeddingLoss {}
impl Validate for RegressionLoss {}
impl Validate for ClassificationLoss {}
impl Validate for EarlyStoppingMetric {}
impl Validate for LrSchedule {}
impl Validate for FineTuneMethod {}
impl Validate for LoraInitMode {}
impl Validate for BackboneDtype {}

fn yaml_singleton_map<T: Serialize>(v: &T) -> Result<String, String> {
    let mut buf = Vec::new();
    {
        let mut ser = serde_yaml::Serializer::new(&mut buf);
        serde_yaml::with::singleton_map_recursive::serialize(v, &mut ser)
            .map_err(|e| e.to_string())?;
    }
    String::from_utf8(buf).map_err(|e| e.to_string())
}

/// All four encodings plus the validate verdict, as the protocol's accepted-decode fields.
fn encode_all<T: Serialize + Validate>(v: &T, out: &mut Map<String, Value>) {
    let mut errors: Vec<Value> = Vec::new();
    let mut put = |name: &str, r: Result<String, String>, out: &mut Map<String, Value>| match r {
        Ok(s) => {
            out.insert(name.into(), Value::String(s));
        }
        Err(e) => {
            out.insert(name.into(), Value::Null);
            errors.push(Value::String(format!("{name}: {e}")));
        }
    };
    put("json", serde_json::to_string(v).map_err(|e| e.to_string()), out);
    put("json_pretty", serde_json::to_string_pretty(v).map_err(|e| e.to_string()), out);
    put("yaml", serde_yaml::to_string(v).map_err(|e| e.to_string()), out);
    put("yaml_singleton_map", yaml_singleton_map(v), out);
    out.insert(
        "validate".into(),
        match v.check() {
            Some(m) => Value::String(m),
            None => Value::Null,
        },
    );
    if !errors.is_empty() {
        out.insert("encode_errors".into(), Value::Array(errors));
    }
}

fn decode_as<T: DeserializeOwned>(format: &str, input: &str) -> Result<T, String> {
    match format {
        "json" => serde_json::from_str::<T>(input).map_err(|e| e.to_string()),
        "yaml" => serde_yaml::from_str::<T>(input).map_err(|e| e.to_string()),
        "yaml_singleton_map" => {
            let de = serde_yaml::Deserializer::from_str(input);
            serde_yaml::with::singleton_map_recursive::deserialize::<T, _>(de)
                .map_err(|e| e.to_string())
        }
        other => Err(format!("harness: unknown format {other:?}")),
    }
}

fn decode_typed<T: DeserializeOwned + Serialize + Validate>(
    format: &str,
    input: &str,
    out: &mut Map<String, Value>,
) {
    match decode_as::<T>(format, input) {
        Ok(v) => {
            out.insert("ok".into(), Value::Bool(true));
            encode_all(&v, out);
        }
        Err(e) => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(e));
        }
    }
}

fn default_typed<T: Default + Serialize + Validate>(out: &mut Map<String, Value>) {
    out.insert("ok".into(), Value::Bool(true));
    encode_all(&T::default(), out);
}

macro_rules! dispatch {
    ($type_name:expr, $out:expr, $unknown:block, $f:ident $(, $arg:expr)*) => {
        match $type_name {
            "FineTuneConfig" => $f::<FineTuneConfig>($($arg,)* $out),
            "HardNegativeConfig" => $f::<HardNegativeConfig>($($arg,)* $out),
            "EmbeddingLoss" => $f::<EmbeddingLoss>($($arg,)* $out),
            "RegressionLoss" => $f::<RegressionLoss>($($arg,)* $out),
            "ClassificationLoss" => $f::<ClassificationLoss>($($arg,)* $out),
            "EarlyStoppingMetric" => $f::<EarlyStoppingMetric>($($arg,)* $out),
            "LrSchedule" => $f::<LrSchedule>($($arg,)* $out),
            "FineTuneMethod" => $f::<FineTuneMethod>($($arg,)* $out),
            "LoraInitMode" => $f::<LoraInitMode>($($arg,)* $out),
            "BackboneDtype" => $f::<BackboneDtype>($($arg,)* $out),
            _ => $unknown,
        }
    };
}

// FineTuneMethod has no Default in the spec; the protocol's "default" op still lists
// every type, so it answers with an error for it instead of inventing one.
fn default_for(type_name: &str, out: &mut Map<String, Value>) {
    match type_name {
        "FineTuneConfig" => default_typed::<FineTuneConfig>(out),
        "HardNegativeConfig" => default_typed::<HardNegativeConfig>(out),
        "EmbeddingLoss" => default_typed::<EmbeddingLoss>(out),
        "RegressionLoss" => default_typed::<RegressionLoss>(out),
        "ClassificationLoss" => default_typed::<ClassificationLoss>(out),
        "EarlyStoppingMetric" => default_typed::<EarlyStoppingMetric>(out),
        "LrSchedule" => default_typed::<LrSchedule>(out),
        "LoraInitMode" => default_typed::<LoraInitMode>(out),
        "BackboneDtype" => default_typed::<BackboneDtype>(out),
        other if releases::default_for(other, out) => {}
        other => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(format!("harness: {other} has no Default")));
        }
    }
}

// ---------------------------------------------------------------- random values

/// splitmix64: deterministic per seed, no extra crates.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn usize(&mut self) -> usize {
        match self.below(6) {
            0 => 0,
            1 => 1,
            2 => self.below(10) as usize,
            3 => self.below(100_000) as usize,
            4 => usize::MAX - self.below(3) as usize,
            _ => (self.next() >> self.below(64)) as usize,
        }
    }
    fn f64(&mut self) -> f64 {
        const SPECIAL: &[f64] = &[
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            0.1,
            0.05,
            2e-4,
            1e300,
            -1e300,
            5e-324,
            -5e-324,
            2.2250738585072014e-308,
            2.225073858507201e-308,
            1.7976931348623157e308,
            0.30000000000000004,
            0.1 + 0.7,
            1e16,
            1e15,
            123456789012345680.0,
            9007199254740993.0,
            1e-7,
            1e-5,
            16.0,
            20.0,
            0.9999999999999999,
        ];
        loop {
            let v = match self.below(5) {
                0 => SPECIAL[self.below(SPECIAL.len() as u64) as usize],
                1 => f64::from_bits(self.next()),
                // subnormals
                2 => f64::from_bits(self.below(1u64 << 52)) * if self.chance(50) { 1.0 } else { -1.0 },
                3 => self.below(1_000_000) as f64 / 1000.0,
                _ => (self.next() >> 11) as f64 / (1u64 << 53) as f64,
            };
            // serde_json writes NaN/inf as null, which no reader turns back into a float.
            if v.is_finite() {
                return v;
            }
        }
    }
    fn string(&mut self) -> String {
        const ODD: &[&str] = &[
            "", "yes", "no", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "1e3",
            "0x1F", "0o17", "017", "1_000", ".inf", "-.nan", "3.0", "+1", "-", "?", ":", "- a",
            "a: b", "#c", "&a", "*a", "!tag", "%YAML", "---", "...", "'", "\"", "\\", "a\"b",
            "line\nbreak", "tab\there", "\r\n", " lead", "trail ", "\u{0}", "\u{7}\u{1b}",
            "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{feff}", "é", "日本語", "🦀", "\u{10ffff}",
            "query", "value", "all-linear", "q_lin", "Wqkv", "<<", "=", "[a]", "{a: 1}", "@x",
            "`x", "|", ">",
        ];
        match self.below(3) {
            0 => ODD[self.below(ODD.len() as u64) as usize].to_string(),
            1 => {
                let n = self.below(8);
                (0..n)
                    .map(|_| ODD[self.below(ODD.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join("")
            }
            _ => {
                let n = self.below(12);
                (0..n)
                    .map(|_| {
                        let c = match self.below(4) {
                            0 => self.below(0x20) as u32,
                            1 => 0x20 + self.below(0x5f) as u32,
                            2 => 0x80 + self.below(0x800) as u32,
                            _ => self.below(0x11_0000) as u32,
                        };
                        char::from_u32(c).unwrap_or('\u{fffd}')
                    })
                    .collect()
            }
        }
    }
    fn vec<T>(&mut self, max: u64, mut f: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.below(max + 1);
        (0..n).map(|_| f(self)).collect()
    }
}

fn random_embedding_loss(r: &mut Rng) -> EmbeddingLoss {
    match r.below(5) {
        0 => EmbeddingLoss::CoSent,
        1 => EmbeddingLoss::Triplet { margin: r.f64() },
        2 => EmbeddingLoss::MultipleNegativesRanking { temperature: r.f64() },
        3 => EmbeddingLoss::AnglE,
        _ => EmbeddingLoss::CosineMse,
    }
}

fn random_regression_loss(r: &mut Rng) -> RegressionLoss {
    match r.below(4) {
        0 => RegressionLoss::GaussianNll,
        1 => RegressionLoss::BetaNll { beta: r.f64() },
        2 => RegressionLoss::Crps,
        _ => RegressionLoss::Pinball,
    }
}

fn random_config(r: &mut Rng) -> FineTuneConfig {
    // Start from the default so roughly half the fields keep plausible values and
    // validate() passes often enough to exercise both verdicts.
    let mut c = FineTuneConfig::default();
    let p = 50;
    if r.chance(p) { c.lora_rank = r.usize(); }
    if r.chance(p) { c.lora_alpha = r.f64(); }
    if r.chance(p) { c.lora_dropout = r.f64(); }
    if r.chance(p) { c.learning_rate = r.f64(); }
    if r.chance(p) { c.epochs = r.usize(); }
    if r.chance(p) { c.batch_size = r.usize(); }
    if r.chance(p) { c.max_seq_length = r.usize(); }
    if r.chance(p) { c.embedding_loss = Some(random_embedding_loss(r)); }
    if r.chance(p) { c.classification_loss = Some(ClassificationLoss::CrossEntropy); }
    if r.chance(p) { c.regression_loss = Some(random_regression_loss(r)); }
    if r.chance(p) { c.quantile_levels = r.vec(5, |r| r.f64()); }
    if r.chance(p) { c.gradient_accumulation_steps = r.usize(); }
    if r.chance(p) { c.validation_fraction = r.f64(); }
    if r.chance(p) { c.early_stopping_patience = r.usize(); }
    if r.chance(p) { c.warmup_steps = r.usize(); }
    if r.chance(p) {
        c.lr_schedule = match r.below(3) {
            0 => LrSchedule::Constant,
            1 => LrSchedule::CosineDecay,
            _ => LrSchedule::LinearDecay,
        };
    }
    if r.chance(p) {
        c.early_stopping_metric =
            if r.chance(50) { EarlyStoppingMetric::ValLoss } else { EarlyStoppingMetric::TrainLoss };
    }
    if r.chance(p) { c.target_modules = r.vec(4, |r| r.string()); }
    if r.chance(p) { c.layers_to_transform = Some(r.vec(4, |r| r.usize())); }
    if r.chance(p) { c.use_rslora = r.chance(50); }
    if r.chance(p) {
        let n = r.below(4);
        let mut m = HashMap::new();
        for _ in 0..n {
            let k = r.string();
            let v = r.usize();
            m.insert(k, v);
        }
        c.rank_pattern = m;
    }
    if r.chance(p) {
        c.init_lora_weights = if r.chance(50) { LoraInitMode::ZerosB } else { LoraInitMode::Gaussian };
    }
    if r.chance(p) {
        c.backbone_dtype = match r.below(3) {
            0 => BackboneDtype::F32,
            1 => BackboneDtype::BF16,
            _ => BackboneDtype::F16,
        };
    }
    if r.chance(p) { c.weight_decay = r.f64(); }
    if r.chance(p) { c.max_grad_norm = r.f64(); }
    if r.chance(p) { c.cached = r.chance(50); }
    if r.chance(p) {
        c.hard_negatives = HardNegativeConfig {
            mine: r.chance(50),
            k: r.usize(),
            exclude_hops: r.usize(),
            refresh_every: r.usize(),
        };
    }
    if r.chance(p) { c.matryoshka_dims = r.vec(4, |r| r.usize()); }
    c
}

// ---------------------------------------------------------------- bench

fn bench_typed<T: DeserializeOwned + Serialize>(
    format: &str,
    input: &str,
    iterations: u64,
    out: &mut Map<String, Value>,
) {
    let v: T = match decode_as::<T>(format, input) {
        Ok(v) => v,
        Err(e) => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(e));
            return;
        }
    };
    let n = iterations.max(1);
    let t = Instant::now();
    for _ in 0..n {
        let d: T = decode_as::<T>(format, std::hint::black_box(input)).unwrap();
        std::hint::black_box(d);
    }
    let decode_ns = t.elapsed().as_nanos() as f64 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        let s = if format == "json" {
            serde_json::to_string(std::hint::black_box(&v)).unwrap()
        } else {
            serde_yaml::to_string(std::hint::black_box(&v)).unwrap()
        };
        std::hint::black_box(s);
    }
    let encode_ns = t.elapsed().as_nanos() as f64 / n as f64;
    out.insert("ok".into(), Value::Bool(true));
    out.insert("decode_ns".into(), json!(decode_ns));
    out.insert("encode_ns".into(), json!(encode_ns));
    if format == "json" {
        let t = Instant::now();
        for _ in 0..n {
            let s = serde_json::to_string_pretty(std::hint::black_box(&v)).unwrap();
            std::hint::black_box(s);
        }
        out.insert("encode_pretty_ns".into(), json!(t.elapsed().as_nanos() as f64 / n as f64));
    }
}

// ---------------------------------------------------------------- requests

fn str_field<'a>(req: &'a Value, name: &str) -> Result<&'a str, String> {
    req.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("harness: request needs string field {name:?}"))
}

fn handle(req: &Value, out: &mut Map<String, Value>) -> Result<(), String> {
    if let Some(r) = conformance::handle(req, out) { return r; }
    let op = str_field(req, "op")?;
    if let Some(result) = eval::handle(op, req, out) { return result; }
    match op {
        "decode" => {
            let format = str_field(req, "format")?;
            let type_name = str_field(req, "type")?;
            let input = str_field(req, "input")?;
            dispatch!(type_name, out, { if !releases::decode(type_name, format, input, out) { return Err(format!("harness: unknown type {type_name:?}")) } },
                decode_typed, format, input);
        }
        "parse_method" => {
            let input = str_field(req, "input")?;
            match input.parse::<FineTuneMethod>() {
                Ok(m) => {
                    out.insert("ok".into(), Value::Bool(true));
                    out.insert("display".into(), Value::String(m.to_string()));
                }
                Err(e) => {
                    out.insert("ok".into(), Value::Bool(false));
                    out.insert("error".into(), Value::String(e.message().to_string()));
                }
            }
        }
        "default" => {
            let type_name = str_field(req, "type")?;
            default_for(type_name, out);
        }
        "random" => {
            let seed = req.get("seed").and_then(Value::as_u64).unwrap_or(0);
            let count = req.get("count").and_then(Value::as_u64).unwrap_or(1);
            let mut rng = Rng(seed);
            let values: Vec<Value> = (0..count)
                .map(|_| {
                    let c = random_config(&mut rng);
                    let mut m = Map::new();
                    encode_all(&c, &mut m);
                    Value::Object(m)
                })
                .collect();
            out.insert("ok".into(), Value::Bool(true));
            out.insert("values".into(), Value::Array(values));
        }
        "bench" => {
            let format = str_field(req, "format")?;
            let type_name = str_field(req, "type")?;
            let input = str_field(req, "input")?;
            let iterations = req.get("iterations").and_then(Value::as_u64).unwrap_or(10_000);
            dispatch!(type_name, out, { return Err(format!("harness: unknown type {type_name:?}")) },
                bench_typed, format, input, iterations);
        }
        other if releases::handle(other, req, out)? => {}
        other => return Err(format!("harness: unknown op {other:?}")),
    }
    Ok(())
}

fn answer(line: &str) -> Value {
    let req: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({"id": null, "ok": false, "error": format!("harness: bad request: {e}")}),
    };
    let mut out = Map::new();
    out.insert("id".into(), req.get("id").cloned().unwrap_or(Value::Null));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut body = Map::new();
        let r = handle(&req, &mut body);
        (r, body)
    }));
    match result {
        Ok((Ok(()), body)) => out.extend(body),
        Ok((Err(e), _)) => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(e));
        }
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown".into());
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(format!("panic: {msg}")));
        }
    }
    Value::Object(out)
}

fn main() {
    // A panic is reported as a response; keep the default hook from writing to stderr noise.
    std::panic::set_hook(Box::new(|_| {}));
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(l) => l,
            Err(_) => break,
        };
        if line.trim().is_empty() {
            continue;
        }
        let resp = answer(&line);
        if writeln!(out, "{resp}").and_then(|_| out.flush()).is_err() {
            break;
        }
    }
}
