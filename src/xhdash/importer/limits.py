"""Import limits, configurable by environment: file size, rows, and what a workbook may unpack."""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int = 20 * MB
    max_rows: int = 200_000
    max_unpacked_bytes: int = 200 * MB
    max_compression_ratio: float = 100.0
    max_zip_entries: int = 1_000

    @classmethod
    def from_environment(cls) -> ImportLimits:
        """XHDASH_MAX_IMPORT_MB and XHDASH_MAX_IMPORT_ROWS override the defaults."""
        defaults = cls()
        megabytes = os.environ.get("XHDASH_MAX_IMPORT_MB")
        rows = os.environ.get("XHDASH_MAX_IMPORT_ROWS")
        return cls(
            max_file_bytes=int(float(megabytes) * MB) if megabytes else defaults.max_file_bytes,
            max_rows=int(rows) if rows else defaults.max_rows,
        )
