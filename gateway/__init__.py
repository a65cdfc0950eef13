"""Voordeur gateway: the public entry point for inwoners (web chat to the Rasa REST channel)."""
