"""Voordeur escalation service: the system of record for meldingen."""
