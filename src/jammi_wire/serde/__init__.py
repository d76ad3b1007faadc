"""The generic serde layer: serde's rules for attrs classes, independent of any domain."""
