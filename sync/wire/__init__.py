"""What the desktop and the companion service say to each other.

Both sides import this package and nothing else of each other: the server never imports ``app``,
and the desktop's sync client reaches the service only through these messages. Keep it free of
FastAPI and of any database code.
"""
