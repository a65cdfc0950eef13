"""The staff web app (``/staff``): login, the melding inbox and the melding detail page."""
