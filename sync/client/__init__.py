"""The desktop's side of the companion service: activation, licence lease, backups, hand-over.

Imports ``sync.wire`` (the messages) and ``app.store`` (the company file), never Qt: the command
line and the window drive the same code. Nothing here is needed to keep books: every function
that talks to the service fails with :class:`~sync.client.http.Offline` or
:class:`~sync.client.http.ServiceError` and leaves the company file as it was.
"""
