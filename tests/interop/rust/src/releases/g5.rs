//! Generation 5 (jammi-wire 0.50.0 – 0.54.0): `deny_unknown_fields` on the config,
//! `HardNegativeConfig` and the three loss enums; `warmup_steps` replaced by the
//! required `warmup: Warmup` (newtype variants `steps(usize)` / `fraction(f64)`), and a
//! validate() rule on the warmup fraction, checked right after `lora_rank`.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::g2::{default_fine_tune_seed, default_max_grad_norm, default_weight_decay};
use super::g4::{finite_max_grad_norm, KEEP_ZERO, VAL_LOSS_NEEDS_SPLIT};
use crate::error::JammiError;
pub use super::g2::DEFAULT_FINE_TUNE_SEED;
pub use super::g4::{ExampleLoss, HeldOutLoss};
pub use super::numerics::ComputePrecision;
pub use crate::fine_tune::{EarlyStoppingMetric, FineTuneMethod, LrSchedule};
pub use crate::jammi_lora::LoraInitMode;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum EmbeddingLoss {
    #[default]
    CoSent,
    Triplet { margin: f64 },
    MultipleNegativesRanking { temperature: f64 },
    AnglE,
    CosineMse,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RegressionLoss {
    GaussianNll,
    BetaNll { beta: f64 },
    Crps,
    Pinball,
}

impl Default for RegressionLoss {
    fn default() -> Self {
        Self::BetaNll { beta: 0.5 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ClassificationLoss {
    #[default]
    CrossEntropy,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warmup {
    Steps(usize),
    Fraction(f64),
}

impl Default for Warmup {
    fn default() -> Self {
        Self::Fraction(0.1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HardNegativeConfig {
    pub mine: bool,
    pub k: usize,
    pub exclude_hops: usize,
    pub refresh_every: usize,
}

impl Default for HardNegativeConfig {
    fn default() -> Self {
        Self { mine: false, k: 1, exclude_hops: 1, refresh_every: 1 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    pub warmup: Warmup,
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
            warmup: Warmup::default(),
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
        if let Warmup::Fraction(fraction) = self.warmup {
            if !(0.0..1.0).contains(&fraction) {
                return fail(format!("warmup fraction must be in [0, 1), got {fraction}"));
            }
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
