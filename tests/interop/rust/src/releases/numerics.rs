//! `ComputePrecision` (jammi-numerics, from jammi-wire 0.42.0): the backbone dtype with
//! the same wire names as `BackboneDtype`, declared in a different order.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ComputePrecision {
    #[default]
    F32,
    F16,
    BF16,
}
