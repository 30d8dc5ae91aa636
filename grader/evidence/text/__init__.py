"""Evidence from prose: markdown sections, comments and docstrings, the README, and which
of it is course text (the pack's, or shared by many submissions of a class)."""
