"""The ``daftar`` command line."""
