"""Export of meldingen to the municipality's Klantinteracties API (Open Klant) and the status
of their interne taak back: see ``docs/operations.md``.
"""
