//! The eval report vocabulary (jammi-wire 0.54.0 `src/eval/`, identical on the wire since
//! 0.26.3) and the jammi-numerics structs it embeds. Field names, types and serde
//! attributes are copied as facts; the number-crunching methods are left out because
//! they never cross the wire. Protocol type names are `eval::<Type>`.
//!
//! Ops handled here (see `handle`): `decode` for `eval::` types, `eval::random` (seeded
//! values of one type, every encoding), `eval::parse` (FromStr + Display of the two unit
//! enums) and `eval::f32_text` (serde_json's and serde_yaml's text for many f32s at once).
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{decode_typed, encode_all, Rng, Validate};

// ---------------------------------------------------------------- jammi-numerics

/// classification: one class's scores.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ClassMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// classification: the task-level result.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ClassificationResult {
    pub accuracy: f64,
    pub f1: f64,
    pub per_class: HashMap<String, ClassMetrics>,
}

/// ner: one entity span (byte offsets, end exclusive).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entity {
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub confidence: f32,
}

/// ner: strict-match metrics over all entity types.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NerMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub per_type: HashMap<String, TypeMetrics>,
}

/// ner: one entity type's scores and support.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TypeMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// retrieval: one query's scores.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QueryMetrics {
    pub recall: f64,
    pub precision: f64,
    pub mrr: f64,
    pub ndcg: f64,
}

/// retrieval: means over the queries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AggregateMetrics {
    pub recall_at_k: f64,
    pub precision_at_k: f64,
    pub mrr: f64,
    pub ndcg: f64,
}

// ---------------------------------------------------------------- eval/mod.rs

/// Which predictive form a calibration source holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalCalibrationShape {
    Gaussian,
    Sample,
}

impl std::fmt::Display for EvalCalibrationShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Gaussian => "calibration_gaussian",
            Self::Sample => "calibration_sample",
        })
    }
}

impl std::str::FromStr for EvalCalibrationShape {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "gaussian" => Ok(Self::Gaussian),
            "sample" => Ok(Self::Sample),
            other => Err(format!("Unknown calibration shape '{other}'. Expected: gaussian, sample")),
        }
    }
}

/// Which inference metric family applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalTask {
    Classification,
    Ner,
}

impl std::fmt::Display for EvalTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Classification => "classification",
            Self::Ner => "ner",
        })
    }
}

impl std::str::FromStr for EvalTask {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "classification" => Ok(Self::Classification),
            "ner" => Ok(Self::Ner),
            other => Err(format!("Unknown eval task '{other}'. Expected: classification, ner")),
        }
    }
}

// ---------------------------------------------------------------- eval/report.rs

/// Retrieval eval: run id, means, one record per query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmbeddingEvalReport {
    #[serde(default)]
    pub eval_run_id: String,
    pub aggregate: AggregateMetrics,
    pub per_query: Vec<PerQueryRecord>,
}

/// One query: its id, scores, recall at several k, top-1 score and cohort tags.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PerQueryRecord {
    pub query_id: String,
    pub metrics: QueryMetrics,
    #[serde(default)]
    pub recall_at_ks: Vec<(usize, f64)>,
    #[serde(default)]
    pub distance: f64,
    #[serde(default)]
    pub cohorts: BTreeMap<String, String>,
}

/// Inference eval: the task's aggregate and one prediction per record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InferenceEvalReport {
    pub aggregate: InferenceAggregate,
    pub per_record: Vec<PerRecordPrediction>,
}

/// Internally tagged by `task`, newtype variants.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum InferenceAggregate {
    Classification(ClassificationResult),
    Ner(NerMetrics),
}

/// Internally tagged by `task`, struct variants.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum PerRecordPrediction {
    Classification {
        record_id: String,
        predicted: String,
        gold: String,
    },
    Ner {
        record_id: String,
        predicted: Vec<Entity>,
        gold: Vec<Entity>,
    },
}

