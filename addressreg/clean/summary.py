"""The summary of a ``clean`` run, and its Chinese text for the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from addressreg.match.resolution import Category, Level

if TYPE_CHECKING:  # only for annotations: no import cycle at run time
    from addressreg.clean.finishing import FinishedCounts
    from addressreg.clean.pipeline import CleanRequest
    from addressreg.clean.reading import CleanInput

CATEGORY_NAMES = {"A": "A 精确", "B": "B 可信", "C": "C 待复核", "U": "U 未匹配"}


@dataclass(frozen=True)
class CleanSummary:
    """What a run did: rows, categories, levels, speed, and where the files are.

    ``resumed_rows`` were finished by an earlier, interrupted run; ``resolved_texts`` is
    how many distinct texts this run sent to the resolver; ``seconds`` is this run's wall
    time from reading the input to renaming the output, without the time it waited for the
    resolver once the input was read; ``load_seconds`` is how long loading the resolver
    (the registry) took, alongside reading the input.
    """

    output: Path
    review: Path | None
    review_rows: int
    encoding: str
    column: str
    dept: str
    rows: int
    resumed_rows: int
    resolved_texts: int
    seconds: float
    load_seconds: float
    by_category: Mapping[str, int]
    by_level: Mapping[str, int]

    @property
    def rows_per_second(self) -> float:
        """Rows this run finished per second of its wall time."""
        return (self.rows - self.resumed_rows) / self.seconds if self.seconds > 0 else 0.0

    @classmethod
    def from_counts(
        cls,
        request: CleanRequest,
        source: CleanInput,
        resumed: int,
        resolved: int,
        seconds: tuple[float, float],
        counts: FinishedCounts,
    ) -> CleanSummary:
        """The summary of a finished run; ``seconds`` is (cleaning, loading the resolver): see
        the class docstring."""
        return cls(
            output=request.output_path,
            review=counts.review_path,
            review_rows=counts.review_rows,
            encoding=source.encoding,
            column=source.columns[source.address_at],
            dept=request.dept or "",
            rows=len(source.parts),
            resumed_rows=resumed,
            resolved_texts=resolved,
            seconds=seconds[0],
            load_seconds=seconds[1],
            by_category=dict(counts.by_category),
            by_level=dict(counts.by_level),
        )


def summary_lines(summary: CleanSummary) -> list[str]:
    """The summary as lines of Chinese text for the terminal."""
    lines = [
        f"已写入 {summary.output}（{summary.rows:,} 行；输入编码 {summary.encoding}；地址列“{summary.column}”"
        + (f"；部门 {summary.dept}" if summary.dept else "")
        + "）",
        "类别："
        + "，".join(f"{CATEGORY_NAMES[c.value]} {summary.by_category.get(c.value, 0):,}" for c in Category),
        "层级："
        + "，".join(f"{level.value} {n:,}" for level in Level if (n := summary.by_level.get(level.value, 0))),
        f"载入地址库 {summary.load_seconds:.1f} 秒（与读取输入同时）；"
        f"清洗 {summary.seconds:.1f} 秒，每秒 {summary.rows_per_second:,.0f} 行；"
        f"去重后实际匹配 {summary.resolved_texts:,} 条不同地址"
        + (f"；续跑，跳过已完成的 {summary.resumed_rows:,} 行" if summary.resumed_rows else ""),
    ]
    if summary.review is not None:
        lines.append(f"待复核（C 类）{summary.review_rows:,} 行：{summary.review}")
    return lines
