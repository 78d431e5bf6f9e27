"""The online side of Daftar: the companion service (``sync.server``), the desktop's client of
it (``sync.client``: licence, backups, hand-over, updates) and their shared protocol
(``sync.wire``). ``sync.server`` never imports ``app``; ``sync.client`` never imports Qt."""
