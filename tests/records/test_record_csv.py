"""Records CSV: header, noise joined with |, round trip, errors naming the row."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from addressreg.model import AddressFacts
from addressreg.records import (
    CSV_HEADER,
    InvalidRecordsFile,
    NoiseMix,
    generate_records,
    read_records_csv,
    write_records_csv,
)


def test_header_and_noise_column(noise_mix: NoiseMix, registry_facts: list[AddressFacts]) -> None:
    records = list(generate_records(registry_facts, 50, 1, noise_mix))
    stream = io.StringIO()
    assert write_records_csv(records, stream) == 50
    lines = stream.getvalue().splitlines()
    assert lines[0] == "record_id,address,truth_code,truth_level,noise,style"
    assert tuple(lines[0].split(",")) == CSV_HEADER
    assert len(lines) == 51
    noisy = next(r for r in records if len(r.noise) > 1)
    assert "|".join(noisy.noise) in stream.getvalue()


def test_round_trip_through_a_file(
    tmp_path: Path, noise_mix: NoiseMix, registry_facts: list[AddressFacts]
) -> None:
    records = list(generate_records(registry_facts, 2000, 2, noise_mix))
    assert any("," in r.text for r in records)  # separators that CSV must quote
    path = tmp_path / "records.csv"
    write_records_csv(iter(records), path)
    assert path.read_bytes().decode("utf-8")  # UTF-8, readable
    assert list(read_records_csv(path)) == records
    assert list(read_records_csv(str(path))) == records


HEADER = "record_id,address,truth_code,truth_level,noise,style\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,address\n", r"row 1: header must be"),
        ("", r"row 1: header must be"),
        (HEADER + "R1,深圳市,,none\n", r"row 2: expected 6 columns"),
        (HEADER + "R1,深圳市,,none,,x\nR2,深圳市,1,floor,,x\n", r"row 3: column truth_level: 'floor'"),
    ],
)
def test_malformed_file_names_the_row(content: str, message: str) -> None:
    with pytest.raises(InvalidRecordsFile, match=message):
        list(read_records_csv(io.StringIO(content)))
