"""Custom NLU components of the Voordeur assistant (referenced from ``config.yml``)."""
