"""Import limits: file size and rows (configurable by environment), columns, cell length, table
size, and what a workbook may unpack. Each keeps a file within the size limit judged in seconds."""

from __future__ import annotations

from dataclasses import dataclass

from xhdash.settings import setting

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int = 20 * MB
    max_rows: int = 200_000
    max_unpacked_bytes: int = 200 * MB
    max_compression_ratio: float = 100.0
    max_zip_entries: int = 1_000
    max_columns: int = 1_000
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    max_cells: int = 2_000_000  # rows × used columns: 200,000 rows of a ten-column table
    max_figures: int = 400_000  # value and growth cells: 200,000 rows with a growth column

    @classmethod
    def from_environment(cls) -> ImportLimits:
        """XHDASH_MAX_IMPORT_MB and XHDASH_MAX_IMPORT_ROWS override the defaults."""
        return cls(max_file_bytes=int(float(setting("XHDASH_MAX_IMPORT_MB")) * MB),
                   max_rows=int(setting("XHDASH_MAX_IMPORT_ROWS")))
