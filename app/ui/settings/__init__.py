"""The Settings page and its dialogs: company details, year-end closing, result allocation."""
