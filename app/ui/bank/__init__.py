"""The bank page: statements, suggestions, matching and the reconciliation at a date."""
