"""rubric stage."""
