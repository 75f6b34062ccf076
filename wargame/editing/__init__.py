"""The scenario editor's headless core (no pygame): edits of a scenario's text that keep what a person wrote."""
