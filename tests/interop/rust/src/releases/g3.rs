//! Generation 3 (jammi-wire 0.42.0 – 0.47.0): generation 2 with `backbone_dtype` typed
//! as `ComputePrecision` (same wire names, another declaration order).
pub use super::g2::DEFAULT_FINE_TUNE_SEED;
pub use super::numerics::ComputePrecision;
pub use crate::fine_tune::{
    ClassificationLoss, EarlyStoppingMetric, EmbeddingLoss, FineTuneMethod, HardNegativeConfig,
    LrSchedule, RegressionLoss,
};
pub use crate::jammi_lora::LoraInitMode;

pub type FineTuneConfig = super::g2::FineTuneConfig<ComputePrecision>;
