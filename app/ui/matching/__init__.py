"""The matching page (lettrage) of third-party accounts."""
