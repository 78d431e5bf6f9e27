"""Running ``daftar`` in-process from a test and reading what it said."""

from __future__ import annotations

import pytest

from app.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``daftar ARGV...``."""
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line_error(code: int, err: str, *needles: str) -> None:
    """A user error: exit 1 and one line on stderr holding each of ``needles``."""
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("daftar: error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]
