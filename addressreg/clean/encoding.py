"""Strict detection of a CSV file's text encoding: UTF-8 (with or without BOM) or GB18030.

Clerks' files come from Excel (GBK/GB18030, or UTF-8 with a BOM) and from scripts
(UTF-8). The rule, in order:

1. a UTF-8 BOM → decode the rest as UTF-8, strictly;
2. a UTF-16/UTF-32 BOM or a NUL byte → refuse (not a text CSV in a supported encoding);
3. strict UTF-8 decodes the whole file → UTF-8;
4. the bytes before the first UTF-8 error already hold non-ASCII UTF-8 characters → the
   file is UTF-8 with a corrupt byte: refuse (decoding it as GB18030 would turn its
   Chinese into other Chinese characters without any error);
5. strict GB18030 (a superset of GBK and GB2312) decodes the whole file → GB18030;
6. otherwise refuse.

No decode ever uses ``errors="replace"`` or ``"ignore"``: a character is either read
exactly or the file is refused with the byte offset and line of the first bad byte.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

UTF8 = "utf-8"
GB18030 = "gb18030"
_REFUSED_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class UndecodableInput(ValueError):
    """A file is not strictly UTF-8 or GB18030; the message names the file, byte and line."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text and the encoding it was read in (``utf-8``, ``utf-8-sig`` or ``gb18030``)."""

    text: str
    encoding: str


def decode_strictly(data: bytes, name: str) -> DecodedText:
    """Decode ``data`` (the bytes of the file called ``name``) by the rules of this module.

    Raises:
        UndecodableInput: no supported encoding reads every byte; the message gives the
            byte offset (0-based) and line (1-based) of the first undecodable byte.
    """
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(
            _strict(data[len(codecs.BOM_UTF8) :], UTF8, name, len(codecs.BOM_UTF8)), "utf-8-sig"
        )
    _refuse_wide_encodings(data, name)
    try:
        return DecodedText(data.decode(UTF8), UTF8)
    except UnicodeDecodeError as utf8_error:
        if not data[: utf8_error.start].isascii():
            raise UndecodableInput(
                f"{name}: 不是有效的 UTF-8 文件：第 {_line_of(data, utf8_error.start)} 行"
                f"（字节偏移 {utf8_error.start}）有无法解码的字节 {_bad_bytes(utf8_error)}"
            ) from None
        try:
            return DecodedText(data.decode(GB18030), GB18030)
        except UnicodeDecodeError as gb_error:
            raise UndecodableInput(
                f"{name}: 既不是 UTF-8 也不是 GB18030/GBK 文件："
                f"UTF-8 在第 {_line_of(data, utf8_error.start)} 行（字节偏移 {utf8_error.start}）出错，"
                f"GB18030 在第 {_line_of(data, gb_error.start)} 行（字节偏移 {gb_error.start}）"
                f"出错 {_bad_bytes(gb_error)}"
            ) from None


def _strict(data: bytes, encoding: str, name: str, offset: int) -> str:
    """``data`` decoded strictly; ``offset`` is where ``data`` starts in the file."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        where = error.start + offset
        raise UndecodableInput(
            f"{name}: 带 BOM 的 UTF-8 文件中第 {_line_of(data, error.start)} 行"
            f"（字节偏移 {where}）有无法解码的字节 {_bad_bytes(error)}"
        ) from None


def _refuse_wide_encodings(data: bytes, name: str) -> None:
    """Refuse UTF-16/32 files and binary data, which no strict 8-bit decode should accept."""
    for bom, encoding in _REFUSED_BOMS:
        if data.startswith(bom):
            raise UndecodableInput(f"{name}: 文件是 {encoding} 编码，请另存为 UTF-8 或 GBK 的 CSV")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UndecodableInput(
            f"{name}: 第 {_line_of(data, nul)} 行（字节偏移 {nul}）有 NUL 字节："
            "不是文本 CSV（UTF-16 或二进制文件？）"
        )


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line holding byte ``offset``."""
    return data.count(b"\n", 0, offset) + 1


def _bad_bytes(error: UnicodeDecodeError) -> str:
    """The offending bytes in hex, e.g. ``0xFF 0xFE``."""
    return " ".join(f"0x{b:02X}" for b in error.object[error.start : error.end])