/// Internally tagged by `shape`, struct variants.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum CalibrationPrediction {
    Gaussian {
        record_id: String,
        mean: f64,
        sd: f64,
        outcome: f64,
        #[serde(default)]
        cohorts: BTreeMap<String, String>,
    },
    Sample {
        record_id: String,
        draws: Vec<f64>,
        outcome: f64,
        #[serde(default)]
        cohorts: BTreeMap<String, String>,
    },
}

/// One record's calibration scores.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PerRecordCalibration {
    pub record_id: String,
    pub crps: f64,
    pub nll: f64,
    pub pit: f64,
    pub covered: bool,
    pub interval_width: f64,
    #[serde(default)]
    pub cohorts: BTreeMap<String, String>,
}

/// Calibration means over all records.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalibrationAggregate {
    pub n: usize,
    pub crps: f64,
    pub nll: f64,
    pub adaptive_ece: f64,
    pub sharpness: f64,
    pub coverage: f64,
}

/// Calibration scores of one (key, value) cohort.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CohortCalibration {
    pub key: String,
    pub value: String,
    pub n: usize,
    pub crps: f64,
    #[serde(default)]
    pub crps_ci_lower: Option<f64>,
    #[serde(default)]
    pub crps_ci_upper: Option<f64>,
    pub coverage: f64,
}

/// Calibration eval: run id, means, cohort slices, per-record scores.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalibrationEvalReport {
    #[serde(default)]
    pub eval_run_id: String,
    pub aggregate: CalibrationAggregate,
    pub per_cohort: Vec<CohortCalibration>,
    pub per_record: Vec<PerRecordCalibration>,
}

/// Compare eval: one entry per table, the first is the baseline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompareEvalReport {
    pub per_table: Vec<TableEvalReport>,
}

/// One table's retrieval eval and its delta to the baseline (none for the baseline).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableEvalReport {
    pub table_name: String,
    pub embedding_eval: EmbeddingEvalReport,
    pub delta: Option<AggregateDelta>,
}

/// Deltas of the four retrieval means, with their paired significance when any.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AggregateDelta {
    pub recall_at_k: MetricDelta,
    pub precision_at_k: MetricDelta,
    pub mrr: MetricDelta,
    pub ndcg: MetricDelta,
    #[serde(default)]
    pub significance: Option<DeltaSignificance>,
}

/// One metric's absolute and relative delta.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct MetricDelta {
    pub absolute: f64,
    pub relative: f64,
}

/// Significance of each of the four deltas.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct DeltaSignificance {
    pub recall_at_k: MetricSignificance,
    pub precision_at_k: MetricSignificance,
    pub mrr: MetricSignificance,
    pub ndcg: MetricSignificance,
}

/// p-value and confidence interval of one delta.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct MetricSignificance {
    pub p_value: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

// No eval type has a validate(): the verdict is serde's alone.
macro_rules! no_validate {
    ($($t:ty),*) => { $(impl Validate for $t {})* };
}
no_validate!(
    ClassMetrics, ClassificationResult, Entity, NerMetrics, TypeMetrics, QueryMetrics,
    AggregateMetrics, EvalCalibrationShape, EvalTask, EmbeddingEvalReport, PerQueryRecord,
    InferenceEvalReport, InferenceAggregate, PerRecordPrediction, CalibrationPrediction,
    PerRecordCalibration, CalibrationAggregate, CohortCalibration, CalibrationEvalReport,
    CompareEvalReport, TableEvalReport, AggregateDelta, MetricDelta, DeltaSignificance,
    MetricSignificance
);

/// Every protocol name, in one list (the Python tests read it back with `eval::types`).
pub const TYPES: &[&str] = &[
    "eval::ClassMetrics",
    "eval::ClassificationResult",
    "eval::Entity",
    "eval::NerMetrics",
    "eval::TypeMetrics",
    "eval::QueryMetrics",
    "eval::AggregateMetrics",
    "eval::EvalCalibrationShape",
    "eval::EvalTask",
    "eval::EmbeddingEvalReport",
    "eval::PerQueryRecord",
    "eval::InferenceEvalReport",
    "eval::InferenceAggregate",
    "eval::PerRecordPrediction",
    "eval::CalibrationPrediction",
    "eval::PerRecordCalibration",
    "eval::CalibrationAggregate",
    "eval::CohortCalibration",
    "eval::CalibrationEvalReport",
    "eval::CompareEvalReport",
    "eval::TableEvalReport",
    "eval::AggregateDelta",
    "eval::MetricDelta",
    "eval::DeltaSignificance",
    "eval::MetricSignificance",
];

