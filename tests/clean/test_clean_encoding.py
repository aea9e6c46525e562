"""Strict encoding detection: UTF-8, UTF-8 with BOM, GB18030/GBK; never a lossy decode."""

from __future__ import annotations

import codecs

import pytest

from addressreg.clean.encoding import UndecodableInput, decode_strictly

TEXT = "地址,备注\n深圳市南山区科苑路15号,一楼\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (("𠀀" + TEXT).encode("gb18030"), "gb18030"),  # a character outside GBK
        (b"address\nabc\n", "utf-8"),
    ],
)
def test_each_supported_encoding_reads_every_character(data: bytes, encoding: str) -> None:
    decoded = decode_strictly(data, "in.csv")
    assert decoded.encoding == encoding
    assert decoded.text.endswith(TEXT) or decoded.text == "address\nabc\n"


def test_utf8_with_a_corrupt_byte_is_refused_not_read_as_gbk() -> None:
    data = TEXT.encode("utf-8") + b"\xff" + "第三行".encode()
    with pytest.raises(UndecodableInput) as error:
        decode_strictly(data, "bad.csv")
    message = str(error.value)
    assert "bad.csv" in message
    assert f"字节偏移 {len(TEXT.encode('utf-8'))}" in message
    assert "第 3 行" in message
    assert "0xFF" in message


def test_bytes_neither_encoding_reads_are_refused_with_both_offsets() -> None:
    data = b"name\nabc\x80\n"
    with pytest.raises(UndecodableInput, match=r"UTF-8 在第 2 行（字节偏移 8）.*GB18030 在第 2 行"):
        decode_strictly(data, "x.csv")


def test_bom_file_with_a_bad_byte_names_its_offset_in_the_file() -> None:
    data = codecs.BOM_UTF8 + b"ab\n\xc3"
    with pytest.raises(UndecodableInput, match="字节偏移 6"):
        decode_strictly(data, "bom.csv")


@pytest.mark.parametrize("data", [TEXT.encode("utf-16"), b"abc\x00def"])
def test_utf16_and_binary_are_refused(data: bytes) -> None:
    with pytest.raises(UndecodableInput, match=r"in\.csv"):
        decode_strictly(data, "in.csv")
