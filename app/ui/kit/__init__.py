"""What every part of the desktop stands on: the company session and its task runners, formatting,
languages, style, preferences, errors, the paged model and small shared widgets."""
