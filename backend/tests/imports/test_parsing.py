import datetime as dt
from pathlib import Path

import pytest

from hospital_crm.imports.parsing import (
    SheetError,
    check_readable,
    detect_delimiter,
    detect_encoding,
    open_sheet,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "row_count"),
    [
        ("patients_cp932.csv", "cp932", ",", 7),
        ("patients_utf8_bom.csv", "utf-8-sig", ",", 5),
        ("patients_bad_rows.csv", "utf-8", ",", 11),
        ("patients_gb18030.csv", "gb18030", "\t", 6),
        ("patients_big5.csv", "cp950", ";", 6),
    ],
)
def test_csv_fixture_detection(name: str, encoding: str, delimiter: str, row_count: int) -> None:
    with open_sheet(FIXTURES / name) as reader:
        rows = list(reader.rows())

    assert reader.info.encoding == encoding
    assert reader.info.delimiter == delimiter
    assert len(rows) == row_count


def test_cp932_extension_characters_decode() -> None:
    with open_sheet(FIXTURES / "patients_cp932.csv") as reader:
        rows = dict(reader.rows())

    assert rows[3][13] == "膝の手術～リハビリ"
    assert rows[4][13] == "① 髙橋医師より紹介"
    assert rows[2][1] == "ﾜﾝ ｳｪｲ"


def test_quoted_line_break_stays_in_one_row() -> None:
    with open_sheet(FIXTURES / "patients_cp932.csv") as reader:
        rows = dict(reader.rows())

    assert rows[2][13] == "胃カメラ希望\n通訳同伴"
    assert rows[3][0] == "李　娜"


def test_detect_encoding_prefers_cp932_over_shift_jis() -> None:
    sample = ("氏名,備考\r\n" + "山田 太郎,東京都～大阪府\r\n" * 20).encode("cp932")

    assert detect_encoding(sample) == "cp932"


def test_detect_encoding_sample_cut_mid_character() -> None:
    sample = ("氏名,備考\r\n" + "山田 太郎,胃カメラ希望\r\n" * 50).encode("cp932")

    assert detect_encoding(sample[:-3]) == "cp932"


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [("氏名,国籍,生年月日", ","), ("氏名\t国籍\t生年月日", "\t"), ("氏名;国籍;生年月日", ";")],
)
def test_detect_delimiter(line: str, delimiter: str) -> None:
    assert detect_delimiter(line) == delimiter


def test_undecodable_row_names_excel_row(tmp_path: Path) -> None:
    header_and_rows = '氏名,備考\r\n山田 太郎,"一行目\r\n二行目"\r\n佐藤 花子,問題なし\r\n'.encode(
        "cp932"
    )
    path = tmp_path / "broken.csv"
    path.write_bytes(header_and_rows + b"\x82\xa0\x85\x40,bad\r\n")

    with open_sheet(path, encoding="cp932") as reader, pytest.raises(SheetError) as caught:
        list(reader.rows())

    assert caught.value.code == "undecodable_row"
    assert caught.value.row == 4
    assert "Row 4" in str(caught.value)


def test_forced_encoding_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "forced.csv"
    path.write_bytes("氏名\r\n陳 美玲\r\n".encode("cp950"))

    with open_sheet(path, encoding="big5") as reader:
        rows = list(reader.rows())

    assert reader.info.encoding == "cp950"
    assert rows[1] == (2, ["陳 美玲"])


def test_unsupported_encoding_rejected(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"name\r\nJos\xe9\r\n")

    with pytest.raises(SheetError) as caught:
        open_sheet(path, encoding="latin-1")

    assert caught.value.code == "unsupported_encoding"


def test_xlsx_lists_sheets_and_keeps_cell_types() -> None:
    with open_sheet(FIXTURES / "patients.xlsx") as reader:
        rows = dict(reader.rows())

    assert reader.info.sheet_names == ["患者一覧", "メモ"]
    assert reader.info.sheet_name == "患者一覧"
    assert rows[1][0] == "患者一覧（2024年度）"
    assert 2 not in rows
    assert rows[4][5] == dt.datetime(1980, 1, 15)
    assert rows[4][9] == 45383
    assert rows[6][5] == 32874


def test_xlsx_second_sheet_by_name() -> None:
    with open_sheet(FIXTURES / "patients.xlsx", sheet="メモ") as reader:
        rows = list(reader.rows())

    assert rows == [(1, ["このシートは取り込み対象外です"])]


def test_xlsx_unknown_sheet_lists_names() -> None:
    with pytest.raises(SheetError) as caught:
        open_sheet(FIXTURES / "patients.xlsx", sheet="Sheet9")

    assert caught.value.code == "sheet_not_found"
    assert "患者一覧" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SheetError) as caught:
        open_sheet(tmp_path / "absent.csv")

    assert caught.value.code == "file_not_found"


def test_directory_is_not_a_sheet(tmp_path: Path) -> None:
    with pytest.raises(SheetError) as caught:
        open_sheet(tmp_path)

    assert caught.value.code == "file_not_regular"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = tmp_path / "locked.csv"
    sheet.write_text("氏名\r\n王 偉\r\n", encoding="utf-8")

    def deny(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # chmod 000 does not stop root from reading, so the open call is made to fail.
    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(SheetError) as caught:
        check_readable(sheet)

    assert caught.value.code == "file_unreadable"
    assert "Permission denied" in str(caught.value)
