//! Generation 4 (jammi-wire 0.48.0 – 0.49.1): generation 3 plus
//! `keep_last_n_checkpoints: Option<u32>`, a deserialization-time refusal of a
//! non-finite `max_grad_norm`, three more validate() rules, and the held-out result
//! types `ExampleLoss` / `HeldOutLoss`.
use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::g2::{default_fine_tune_seed, default_max_grad_norm, default_weight_decay};
use crate::error::JammiError;
pub use super::g2::DEFAULT_FINE_TUNE_SEED;
pub use super::numerics::ComputePrecision;
pub use crate::fine_tune::{
    ClassificationLoss, EarlyStoppingMetric, EmbeddingLoss, FineTuneMethod, HardNegativeConfig,
    LrSchedule, RegressionLoss,
};
pub use crate::jammi_lora::LoraInitMode;

/// `deserialize_with` for `max_grad_norm`: any f64 the format yields, but not NaN/inf.
pub(crate) fn finite_max_grad_norm<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format!("max_grad_norm must be finite, got {v}")))
    }
}

pub(crate) const KEEP_ZERO: &str = "keep_last_n_checkpoints=0 is ambiguous; omit the field to \
    disable per-epoch checkpointing entirely (the default), or set it to a value >= 1 to \
    enable it and retain a rolling window (>= epochs retains every epoch)";
pub(crate) const VAL_LOSS_NEEDS_SPLIT: &str = "early_stopping_metric=val_loss requires \
    validation_fraction > 0; set early_stopping_metric=train_loss to train on the whole \
    dataset, or raise validation_fraction to hold out a split";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FineTuneConfig {
    pub lora_rank: usize,
    pub lora_alpha: f64,
    pub lora_dropout: f64,
    pub learning_rate: f64,
    pub epochs: usize,
    pub batch_size: usize,
    pub max_seq_length: usize,
    pub embedding_loss: Option<EmbeddingLoss>,
    pub classification_loss: Option<ClassificationLoss>,
    #[serde(default)]
    pub regression_loss: Option<RegressionLoss>,
    #[serde(default)]
    pub quantile_levels: Vec<f64>,
    pub gradient_accumulation_steps: usize,
    pub validation_fraction: f64,
    pub early_stopping_patience: usize,
    pub warmup_steps: usize,
    pub lr_schedule: LrSchedule,
    #[serde(default)]
    pub early_stopping_metric: EarlyStoppingMetric,
    #[serde(default)]
    pub target_modules: Vec<String>,
    #[serde(default)]
    pub layers_to_transform: Option<Vec<usize>>,
    #[serde(default)]
    pub use_rslora: bool,
    #[serde(default)]
    pub rank_pattern: HashMap<String, usize>,
    #[serde(default)]
    pub init_lora_weights: LoraInitMode,
    #[serde(default)]
    pub backbone_dtype: ComputePrecision,
    #[serde(default = "default_weight_decay")]
    pub weight_decay: f64,
    #[serde(default = "default_max_grad_norm", deserialize_with = "finite_max_grad_norm")]
    pub max_grad_norm: f64,
    #[serde(default)]
    pub cached: bool,
    #[serde(default)]
    pub hard_negatives: HardNegativeConfig,
    #[serde(default)]
    pub matryoshka_dims: Vec<usize>,
    #[serde(default = "default_fine_tune_seed")]
    pub seed: u64,
    #[serde(default)]
    pub keep_last_n_checkpoints: Option<u32>,
}

