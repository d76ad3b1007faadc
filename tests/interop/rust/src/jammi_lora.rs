use serde::{Deserialize, Serialize};
// Reference: the two jammi-lora types that FineTuneConfig re-exports
// (jammi-lora, same release line as jammi-wire 0.26.3). Only their serde
// shape matters here; the candle-side conversions are omitted.

/// How the LoRA A and B matrices are initialised at construction time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoraInitMode {
    /// A: Kaiming-uniform, B: zeros. The layer is the identity at construction.
    #[default]
    ZerosB,
    /// A and B both drawn from Normal(0, 0.02): non-identity from step zero.
    Gaussian,
}

/// Dtype of the frozen backbone weights. LoRA A/B always stay F32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackboneDtype {
    /// Full precision; maximally compatible.
    #[default]
    F32,
    /// BFloat16; roughly halves backbone memory on CUDA/Metal.
    BF16,
    /// Half precision; most CUDA devices.
    F16,
}
