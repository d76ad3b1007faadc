//! Generation 2 (jammi-wire 0.28.0 – 0.41.0): generation 1 plus a `seed: u64` as the
//! last field, defaulted to 42 when absent. Every other type is generation 1's.
//! The config is generic over the backbone dtype so that generation 3, which changes
//! only that type, is this struct with `ComputePrecision`.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::JammiError;
pub use crate::fine_tune::{
    ClassificationLoss, EarlyStoppingMetric, EmbeddingLoss, FineTuneMethod, HardNegativeConfig,
    LrSchedule, RegressionLoss,
};
pub use crate::jammi_lora::{BackboneDtype, LoraInitMode};

pub const DEFAULT_FINE_TUNE_SEED: u64 = 42;

pub(crate) fn default_fine_tune_seed() -> u64 {
    DEFAULT_FINE_TUNE_SEED
}
pub(crate) fn default_weight_decay() -> f64 {
    0.01
}
pub(crate) fn default_max_grad_norm() -> f64 {
    1.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FineTuneConfig<D = BackboneDtype> {
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
    pub backbone_dtype: D,
    #[serde(default = "default_weight_decay")]
    pub weight_decay: f64,
    #[serde(default = "default_max_grad_norm")]
    pub max_grad_norm: f64,
    #[serde(default)]
    pub cached: bool,
    #[serde(default)]
    pub hard_negatives: HardNegativeConfig,
    #[serde(default)]
    pub matryoshka_dims: Vec<usize>,
    #[serde(default = "default_fine_tune_seed")]
    pub seed: u64,
}

impl<D: Default> Default for FineTuneConfig<D> {
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
            backbone_dtype: D::default(),
            weight_decay: 0.01,
            max_grad_norm: 1.0,
            cached: false,
            hard_negatives: HardNegativeConfig::default(),
            matryoshka_dims: Vec::new(),
            seed: DEFAULT_FINE_TUNE_SEED,
        }
    }
}

impl<D> FineTuneConfig<D> {
    /// The generation 1 rules, unchanged.
    pub fn validate(&self) -> Result<(), JammiError> {
        let fail = |m: &str| Err(JammiError::FineTune(m.into()));
        if self.lora_rank == 0 {
            return fail("lora_rank must be > 0");
        }
        if self.lora_alpha <= 0.0 {
            return fail("lora_alpha must be > 0");
        }
        if !(0.0..1.0).contains(&self.lora_dropout) {
            return fail("lora_dropout must be in [0.0, 1.0)");
        }
        if self.learning_rate <= 0.0 {
            return fail("learning_rate must be > 0");
        }
        if self.epochs == 0 {
            return fail("epochs must be > 0");
        }
        if self.batch_size == 0 {
            return fail("batch_size must be > 0");
        }
        if self.gradient_accumulation_steps == 0 {
            return fail("gradient_accumulation_steps must be > 0");
        }
        if !(0.0..1.0).contains(&self.validation_fraction) {
            return fail("validation_fraction must be in [0.0, 1.0)");
        }
        if self.early_stopping_patience == 0 {
            return fail("early_stopping_patience must be > 0");
        }
        if self.hard_negatives.mine {
            if self.hard_negatives.k == 0 {
                return fail("hard_negatives.k must be > 0 when mining is enabled");
            }
            if self.hard_negatives.refresh_every == 0 {
                return fail("hard_negatives.refresh_every must be > 0 when mining is enabled");
            }
        }
        if self.matryoshka_dims.contains(&0) {
            return fail("matryoshka_dims entries must all be > 0");
        }
        if let Some(RegressionLoss::BetaNll { beta }) = self.regression_loss {
            if !(0.0..=1.0).contains(&beta) {
                return fail("regression_loss BetaNll beta must be in [0.0, 1.0]");
            }
        }
        if matches!(self.regression_loss, Some(RegressionLoss::Pinball)) {
            if self.quantile_levels.is_empty() {
                return fail("Pinball regression loss requires at least one quantile level");
            }
            if self.quantile_levels.iter().any(|&q| !(0.0..1.0).contains(&q) || q <= 0.0) {
                return fail("quantile_levels must lie strictly in (0, 1)");
            }
            if self.quantile_levels.windows(2).any(|w| w[1] <= w[0]) {
                return fail("quantile_levels must be strictly ascending");
            }
        }
        Ok(())
    }
}
