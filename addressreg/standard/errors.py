"""Errors raised while reading the address standard from its data files."""

from __future__ import annotations


class InvalidStandard(Exception):
    """A standard data file is missing, unreadable or malformed.

    The message names the file and the key that is wrong, so that whoever edits
    ``standards/`` can fix it without reading code.
    """

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file = file
        self.key = key
        self.problem = problem


class InvalidCode(ValueError):
    """A unified address code breaks the standard's code layout."""
