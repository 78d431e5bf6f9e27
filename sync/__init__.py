"""The online side of Daftar: the companion service (``sync.server``), its client and their shared
protocol. Empty until the companion-service work lands; nothing here is imported by ``app`` yet."""
