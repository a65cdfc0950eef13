"""Voordeur's shared kernel: one copy of each rule that several components apply.

Imported from both virtual environments (the Rasa one with pydantic 1 and the main one with
pydantic 2), so it depends on nothing but the small libraries both pin.
"""