/// Calls `$f::<T>(args..., out)` for the eval type named `$name`; `$unknown` otherwise.
macro_rules! eval_dispatch {
    ($name:expr, $unknown:block, $f:ident $(, $arg:expr)*) => {
        match $name {
            "eval::ClassMetrics" => $f::<ClassMetrics>($($arg),*),
            "eval::ClassificationResult" => $f::<ClassificationResult>($($arg),*),
            "eval::Entity" => $f::<Entity>($($arg),*),
            "eval::NerMetrics" => $f::<NerMetrics>($($arg),*),
            "eval::TypeMetrics" => $f::<TypeMetrics>($($arg),*),
            "eval::QueryMetrics" => $f::<QueryMetrics>($($arg),*),
            "eval::AggregateMetrics" => $f::<AggregateMetrics>($($arg),*),
            "eval::EvalCalibrationShape" => $f::<EvalCalibrationShape>($($arg),*),
            "eval::EvalTask" => $f::<EvalTask>($($arg),*),
            "eval::EmbeddingEvalReport" => $f::<EmbeddingEvalReport>($($arg),*),
            "eval::PerQueryRecord" => $f::<PerQueryRecord>($($arg),*),
            "eval::InferenceEvalReport" => $f::<InferenceEvalReport>($($arg),*),
            "eval::InferenceAggregate" => $f::<InferenceAggregate>($($arg),*),
            "eval::PerRecordPrediction" => $f::<PerRecordPrediction>($($arg),*),
            "eval::CalibrationPrediction" => $f::<CalibrationPrediction>($($arg),*),
            "eval::PerRecordCalibration" => $f::<PerRecordCalibration>($($arg),*),
            "eval::CalibrationAggregate" => $f::<CalibrationAggregate>($($arg),*),
            "eval::CohortCalibration" => $f::<CohortCalibration>($($arg),*),
            "eval::CalibrationEvalReport" => $f::<CalibrationEvalReport>($($arg),*),
            "eval::CompareEvalReport" => $f::<CompareEvalReport>($($arg),*),
            "eval::TableEvalReport" => $f::<TableEvalReport>($($arg),*),
            "eval::AggregateDelta" => $f::<AggregateDelta>($($arg),*),
            "eval::MetricDelta" => $f::<MetricDelta>($($arg),*),
            "eval::DeltaSignificance" => $f::<DeltaSignificance>($($arg),*),
            "eval::MetricSignificance" => $f::<MetricSignificance>($($arg),*),
            _ => $unknown,
        }
    };
}

// ---------------------------------------------------------------- random values

/// How a type draws a random value of itself.
pub trait Random: Sized {
    fn random(r: &mut Rng) -> Self;
}

/// An f32 drawn across the interesting ranges: specials, any finite bit pattern,
/// subnormals, short decimals, f64 values rounded to f32.
pub fn random_f32(r: &mut Rng) -> f32 {
    const SPECIAL: &[f32] = &[
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        0.1,
        0.3,
        0.95,
        1e-7,
        1e7,
        16777216.0,
        16777217.0,
        3.4028235e38,
        -3.4028235e38,
        1.1754944e-38,
        1e-45,
        -1e-45,
        0.99999994,
        1.0000001,
    ];
    loop {
        let v = match r.below(6) {
            0 => SPECIAL[r.below(SPECIAL.len() as u64) as usize],
            1 | 2 => f32::from_bits(r.next() as u32),
            3 => f32::from_bits(r.below(1 << 23) as u32) * if r.chance(50) { 1.0 } else { -1.0 },
            4 => r.below(100_000) as f32 / 1000.0,
            _ => r.f64() as f32,
        };
        if v.is_finite() {
            return v;
        }
    }
}

