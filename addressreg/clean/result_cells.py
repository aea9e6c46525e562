"""A resolution as the text cells ``clean`` adds to a row (and the review file's extra cells).

The added output columns are ``OUTPUT_COLUMNS``; the review file also shows the best and
runner-up candidates (``REVIEW_COLUMNS``). A worker turns a resolution into its cells
(``RESULT_COLUMNS`` wide) and those into a :data:`ResultTail`, already CSV-encoded, so
that the parent only joins bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

from addressreg.clean.csv_fields import cells_line
from addressreg.match.resolution import Category, Explanation, Level, MatchCandidate, Resolution

OUTPUT_COLUMNS = (
    "code",
    "level",
    "category",
    "score",
    "standard_address",
    "complex",
    "lon",
    "lat",
    "explanation",
)
REVIEW_COLUMNS = (
    "best_code",
    "best_standard_address",
    "best_score",
    "runner_up_code",
    "runner_up_standard_address",
    "runner_up_score",
)
RESULT_COLUMNS = OUTPUT_COLUMNS + REVIEW_COLUMNS
CATEGORY_AT = OUTPUT_COLUMNS.index("category")
LEVEL_AT = OUTPUT_COLUMNS.index("level")
NUMERIC_OUTPUT_COLUMNS = frozenset({"score", "lon", "lat"})

REVIEW_EXTRA_COLUMNS = ("category", "score", "explanation")
_REVIEW_EXTRA_AT = tuple(OUTPUT_COLUMNS.index(name) for name in REVIEW_EXTRA_COLUMNS)
_REVIEW_CATEGORY = Category.C.value

ResultCells = tuple[str, ...]
"""One row's result cells, ``RESULT_COLUMNS`` wide."""

ResultTail = tuple[bytes, str, str, bytes]
"""One result ready to write: (the ``OUTPUT_COLUMNS`` cells as the end of a CSV line,
category, level, the review file's cells after ``row`` and ``address`` as the end of a
CSV line — ``b""`` unless the row is one to review, category C). CSV lines are UTF-8
with ``\r\n`` line ends, quoted as ``csv.writer`` quotes."""


def result_tail(cells: ResultCells) -> ResultTail:
    """The :data:`ResultTail` of one row's result cells."""
    category = cells[CATEGORY_AT]
    review = b""
    if category == _REVIEW_CATEGORY:
        review = cells_line([cells[i] for i in _REVIEW_EXTRA_AT] + list(cells[len(OUTPUT_COLUMNS) :]))
    return (cells_line(cells[: len(OUTPUT_COLUMNS)]), category, cells[LEVEL_AT], review)


def result_cells(resolution: Resolution, element_names: Mapping[str, str]) -> ResultCells:
    """The cells for one resolution; ``element_names`` maps element names to Chinese level names."""
    return (
        resolution.code or "",
        str(resolution.level),  # a StrEnum's str() is its value, in C (``.value`` is a Python property)
        str(resolution.category),
        f"{resolution.score:.4f}",
        resolution.standard_address or "",
        resolution.complex_name or "",
        _coordinate(resolution.lon),
        _coordinate(resolution.lat),
        explanation_text(resolution.explanation, element_names),
        *_candidate_cells(resolution.best),
        *_candidate_cells(resolution.runner_up),
    )


def unreadable_cells(reason: str) -> ResultCells:
    """The cells of a row that could not be read: category U, level none, the reason."""
    cells = dict.fromkeys(RESULT_COLUMNS, "")
    cells.update(level=Level.NONE.value, category=Category.U.value, score=f"{0.0:.4f}", explanation=reason)
    return tuple(cells[name] for name in RESULT_COLUMNS)


def explanation_text(explanation: Explanation, element_names: Mapping[str, str]) -> str:
    """One line a clerk can read: what agreed, differed, was missing or unused, and the note."""
    parts = []
    for title, elements in (
        ("一致", explanation.agreed),
        ("不一致", explanation.differed),
        ("缺失", explanation.missing),
    ):
        if elements:
            parts.append(f"{title}：{'、'.join(element_names.get(e, e) for e in elements)}")
    if explanation.unused_text:
        parts.append(f"未用文字：{'、'.join(explanation.unused_text)}")
    if explanation.note:
        parts.append(f"说明：{explanation.note}")
    return "；".join(parts)


def _candidate_cells(candidate: MatchCandidate | None) -> tuple[str, str, str]:
    if candidate is None:
        return ("", "", "")
    return (candidate.code or candidate.place or "", candidate.standard_address, f"{candidate.score:.4f}")


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.7f}"
