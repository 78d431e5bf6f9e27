"""The reports page, the drill-down windows and report export (PDF, XLSX, CSV, print)."""