/// A short string half the time (cohort values, labels), the harness's odd strings otherwise.
fn label(r: &mut Rng) -> String {
    const PLAIN: &[&str] = &["PER", "ORG", "LOC", "spam", "ham", "q1", "r-7", "tier", "easy"];
    if r.chance(50) {
        PLAIN[r.below(PLAIN.len() as u64) as usize].to_string()
    } else {
        r.string()
    }
}

fn tags(r: &mut Rng) -> BTreeMap<String, String> {
    let n = r.below(4);
    (0..n).map(|_| (label(r), label(r))).collect()
}

fn hash_map<V>(r: &mut Rng, f: impl Fn(&mut Rng) -> V) -> HashMap<String, V> {
    let n = r.below(4);
    (0..n).map(|_| (label(r), f(r))).collect()
}

impl Random for ClassMetrics {
    fn random(r: &mut Rng) -> Self {
        Self { precision: r.f64(), recall: r.f64(), f1: r.f64() }
    }
}
impl Random for ClassificationResult {
    fn random(r: &mut Rng) -> Self {
        Self { accuracy: r.f64(), f1: r.f64(), per_class: hash_map(r, ClassMetrics::random) }
    }
}
impl Random for Entity {
    fn random(r: &mut Rng) -> Self {
        Self {
            label: label(r),
            start: r.usize(),
            end: r.usize(),
            text: r.string(),
            confidence: random_f32(r),
        }
    }
}
impl Random for TypeMetrics {
    fn random(r: &mut Rng) -> Self {
        Self { precision: r.f64(), recall: r.f64(), f1: r.f64(), support: r.usize() }
    }
}
impl Random for NerMetrics {
    fn random(r: &mut Rng) -> Self {
        Self {
            precision: r.f64(),
            recall: r.f64(),
            f1: r.f64(),
            per_type: hash_map(r, TypeMetrics::random),
        }
    }
}
impl Random for QueryMetrics {
    fn random(r: &mut Rng) -> Self {
        Self { recall: r.f64(), precision: r.f64(), mrr: r.f64(), ndcg: r.f64() }
    }
}
impl Random for AggregateMetrics {
    fn random(r: &mut Rng) -> Self {
        Self { recall_at_k: r.f64(), precision_at_k: r.f64(), mrr: r.f64(), ndcg: r.f64() }
    }
}
impl Random for EvalCalibrationShape {
    fn random(r: &mut Rng) -> Self {
        if r.chance(50) { Self::Gaussian } else { Self::Sample }
    }
}
impl Random for EvalTask {
    fn random(r: &mut Rng) -> Self {
        if r.chance(50) { Self::Classification } else { Self::Ner }
    }
}
impl Random for PerQueryRecord {
    fn random(r: &mut Rng) -> Self {
        Self {
            query_id: label(r),
            metrics: QueryMetrics::random(r),
            recall_at_ks: r.vec(4, |r| (r.usize(), r.f64())),
            distance: r.f64(),
            cohorts: tags(r),
        }
    }
}
impl Random for EmbeddingEvalReport {
    fn random(r: &mut Rng) -> Self {
        Self {
            eval_run_id: label(r),
            aggregate: AggregateMetrics::random(r),
            per_query: r.vec(3, PerQueryRecord::random),
        }
    }
}
impl Random for InferenceAggregate {
    fn random(r: &mut Rng) -> Self {
        if r.chance(50) {
            Self::Classification(ClassificationResult::random(r))
        } else {
            Self::Ner(NerMetrics::random(r))
        }
    }
}
impl Random for PerRecordPrediction {
    fn random(r: &mut Rng) -> Self {
        if r.chance(50) {
            Self::Classification { record_id: label(r), predicted: label(r), gold: label(r) }
        } else {
            Self::Ner {
                record_id: label(r),
                predicted: r.vec(3, Entity::random),
                gold: r.vec(3, Entity::random),
            }
        }
    }
}
impl Random for InferenceEvalReport {
    fn random(r: &mut Rng) -> Self {
        Self {
            aggregate: InferenceAggregate::random(r),
            per_record: r.vec(3, PerRecordPrediction::random),
        }
    }
}
impl Random for CalibrationPrediction {
    fn random(r: &mut Rng) -> Self {
        if r.chance(50) {
            Self::Gaussian {
                record_id: label(r),
                mean: r.f64(),
                sd: r.f64(),
                outcome: r.f64(),
                cohorts: tags(r),
            }
        } else {
            Self::Sample {
                record_id: label(r),
                draws: r.vec(4, |r| r.f64()),
                outcome: r.f64(),
                cohorts: tags(r),
            }
        }
    }
}
impl Random for PerRecordCalibration {
    fn random(r: &mut Rng) -> Self {
        Self {
            record_id: label(r),
            crps: r.f64(),
            nll: r.f64(),
            pit: r.f64(),
            covered: r.chance(50),
            interval_width: r.f64(),
            cohorts: tags(r),
        }
    }
}
impl Random for CalibrationAggregate {
    fn random(r: &mut Rng) -> Self {
        Self {
            n: r.usize(),
            crps: r.f64(),
            nll: r.f64(),
            adaptive_ece: r.f64(),
            sharpness: r.f64(),
            coverage: r.f64(),
        }
    }
}
impl Random for CohortCalibration {
    fn random(r: &mut Rng) -> Self {
        let ci = r.chance(50);
        Self {
            key: label(r),
            value: label(r),
            n: r.usize(),
            crps: r.f64(),
            crps_ci_lower: if ci { Some(r.f64()) } else { None },
            crps_ci_upper: if ci || r.chance(20) { Some(r.f64()) } else { None },
            coverage: r.f64(),
        }
    }
}
impl Random for CalibrationEvalReport {
    fn random(r: &mut Rng) -> Self {
        Self {
            eval_run_id: label(r),
            aggregate: CalibrationAggregate::random(r),
            per_cohort: r.vec(3, CohortCalibration::random),
            per_record: r.vec(3, PerRecordCalibration::random),
        }
    }
}
impl Random for MetricDelta {
    fn random(r: &mut Rng) -> Self {
        Self { absolute: r.f64(), relative: r.f64() }
    }
}
impl Random for MetricSignificance {
    fn random(r: &mut Rng) -> Self {
        Self { p_value: r.f64(), ci_lower: r.f64(), ci_upper: r.f64() }
    }
}
impl Random for DeltaSignificance {
    fn random(r: &mut Rng) -> Self {
        Self {
            recall_at_k: MetricSignificance::random(r),
            precision_at_k: MetricSignificance::random(r),
            mrr: MetricSignificance::random(r),
            ndcg: MetricSignificance::random(r),
        }
    }
}
impl Random for AggregateDelta {
    fn random(r: &mut Rng) -> Self {
        Self {
            recall_at_k: MetricDelta::random(r),
            precision_at_k: MetricDelta::random(r),
            mrr: MetricDelta::random(r),
            ndcg: MetricDelta::random(r),
            significance: if r.chance(50) { Some(DeltaSignificance::random(r)) } else { None },
        }
    }
}
impl Random for TableEvalReport {
    fn random(r: &mut Rng) -> Self {
        Self {
            table_name: label(r),
            embedding_eval: EmbeddingEvalReport::random(r),
            delta: if r.chance(50) { Some(AggregateDelta::random(r)) } else { None },
        }
    }
}
impl Random for CompareEvalReport {
    fn random(r: &mut Rng) -> Self {
        Self { per_table: r.vec(3, TableEvalReport::random) }
    }
}

