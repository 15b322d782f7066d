"""Security check compatible with Bandit 1.9.4: one AST pass, Bandit's ids and rules."""
