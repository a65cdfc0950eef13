"""Load benchmarks for Voordeur (run them as commands, not as tests)."""