// ---------------------------------------------------------------- ops

fn random_values<T: Random + Serialize + Validate>(seed: u64, count: u64, out: &mut Map<String, Value>) {
    let mut rng = Rng(seed);
    let values: Vec<Value> = (0..count)
        .map(|_| {
            let mut m = Map::new();
            encode_all(&T::random(&mut rng), &mut m);
            Value::Object(m)
        })
        .collect();
    out.insert("ok".into(), Value::Bool(true));
    out.insert("values".into(), Value::Array(values));
}

fn decode_eval<T: serde::de::DeserializeOwned + Serialize + Validate>(
    format: &str,
    input: &str,
    out: &mut Map<String, Value>,
) {
    decode_typed::<T>(format, input, out)
}

fn parse_display<T: std::str::FromStr<Err = String> + std::fmt::Display>(
    input: &str,
    out: &mut Map<String, Value>,
) {
    match input.parse::<T>() {
        Ok(v) => {
            out.insert("ok".into(), Value::Bool(true));
            out.insert("display".into(), Value::String(v.to_string()));
        }
        Err(e) => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(e));
        }
    }
}

/// serde_json's and serde_yaml's text for each f32, given as its bit pattern (`bits`) or
/// drawn from `seed`/`count`; answers `bits`, `json` and `yaml` lists of equal length.
fn f32_text(req: &Value, out: &mut Map<String, Value>) -> Result<(), String> {
    let values: Vec<f32> = match req.get("bits").and_then(Value::as_array) {
        Some(bits) => bits
            .iter()
            .map(|b| b.as_u64().map(|b| f32::from_bits(b as u32)))
            .collect::<Option<_>>()
            .ok_or("harness: bits must be unsigned integers")?,
        None => {
            let mut rng = Rng(req.get("seed").and_then(Value::as_u64).unwrap_or(0));
            let count = req.get("count").and_then(Value::as_u64).unwrap_or(1);
            (0..count).map(|_| random_f32(&mut rng)).collect()
        }
    };
    let mut bits = Vec::with_capacity(values.len());
    let mut json = Vec::with_capacity(values.len());
    let mut yaml = Vec::with_capacity(values.len());
    for v in values {
        bits.push(Value::from(v.to_bits()));
        json.push(Value::String(serde_json::to_string(&v).map_err(|e| e.to_string())?));
        yaml.push(Value::String(serde_yaml::to_string(&v).map_err(|e| e.to_string())?));
    }
    out.insert("ok".into(), Value::Bool(true));
    out.insert("bits".into(), Value::Array(bits));
    out.insert("json".into(), Value::Array(json));
    out.insert("yaml".into(), Value::Array(yaml));
    Ok(())
}

