"""End-to-end fixtures: the desktop flow must never hang on a dialog nobody answers."""

from tests.qt_guard import no_unexpected_modal  # noqa: F401 (an autouse fixture)
