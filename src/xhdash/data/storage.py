"""Where a store's files live: a local folder, or any pyarrow filesystem URI.

`XHDASH_STORE` (and `--store`) take a path (`/srv/xhdash/store`) or a URI that pyarrow knows:
`file:///srv/xhdash/store`, `s3://bucket/xhdash/store?region=cn-north-1`,
`hdfs://namenode:8020/xhdash/store`. A store's tables are Delta tables (xhdash.data.versions), read
and written by deltalake (delta-rs) on a local folder or S3-compatible object storage alike:
`delta_uri` and `delta_options` turn a Location into what deltalake takes. A plain folder of
Parquet tables (the shipped data/) is read through pyarrow datasets on its filesystem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, urlsplit

import pyarrow as pa
import pyarrow.fs as pafs

from xhdash.i18n import tr
from xhdash.paths import store_setting

URI_MARK = "://"


# The reasons a store location fails; each one's words are the catalogue's store_<reason>
# (the viewer's: no path, URI or exception text) and store_<reason>_detail (the CLI's and the
# editors' data page's, with {where}, {detail} and {value}).
LOCATION_REASONS: tuple[str, ...] = (
    "unopenable", "unreachable", "read_only", "old_layout", "unreadable_log", "not_a_folder",
    "unreadable_store", "not_writable", "bad_publish", "not_old_layout",
)
DETAIL_CHARS = 200
SECRET_QUERY = re.compile(r"(?i)((?:secret|token|password|key)[a-z_]*=)[^&]*")
USER_INFO = re.compile(r"(?<=://)[^/@]*@")


def shown_location(text: str) -> str:
    """A location as messages show it: a URI's user, password and secret parameters masked."""
    return SECRET_QUERY.sub(r"\1***", USER_INFO.sub("***@", text))


class StoreLocationError(ValueError):
    """A store location that cannot be opened, read or written.

    `reason` picks the text (the catalogue's store_<reason>); `message(lang, detail=False)` is the viewers'
    rendering (no path, no exception text), `message(lang)` the detailed one for the CLI and
    the editors' data page. str() is the detailed text in both languages."""

    def __init__(self, reason: str, where: str, detail: str = "", value: str = ""):
        self.reason, self.where, self.detail, self.value = reason, where, detail, value
        super().__init__(f"{self.message('zh')} / {self.message('en')}")

    def message(self, lang: str = "zh", detail: bool = True) -> str:
        key = f"store_{self.reason}_detail" if detail else f"store_{self.reason}"
        return tr(key, lang, where=shown_location(self.where), detail=self.detail[:DETAIL_CHARS],
                  value=self.value[:DETAIL_CHARS])

    def public_message(self, lang: str = "zh") -> str:
        """What a viewer is shown: what is wrong, never where on the server or the raw error."""
        return self.message(lang, detail=False)


class BrokenStore(StoreLocationError):
    """A store whose folder or version log cannot be used: a file where the folder should be, an
    unreadable folder or Delta log, a publish record naming no table versions, an old-layout
    store. Nothing is followed or written."""


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
        if not self.is_uri:
            return Location(self.filesystem, path, str(Path(self.text) / name))
        base, mark, query = self.text.partition("?")  # the name goes before the URI's query
        return Location(self.filesystem, path, base.rstrip("/") + "/" + name + mark + query)

    @property
    def is_uri(self) -> bool:
        return URI_MARK in self.text

    @property
    def is_local(self) -> bool:
        return isinstance(self.filesystem, pafs.LocalFileSystem)

    def local_path(self) -> Path:
        if not self.is_local:
            raise StoreLocationError("read_only", self.text)
        return Path(self.path)

    def _info(self) -> pafs.FileInfo:
        try:
            return self.filesystem.get_file_info(self.path)
        except (OSError, pa.ArrowException) as error:
            raise self._unreachable(error) from error

    def _unreachable(self, error: Exception) -> StoreLocationError:
        return StoreLocationError("unreachable", self.text, str(error))

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    def exists(self) -> bool:
        return self._info().type != pafs.FileType.NotFound

    def is_dir(self) -> bool:
        return self._info().type == pafs.FileType.Directory

    def iterdir(self) -> list[Location]:
        """The entries of this folder (StoreLocationError when it cannot be listed)."""
        try:
            infos = self.filesystem.get_file_info(pafs.FileSelector(self.path))
        except (OSError, pa.ArrowException) as error:
            raise self._unreachable(error) from error
        return [self / PurePosixPath(info.path).name for info in infos]

    def read_text(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        try:
            with self.filesystem.open_input_stream(self.path) as stream:
                return stream.read().decode(encoding, errors)
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
        raise StoreLocationError("unopenable", text, str(error)) from error
    return Location(filesystem, path, text)


S3_OPTIONS = {"region": "AWS_REGION", "access_key": "AWS_ACCESS_KEY_ID",
              "secret_key": "AWS_SECRET_ACCESS_KEY", "session_token": "AWS_SESSION_TOKEN"}


def delta_uri(location: Location) -> str:
    """The URI deltalake opens for a Location: a local path, or the URI without its query."""
    if location.is_local:
        return location.path
    return f"{urlsplit(location.text).scheme}://{location.path.strip('/')}"


APPEND_ATTEMPTS = 5  # an append conflicts only with replicas creating the same table at once


def append_delta_rows(location: Location, data: pa.Table) -> None:
    """Append rows to the Delta table at `location` (made on first use); a commit conflict is
    retried a few times, then raised."""
    import time

    from deltalake import write_deltalake
    from deltalake.exceptions import CommitFailedError

    for attempt in range(APPEND_ATTEMPTS):
        try:
            write_deltalake(delta_uri(location), data, mode="append",
                            storage_options=delta_options(location))
            return
        except CommitFailedError:
            if attempt == APPEND_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def delta_options(location: Location) -> dict[str, str] | None:
    """deltalake's storage options for a URI's query (pyarrow's names: region, endpoint_override,
    scheme, access_key, secret_key); credentials otherwise come from the usual AWS variables.
    S3 commits use conditional writes (If-None-Match), which delta-rs 1.x does by default, so
    writers on several machines need no lock service."""
    if location.is_local:
        return None
    query = dict(parse_qsl(urlsplit(location.text).query))
    options = {S3_OPTIONS[key]: value for key, value in query.items() if key in S3_OPTIONS}
    if endpoint := query.get("endpoint_override"):
        scheme = query.get("scheme", "https")
        options["AWS_ENDPOINT_URL"] = endpoint if "://" in endpoint else f"{scheme}://{endpoint}"
        if options["AWS_ENDPOINT_URL"].startswith("http://"):
            options["AWS_ALLOW_HTTP"] = "true"
    return options or None


def resolve_store_dir(explicit: str | Path | None = None) -> Path:
    """The store folder to write to; a URI must name a local filesystem (file://), else
    StoreLocationError says the store is read-only here."""
    return as_location(store_setting(explicit)).local_path()
