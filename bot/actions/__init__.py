"""Custom actions of the Voordeur assistant (package ``actions``)."""