fn field<'a>(req: &'a Value, name: &str) -> Result<&'a str, String> {
    req.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("harness: request needs string field {name:?}"))
}

/// The eval ops; `None` when the request is not for this module.
pub fn handle(op: &str, req: &Value, out: &mut Map<String, Value>) -> Option<Result<(), String>> {
    let type_name = req.get("type").and_then(Value::as_str).unwrap_or("");
    let unknown = || -> Result<(), String> { Err(format!("harness: unknown eval type {type_name:?}")) };
    let result = match op {
        "decode" if type_name.starts_with("eval::") => (|| {
            let format = field(req, "format")?;
            let input = field(req, "input")?;
            eval_dispatch!(type_name, { return unknown() }, decode_eval, format, input, out);
            Ok(())
        })(),
        "eval::random" => {
            let seed = req.get("seed").and_then(Value::as_u64).unwrap_or(0);
            let count = req.get("count").and_then(Value::as_u64).unwrap_or(1);
            eval_dispatch!(type_name, { return Some(unknown()) }, random_values, seed, count, out);
            Ok(())
        }
        "eval::parse" => (|| {
            let input = field(req, "input")?;
            match type_name {
                "eval::EvalTask" => parse_display::<EvalTask>(input, out),
                "eval::EvalCalibrationShape" => parse_display::<EvalCalibrationShape>(input, out),
                _ => return unknown(),
            }
            Ok(())
        })(),
        "eval::f32_text" => f32_text(req, out),
        "eval::types" => {
            out.insert("ok".into(), Value::Bool(true));
            out.insert("types".into(), TYPES.iter().map(|t| Value::from(*t)).collect());
            Ok(())
        }
        _ => return None,
    };
    Some(result)
}
