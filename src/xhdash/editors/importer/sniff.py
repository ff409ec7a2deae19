"""Refuse what is not safe to open, by content rather than by name, before anything is parsed."""

from __future__ import annotations

import io
import zipfile

from xhdash.editors.importer.limits import MB, ImportLimits

XLSX_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls / .doc
ZIP_MAGIC = b"PK\x03\x04"
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


class ImportRefused(ValueError):
    """The file is refused outright; the message says why in Chinese and English."""

    def __init__(self, reason_zh: str, reason_en: str):
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        super().__init__(f"{reason_zh} / {reason_en}")


def _check_workbook_archive(data: bytes, limits: ImportLimits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportRefused("文件已损坏，不是有效的 Excel（.xlsx）文件",
                            "the file is damaged: not a valid Excel (.xlsx) workbook") from None
    names = {entry.filename for entry in entries}
    if not all(name in names for name in XLSX_REQUIRED):
        raise ImportRefused("压缩包不是 Excel（.xlsx）工作簿", "the archive is not an Excel workbook")
    if len(entries) > limits.max_zip_entries:
        raise ImportRefused(f"工作簿内含文件过多（{len(entries)} 个）",
                            f"the workbook holds too many parts ({len(entries)})")
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(sum(entry.compress_size for entry in entries), 1)
    if unpacked > limits.max_unpacked_bytes or unpacked / packed > limits.max_compression_ratio:
        ratio = unpacked / packed
        raise ImportRefused(
            f"工作簿解压后达 {unpacked / MB:.0f} MB（压缩比 {ratio:.0f} 倍），疑似压缩炸弹，已拒绝",
            f"the workbook would unpack to {unpacked / MB:.0f} MB (ratio {ratio:.0f}:1), "
            "a likely compression bomb; refused")


def detect_kind(data: bytes, file_name: str, limits: ImportLimits) -> str:
    """'xlsx' or 'csv' by content; ImportRefused for anything else, too large, or unsafe."""
    if len(data) > limits.max_file_bytes:
        raise ImportRefused(
            f"文件大小 {len(data) / MB:.1f} MB，超过上限 {limits.max_file_bytes / MB:.0f} MB",
            f"the file is {len(data) / MB:.1f} MB, over the {limits.max_file_bytes / MB:.0f} MB limit")
    if not data.strip():
        raise ImportRefused("文件是空的", "the file is empty")
    if data.startswith(ZIP_MAGIC):
        _check_workbook_archive(data, limits)
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        raise ImportRefused("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入",
                            "this is a legacy Excel (.xls) file: save it as .xlsx and import again")
    if b"\x00" in data[:4096]:
        raise ImportRefused(f"“{file_name}”不是 CSV 或 Excel 文件（内容为二进制）",
                            f"'{file_name}' is neither CSV nor Excel (binary content)")
    if not any(_decodes(data, encoding) for encoding in TEXT_ENCODINGS):
        raise ImportRefused("文件不是可识别的文本（支持 UTF-8、GBK/GB18030 编码的 CSV）",
                            "the file is not readable text (CSV in UTF-8 or GBK/GB18030 expected)")
    return "csv"


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
