"""Where a store's files live: a local folder, or any pyarrow filesystem URI.

`XHDASH_STORE` (and `--store`) take a path (`/srv/xhdash/store`) or a URI that pyarrow knows:
`file:///srv/xhdash/store`, `s3://bucket/xhdash/store?region=cn-north-1`,
`hdfs://namenode:8020/xhdash/store`. Reading goes through pyarrow datasets on that filesystem,
so the same code reads a folder or object storage. Writing (publish, import, rollback) needs a
local filesystem, where versions are switched atomically under a file lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.fs as pafs

URI_MARK = "://"


class StoreLocationError(ValueError):
    """A store location that cannot be opened; the message names it and says why."""


@dataclass(frozen=True)
class Location:
    """A folder on a pyarrow filesystem; `text` is how the user wrote it (the cache key)."""

    filesystem: pafs.FileSystem
    path: str
    text: str

    def __str__(self) -> str:
        return self.text

    def __truediv__(self, name: str) -> Location:
        path = str(PurePosixPath(self.path) / name)
        text = self.text.rstrip("/") + "/" + name if self.is_uri else str(Path(self.text) / name)
        return Location(self.filesystem, path, text)

    @property
    def is_uri(self) -> bool:
        return URI_MARK in self.text

    @property
    def is_local(self) -> bool:
        return isinstance(self.filesystem, pafs.LocalFileSystem)

    def local_path(self) -> Path:
        if not self.is_local:
            raise StoreLocationError(
                f"{self.text}：只能读取；发布、导入和回滚需要本地路径 / read-only here: publishing, "
                "importing and rolling back need a local path")
        return Path(self.path)

    def _info(self) -> pafs.FileInfo:
        try:
            return self.filesystem.get_file_info(self.path)
        except (OSError, pa.ArrowException) as error:
            raise self._unreachable(error) from error

    def _unreachable(self, error: Exception) -> StoreLocationError:
        return StoreLocationError(f"{self.text}：无法访问 / cannot be reached: {str(error)[:200]}")

    def exists(self) -> bool:
        return self._info().type != pafs.FileType.NotFound

    def read_text(self, encoding: str = "utf-8") -> str:
        try:
            with self.filesystem.open_input_stream(self.path) as stream:
                return stream.read().decode(encoding)
        except (OSError, pa.ArrowException, UnicodeDecodeError) as error:
            raise self._unreachable(error) from error

    def file_stamp(self) -> str | None:
        """Size and modification time, or None when the file is missing."""
        info = self._info()
        if info.type == pafs.FileType.NotFound:
            return None
        return f"{info.size}:{info.mtime_ns}"


def as_location(where: str | Path | Location) -> Location:
    """A Location for a path or URI; a URI pyarrow cannot open raises StoreLocationError."""
    if isinstance(where, Location):
        return where
    text = str(where)
    if URI_MARK not in text:
        return Location(pafs.LocalFileSystem(), str(Path(text).absolute()), text)
    try:
        filesystem, path = pafs.FileSystem.from_uri(text)
    except (pa.ArrowException, ValueError, OSError) as error:
        raise StoreLocationError(f"{text}：无法打开此存储位置 / cannot open this store location: "
                                 f"{str(error)[:200]}") from error
    return Location(filesystem, path, text)
