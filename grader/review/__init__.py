"""Per-member review: changes against the reference solution (baseline)."""
