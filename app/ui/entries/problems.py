"""Turning the rules' problems into what the entry editor shows: sentences and red cells.

The rules speak of an entry's lines by their position among the lines that make the entry;
the editor's table may also hold blank rows, so each problem is mapped back to the row the user
sees. Amounts that could not be read are problems of the editor itself, known before any rule
runs, and come first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QWidget

from app.ledger.model import Problem
from app.ui.entries.feedback import Shown
from app.ui.entries.lines_model import AMOUNT_COLUMNS, Col, EntryLinesModel
from app.ui.kit.fmt import Formatter
from app.ui.kit.i18n import translate

_COLUMNS = {"account": (Col.ACCOUNT,), "third_party": (Col.THIRD_PARTY,),
            "amount": AMOUNT_COLUMNS, "tax": (Col.TAX,)}
_HEADER_STYLE = "background: #fbe3e1;"



class ProblemReport:
    """How the problems of one editor are worded and where they are marked."""

    def __init__(self, fmt: Formatter) -> None:
        self.fmt = fmt

    def local(self, model: EntryLinesModel) -> list[Shown]:
        """Amounts that are not amounts, on the rows that make the entry."""
        return [
            Shown(self._on_line(n, reason), ((n, col),))
            for n, row in model.filled()
            for col, (_text, reason) in sorted(row.bad.items())
        ]

    def shown(self, problems: Sequence[Problem], model: EntryLinesModel) -> list[Shown]:
        """The editor's own problems, then the rules' ones, each on the row the user sees."""
        rows = [n for n, _ in model.filled()]
        found = self.local(model)
        for problem in problems:
            text = self.fmt.problem(problem)
            if problem.line is None or not 0 < problem.line <= len(rows):
                found.append(Shown(text))
                continue
            row = rows[problem.line - 1]
            if problem.field == "amount" and model.rows[row].bad:
                continue  # already said: the amount typed could not be read
            cells = tuple((row, int(col)) for col in _COLUMNS.get(problem.field, ()))
            found.append(Shown(self._on_line(row, text), cells or ((row, int(Col.ACCOUNT)),)))
        return found

    def marks(self, shown: Sequence[Shown]) -> dict[tuple[int, Col], str]:
        """The cells to draw in red, each with its reasons for a tooltip."""
        marks: dict[tuple[int, Col], str] = {}
        for problem in shown:
            for row, col in problem.cells:
                key = (row, Col(col))
                marks[key] = "\n".join(filter(None, (marks.get(key), problem.text)))
        return marks

    def mark_header(self, problems: Sequence[Problem], widgets: Mapping[str, QWidget]) -> None:
        for field, widget in widgets.items():
            reasons = [self.fmt.problem(p) for p in problems if p.field == field]
            widget.setStyleSheet(_HEADER_STYLE if reasons else "")
            widget.setToolTip("\n".join(reasons))

    def _on_line(self, row: int, text: str) -> str:
        return translate("EntryEditor", "Line {0}: {1}").format(row + 1, text)
