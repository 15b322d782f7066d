"""Template fixes for common Bandit findings (the rules engine of the security patch loop)."""
