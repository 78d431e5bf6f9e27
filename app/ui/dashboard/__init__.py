"""The dashboard page and its bar chart."""
