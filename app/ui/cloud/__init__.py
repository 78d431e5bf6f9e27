"""The desktop's side of the Daftar cloud: the link, backups, its settings and dialogs."""
