"""The desktop shell: the only package that imports Qt.

Everything here reaches the books through one ``CompanySession`` per open file (``session.py``),
runs database work off the UI thread through ``TaskRunner`` (``tasks.py``) and refreshes views
from the ``Change`` flags an operation reports, as Anki's ``CollectionOp`` and ``OpChanges`` do.
Views never run SQL: they call ``Books`` and ``app.reports`` inside tasks.
"""
