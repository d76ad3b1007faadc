//! Stand-in for `jammi_db::error::JammiError`: only the `FineTune` arm is used by the
//! spec, and the harness reports its inner message (what Python's FineTuneError str is).
#[derive(Debug)]
pub enum JammiError {
    FineTune(String),
}

impl JammiError {
    pub fn message(&self) -> &str {
        match self {
            JammiError::FineTune(m) => m,
        }
    }
}
