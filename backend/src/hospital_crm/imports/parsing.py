"""Streaming readers for CSV and XLSX sheets.

A reader yields (row_number, cells) where row_number is the 1-based row as Excel
shows it, so a user can find a reported row in the file they sent. Neither reader
loads the whole file: CSV is decoded line by line, XLSX is read with openpyxl's
read-only mode. Encoding and delimiter detection look at a bounded sample only.
"""

import codecs
import csv
import datetime as dt
import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
import openpyxl
from openpyxl.utils.datetime import WINDOWS_EPOCH

# Bytes read to detect the encoding and the delimiter. Large enough to hold a few
# hundred rows of a typical patient sheet, small enough to keep detection quick.
DETECTION_SAMPLE_BYTES = 256 * 1024

SUPPORTED_ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "cp932",
    "shift_jis",
    "gb18030",
    "gbk",
    "big5",
    "cp950",
)

# Detected names mapped to the superset that Excel on Windows actually writes:
# cp932 adds the NEC/IBM extensions and maps ～ ∥ － the way Windows does, gb18030
# contains GBK and GB2312, cp950 adds Microsoft's extensions to Big5.
_PREFERRED_ENCODING = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "cp932": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "cp950",
    "cp950": "cp950",
    "big5hkscs": "cp950",
    "ascii": "utf-8",
    "utf_8": "utf-8",
    "utf-8": "utf-8",
}

_DELIMITERS = (",", "\t", ";")

# Maximum characters in one CSV field, above the csv module's default of 131,072 so
# that long notes read as ordinary values. CPython's csv module (3.11) buffers a
# field as 4 bytes per character, so one field takes at most 64 MiB while it is read.
# That is well below the 200 MB upload limit (service.MAX_UPLOAD_BYTES), which alone
# would allow a field of 200 million characters and 800 MB of buffer.
CSV_FIELD_LIMIT = 16 * 1024 * 1024

Cell = str | int | float | bool | dt.date | dt.datetime | None