impl Default for FineTuneConfig {
    fn default() -> Self {
        Self {
            lora_rank: 8,
            lora_alpha: 16.0,
            lora_dropout: 0.05,
            learning_rate: 2e-4,
            epochs: 3,
            batch_size: 8,
            max_seq_length: 512,
            embedding_loss: None,
            classification_loss: None,
            regression_loss: None,
            quantile_levels: Vec::new(),
            gradient_accumulation_steps: 1,
            validation_fraction: 0.1,
            early_stopping_patience: 3,
            warmup_steps: 100,
            lr_schedule: LrSchedule::CosineDecay,
            early_stopping_metric: EarlyStoppingMetric::ValLoss,
            target_modules: Vec::new(),
            layers_to_transform: None,
            use_rslora: false,
            rank_pattern: HashMap::new(),
            init_lora_weights: LoraInitMode::ZerosB,
            backbone_dtype: ComputePrecision::F32,
            weight_decay: 0.01,
            max_grad_norm: 1.0,
            cached: false,
            hard_negatives: HardNegativeConfig::default(),
            matryoshka_dims: Vec::new(),
            seed: DEFAULT_FINE_TUNE_SEED,
            keep_last_n_checkpoints: None,
        }
    }
}

impl FineTuneConfig {
    pub fn validate(&self) -> Result<(), JammiError> {
        let fail = |m: String| Err(JammiError::FineTune(m));
        if self.lora_rank == 0 {
            return fail("lora_rank must be > 0".into());
        }
        if self.lora_alpha <= 0.0 {
            return fail("lora_alpha must be > 0".into());
        }
        if !(0.0..1.0).contains(&self.lora_dropout) {
            return fail("lora_dropout must be in [0.0, 1.0)".into());
        }
        if self.learning_rate <= 0.0 {
            return fail("learning_rate must be > 0".into());
        }
        if self.epochs == 0 {
            return fail("epochs must be > 0".into());
        }
        if self.batch_size == 0 {
            return fail("batch_size must be > 0".into());
        }
        if self.gradient_accumulation_steps == 0 {
            return fail("gradient_accumulation_steps must be > 0".into());
        }
        if !self.max_grad_norm.is_finite() {
            return fail(format!("max_grad_norm must be finite, got {}", self.max_grad_norm));
        }
        if !(0.0..1.0).contains(&self.validation_fraction) {
            return fail("validation_fraction must be in [0.0, 1.0)".into());
        }
        if self.early_stopping_patience == 0 {
            return fail("early_stopping_patience must be > 0".into());
        }
        if self.validation_fraction == 0.0
            && self.early_stopping_metric == EarlyStoppingMetric::ValLoss
        {
            return fail(VAL_LOSS_NEEDS_SPLIT.into());
        }
        if self.hard_negatives.mine {
            if self.hard_negatives.k == 0 {
                return fail("hard_negatives.k must be > 0 when mining is enabled".into());
            }
            if self.hard_negatives.refresh_every == 0 {
                return fail(
                    "hard_negatives.refresh_every must be > 0 when mining is enabled".into(),
                );
            }
        }
        if self.matryoshka_dims.contains(&0) {
            return fail("matryoshka_dims entries must all be > 0".into());
        }
        if let Some(RegressionLoss::BetaNll { beta }) = self.regression_loss {
            if !(0.0..=1.0).contains(&beta) {
                return fail("regression_loss BetaNll beta must be in [0.0, 1.0]".into());
            }
        }
        if matches!(self.regression_loss, Some(RegressionLoss::Pinball)) {
            if self.quantile_levels.is_empty() {
                return fail("Pinball regression loss requires at least one quantile level".into());
            }
            if self.quantile_levels.iter().any(|&q| !(0.0..1.0).contains(&q) || q <= 0.0) {
                return fail("quantile_levels must lie strictly in (0, 1)".into());
            }
            if self.quantile_levels.windows(2).any(|w| w[1] <= w[0]) {
                return fail("quantile_levels must be strictly ascending".into());
            }
        }
        if self.keep_last_n_checkpoints == Some(0) {
            return fail(KEEP_ZERO.into());
        }
        Ok(())
    }
}

/// One held-out example and the model's loss on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleLoss {
    pub example_id: String,
    pub loss: f64,
}

/// Per-example held-out losses with their mean and the batch partition they came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldOutLoss {
    pub per_example: Vec<ExampleLoss>,
    pub mean: f64,
    pub count: usize,
    pub tie_fraction: f64,
    pub batch_partition_sha256: String,
    pub in_batch_negatives_per_example: usize,
}
