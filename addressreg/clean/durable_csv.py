"""A file appended to in blocks and made durable on request: the partial files of ``clean``.

The bytes are written through Python's buffer; :meth:`DurableFile.sync` flushes them and
``fsync``\\ s the file, and returns the length that is then on disk. A file reopened to
continue is first cut back to the length recorded after the last sync, so bytes written
after it (by a run killed before it could record them) are dropped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

BUFFER_BYTES = 1 << 20


class DurableFile:
    """An open file appended to at its end; see the module docstring."""

    def __init__(self, path: Path, stream: BinaryIO, length: int) -> None:
        self.path = path
        self.length = length
        self._stream = stream

    @classmethod
    def create(cls, path: Path, head: bytes) -> DurableFile:
        """A new file at ``path`` (an old one is replaced) holding ``head``, synced."""
        stream = path.open("wb", buffering=BUFFER_BYTES)
        durable = cls(path, stream, 0)
        durable.write(head)
        durable.sync()
        return durable

    @classmethod
    def reopen(cls, path: Path, length: int) -> DurableFile:
        """The file at ``path`` cut to its first ``length`` bytes, to be appended to.

        Raises:
            ValueError: the file is shorter than ``length`` (it lost synced bytes).
        """
        stream = path.open("r+b", buffering=BUFFER_BYTES)
        try:
            size = stream.seek(0, os.SEEK_END)
            if size < length:
                raise ValueError(f"{path.name} 只有 {size} 字节，续跑记录是 {length} 字节")
            stream.truncate(length)
            stream.seek(length)
        except BaseException:
            stream.close()
            raise
        return cls(path, stream, length)

    def write(self, data: bytes) -> None:
        """Append ``data`` (durable only after the next :meth:`sync`)."""
        self._stream.write(data)
        self.length += len(data)

    def sync(self) -> int:
        """Make every byte written so far durable; return the file's length."""
        self._stream.flush()
        os.fsync(self._stream.fileno())
        return self.length

    def close(self) -> None:
        """Close the file (unsynced bytes are flushed, not fsynced)."""
        self._stream.close()