class SheetError(Exception):
    """A file that cannot be read at all; the CLI exits with status 2."""

    def __init__(self, code: str, message: str, *, row: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.row = row


@dataclass
class SheetInfo:
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    sheet_name: str | None = None
    epoch: dt.datetime = WINDOWS_EPOCH


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def is_xlsx(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) == b"PK\x03\x04" and zipfile.is_zipfile(path)


def check_readable(path: Path) -> None:
    """Raise SheetError unless path is a regular file that this process can open.

    The messages leave the path out because every caller names the file already.
    """
    try:
        if not path.exists():
            raise SheetError("file_not_found", "the file does not exist")
        if not path.is_file():
            raise SheetError("file_not_regular", "the path is a directory or device, not a file")
        with path.open("rb"):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SheetError("file_unreadable", f"the file cannot be read ({reason})") from None


def open_sheet(
    path: Path, *, encoding: str | None = None, sheet: str | None = None
) -> "SheetReader":
    """Open a CSV or XLSX file; XLSX is recognised by its content, not its name."""
    check_readable(path)
    if is_xlsx(path):
        return XlsxReader(path, sheet=sheet)
    return CsvReader(path, encoding=encoding)


class SheetReader:
    info: SheetInfo

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        raise NotImplementedError

    def close(self) -> None:
        return None

    def __enter__(self) -> "SheetReader":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --- CSV ---------------------------------------------------------------------------------


def detect_encoding(sample: bytes) -> str:
    """Return the encoding of a CSV sample, preferring the Windows supersets.

    A sample that is valid UTF-8 is UTF-8 (with or without BOM). Otherwise
    charset-normalizer ranks the candidates, and the first one that is a CJK or
    Unicode encoding spreadsheets export wins. A file that fits none of them is
    rejected rather than read as a Western code page that would garble every name.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if _decodes(sample, "utf-8"):
        return "utf-8"

    for match in charset_normalizer.from_bytes(sample):
        preferred = _PREFERRED_ENCODING.get(match.encoding.lower())
        if preferred and _decodes(sample, preferred):
            return preferred
    for fallback in ("cp932", "gb18030", "cp950"):
        if _decodes(sample, fallback):
            return fallback
    raise SheetError(
        "unknown_encoding",
        "Cannot detect the file's encoding: save it as CSV UTF-8 or pass --encoding",
    )


def _decodes(sample: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        # final=False: the sample may end inside a multi-byte character.
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(first_line: str) -> str:
    """Pick the delimiter that splits the header line into the most columns."""
    counts = {}
    for delimiter in _DELIMITERS:
        row = next(csv.reader([first_line], delimiter=delimiter), [])
        counts[delimiter] = len(row)
    return max(_DELIMITERS, key=lambda delimiter: counts[delimiter])


def normalize_encoding_name(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    if name not in {codecs.lookup(supported).name for supported in SUPPORTED_ENCODINGS}:
        raise SheetError(
            "unsupported_encoding",
            f"Unsupported encoding {encoding!r}: use one of {', '.join(SUPPORTED_ENCODINGS)}",
        )
    return _PREFERRED_ENCODING.get(name.replace("_", "-"), _PREFERRED_ENCODING.get(name, name))


class CsvReader(SheetReader):
    def __init__(self, path: Path, *, encoding: str | None = None) -> None:
        self.path = path
        with path.open("rb") as stream:
            sample = stream.read(DETECTION_SAMPLE_BYTES)
        if encoding:
            try:
                chosen = normalize_encoding_name(encoding)
            except LookupError:
                raise SheetError("unsupported_encoding", f"Unknown encoding {encoding!r}") from None
        else:
            chosen = detect_encoding(sample)
        if chosen == "utf-8" and sample.startswith(codecs.BOM_UTF8):
            chosen = "utf-8-sig"

        first_line = _first_line(sample, chosen)
        self.info = SheetInfo(format="csv", encoding=chosen, delimiter=detect_delimiter(first_line))

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        # The limit is global to the csv module, so it applies to every reader in the process.
        csv.field_size_limit(CSV_FIELD_LIMIT)
        with self.path.open("rb") as stream:
            lines = _DecodedLines(stream, self.info.encoding or "utf-8")
            reader = csv.reader(lines, delimiter=self.info.delimiter or ",")
            row_number = 0
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise _csv_error(error, row_number + 1) from None
                row_number += 1
                lines.row_number = row_number + 1
                yield row_number, list(record)


def _csv_error(error: csv.Error, row_number: int) -> SheetError:
    if "field larger than field limit" in str(error):
        return SheetError(
            "cell_too_large",
            f"Row {row_number} has a cell longer than {CSV_FIELD_LIMIT:,} characters: "
            "shorten or split it, or check the file for an unclosed quote",
            row=row_number,
        )
    return SheetError("invalid_csv", f"Row {row_number} is not valid CSV: {error}", row=row_number)


def _first_line(sample: bytes, encoding: str) -> str:
    head = sample.split(b"\n", 1)[0]
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head, final=False)


class _DecodedLines:
    """Iterate a binary stream as decoded text lines, stopping at the first bad byte.

    Splitting on b"\\n" before decoding is safe for every supported encoding: in
    UTF-8, Shift_JIS, GBK, GB18030 and Big5 the byte 0x0A only ever encodes a line
    feed, never part of a multi-byte character. The csv module joins the lines of
    a quoted field with line breaks itself.
    """

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self.row_number = 1

    def __iter__(self) -> "_DecodedLines":
        return self

    def __next__(self) -> str:
        raw = self._stream.readline()
        if not raw:
            self._decoder.decode(b"", final=True)
            raise StopIteration
        try:
            return self._decoder.decode(raw)
        except UnicodeDecodeError as error:
            bad = raw[error.start : error.end].hex(" ")
            raise SheetError(
                "undecodable_row",
                f"Row {self.row_number} cannot be decoded as {self._decoder_name()} "
                f"(bytes {bad}): pass the right --encoding or save the file as CSV UTF-8",
                row=self.row_number,
            ) from None

    def _decoder_name(self) -> str:
        return getattr(self._decoder, "encoding", None) or "the detected encoding"


# --- XLSX --------------------------------------------------------------------------------


def xlsx_sheet_names(path: Path) -> list[str]:
    """Return the sheet names of an XLSX workbook, or [] for a file that is not one."""
    if not is_xlsx(path):
        return []
    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return []
    names = list(workbook.sheetnames)
    workbook.close()
    return names


class XlsxReader(SheetReader):
    def __init__(self, path: Path, *, sheet: str | None = None) -> None:
        try:
            self._workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise SheetError("unreadable_xlsx", f"Cannot open the workbook: {error}") from None
        names = list(self._workbook.sheetnames)
        chosen = sheet or names[0]
        if chosen not in names:
            self._workbook.close()
            raise SheetError(
                "sheet_not_found",
                f"Sheet {chosen!r} not found: the workbook has {', '.join(map(repr, names))}",
            )
        self._worksheet = self._workbook[chosen]
        self.info = SheetInfo(
            format="xlsx", sheet_names=names, sheet_name=chosen, epoch=self._workbook.epoch
        )

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        # Some writers store a wrong <dimension>; resetting makes openpyxl read every row.
        self._worksheet.reset_dimensions()
        for cells in self._worksheet.iter_rows():
            if not cells:
                continue
            row_number = next((cell.row for cell in cells if hasattr(cell, "row")), None)
            if row_number is None:
                continue
            yield row_number, [cell.value for cell in cells]

    def close(self) -> None:
        self._workbook.close()
