"""Which input column holds the address: the ``--column`` option, else a rule on the names.

The rule, in order (names compared after trimming spaces, case-insensitively):

1. a column named exactly one of ``PREFERRED_NAMES`` (first in that list wins);
2. else the only column whose name contains one of ``NAME_FRAGMENTS``;
3. else an error listing the columns, asking for ``--column``.
"""

from __future__ import annotations

from collections.abc import Sequence

PREFERRED_NAMES = ("地址", "详细地址", "标准地址", "住址", "地址名称", "address", "addr")
NAME_FRAGMENTS = ("地址", "住址", "address")


class AddressColumnError(ValueError):
    """No column, or more than one, could be the address column; the message lists them."""


def choose_address_column(columns: Sequence[str], requested: str | None) -> int:
    """The index of the address column among ``columns``.

    Args:
        columns: the header of the input table.
        requested: the ``--column`` value, matched exactly (after trimming), or None.

    Raises:
        AddressColumnError: the requested column is absent or repeated, or the rule finds
            no column or several.
    """
    keys = [name.strip().casefold() for name in columns]
    listing = "、".join(columns)
    if requested is not None:
        return _only(
            keys, requested.strip().casefold(), f"没有名为“{requested}”的列（现有列：{listing}）", listing
        )
    for preferred in PREFERRED_NAMES:
        if preferred.casefold() in keys:
            return _only(keys, preferred.casefold(), "", listing)
    matches = [i for i, key in enumerate(keys) if any(f.casefold() in key for f in NAME_FRAGMENTS)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AddressColumnError(f"找不到地址列，请用 --column 指定（现有列：{listing}）")
    names = "、".join(columns[i] for i in matches)
    raise AddressColumnError(f"有多个可能的地址列（{names}），请用 --column 指定")


def _only(keys: list[str], key: str, absent: str, listing: str) -> int:
    """The index of the single column named ``key``."""
    found = [i for i, name in enumerate(keys) if name == key]
    if not found:
        raise AddressColumnError(absent)
    if len(found) > 1:
        raise AddressColumnError(f"有 {len(found)} 个同名的列“{key}”，无法确定地址列（现有列：{listing}）")
    return found[0]
