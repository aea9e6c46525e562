"""Reading UTF-8 line by line gives what the csv module gives over the whole file: the same
rows, CSV-encoded parts, addresses, problems and errors."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addressreg.clean import utf8_rows
from addressreg.clean.reading import CleanInput, _parse_csv, read_clean_input
from addressreg.clean.tables import UnreadableTable

# Characters that matter to CSV (comma, quote, CR, LF) among ordinary ones.
csv_text = st.text(alphabet=st.sampled_from(list(',"\r\n ab1深圳')), max_size=80)


def _second_or_first(columns: tuple[str, ...]) -> int:
    return min(1, len(columns) - 1)


def _read_both(path: Path, encoding: str) -> tuple[CleanInput | str, CleanInput | str]:
    """(line by line, the csv module over the whole file); an error as its message."""
    results: list[CleanInput | str] = []
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    for read in (
        lambda: read_clean_input(path, _second_or_first),
        lambda: _parse_csv(path, encoding, sha256, _second_or_first),
    ):
        try:
            results.append(read())
        except UnreadableTable as error:
            results.append(str(error))
    return results[0], results[1]


def _same(fast: CleanInput | str, whole: CleanInput | str) -> None:
    if isinstance(fast, str) or isinstance(whole, str):
        assert fast == whole
        return
    assert (fast.encoding, fast.columns, fast.address_at) == (whole.encoding, whole.columns, whole.address_at)
    assert (fast.parts, fast.addresses, fast.problems) == (whole.parts, whole.addresses, whole.problems)


@settings(max_examples=400, deadline=None)
@given(csv_text, st.booleans())
def test_line_by_line_reads_what_the_csv_module_reads(
    tmp_path_factory: pytest.TempPathFactory, text: str, bom: bool
) -> None:
    path = tmp_path_factory.mktemp("csv") / "in.csv"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode())
    _same(*_read_both(path, "utf-8-sig" if bom else "utf-8"))


@pytest.mark.parametrize("terminator", ["\n", "\r\n", "\r"])
def test_lines_cut_across_blocks_and_every_line_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminator: str
) -> None:
    monkeypatch.setattr(utf8_rows, "_BLOCK_BYTES", 7)  # blocks end inside lines and inside CR LF
    rows = [f"{i},深圳市{i}号,x" for i in range(40)] + ['9,"福田\r\n区",y', "", "7,多,余,的"]
    path = tmp_path / "in.csv"
    path.write_text(terminator.join(["编号,地址,备注", *rows]) + terminator, encoding="utf-8", newline="")
    fast, whole = _read_both(path, "utf-8")
    _same(fast, whole)
    assert isinstance(fast, CleanInput) and len(fast.parts) == 43 and fast.addresses[1] == "深圳市1号"


def test_a_broken_record_names_its_line_after_plain_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('a,b\n1,2\n3,4\n5,"x"y\n6,7\n', encoding="utf-8")
    with pytest.raises(UnreadableTable, match="第 4 行 CSV 格式错误"):
        read_clean_input(path, _second_or_first)
    _same(*_read_both(path, "utf-8"))
