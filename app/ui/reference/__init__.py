"""Reference data: the chart of accounts, third parties and journals, and their dialogs."""
