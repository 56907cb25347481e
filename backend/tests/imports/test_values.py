import datetime as dt

import pytest
from openpyxl.utils.datetime import MAC_EPOCH

from hospital_crm.imports.countries import parse_country
from hospital_crm.imports.values import (
    CellError,
    normalize_text,
    parse_birth_date,
    parse_date,
    parse_email,
    parse_phones,
    parse_sex,
    split_full_name,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-04-01", dt.date(2024, 4, 1)),
        ("2024/4/1", dt.date(2024, 4, 1)),
        ("2024.04.01", dt.date(2024, 4, 1)),
        ("2024年4月1日", dt.date(2024, 4, 1)),
        ("２０２４年４月１日", dt.date(2024, 4, 1)),
        ("2024年4月1日(月)", dt.date(2024, 4, 1)),
        ("2024/04/01 09:30", dt.date(2024, 4, 1)),
        ("20240401", dt.date(2024, 4, 1)),
        ("令和6年4月1日", dt.date(2024, 4, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("R6.4.1", dt.date(2024, 4, 1)),
        ("r6/4/1", dt.date(2024, 4, 1)),
        ("Ｒ６．４．１", dt.date(2024, 4, 1)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("H31.4.30", dt.date(2019, 4, 30)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("S60.3.12", dt.date(1985, 3, 12)),
        ("㍼60年3月12日", dt.date(1985, 3, 12)),
        ("13/02/1990", dt.date(1990, 2, 13)),
        ("02/13/1990", dt.date(1990, 2, 13)),
        ("05/05/1990", dt.date(1990, 5, 5)),
        ("45383", dt.date(2024, 4, 1)),
        (45383, dt.date(2024, 4, 1)),
        (45383.0, dt.date(2024, 4, 1)),
        (61, dt.date(1900, 3, 1)),
        (59, dt.date(1900, 2, 28)),
        (dt.datetime(2024, 4, 1, 0, 0), dt.date(2024, 4, 1)),
        (dt.date(2024, 4, 1), dt.date(2024, 4, 1)),
    ],
)
def test_parse_date_accepts(raw: object, expected: dt.date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("01/02/1990", "ambiguous_date"),
        ("12.11.1985", "ambiguous_date"),
        ("2024/2/30", "invalid_date"),
        ("2023-02-29", "invalid_date"),
        ("令和1年4月30日", "date_outside_era"),
        ("平成31年5月1日", "date_outside_era"),
        ("H1.1.7", "date_outside_era"),
        ("昭和64年1月8日", "date_outside_era"),
        ("令和0年5月1日", "invalid_date"),
        ("1990", "invalid_date"),
        (1990, "invalid_date"),
        ("yesterday", "invalid_date"),
        (60, "invalid_date"),
        (0, "invalid_date"),
        (True, "invalid_date"),
    ],
)
def test_parse_date_rejects(raw: object, code: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_date(raw)
    assert caught.value.code == code


def test_parse_date_uses_1904_epoch() -> None:
    assert parse_date(0 + 1, epoch=MAC_EPOCH) == dt.date(1904, 1, 2)


def test_birth_date_in_future_rejected() -> None:
    with pytest.raises(CellError) as caught:
        parse_birth_date("2030-01-01", today=dt.date(2026, 1, 1))
    assert caught.value.code == "date_in_future"


@pytest.mark.parametrize(
    "raw",
    [
        "中国",
        "中華人民共和国",
        "China",
        "CN",
        "CHN",
        "cn",
        "中国籍",
        "中國",
        "Ｃｈｉｎａ",
        "中国人",
    ],
)
def test_parse_country_china_forms(raw: str) -> None:
    assert parse_country(raw) == "CN"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("韓国", "KR"),
        ("台湾", "TW"),
        ("米国", "US"),
        ("アメリカ合衆国", "US"),
        ("ベトナム", "VN"),
        ("ロシア", "RU"),
        ("イギリス", "GB"),
        ("Viet Nam", "VN"),
        ("越南", "VN"),
        ("インドネシア", "ID"),
        ("モンゴル", "MN"),
        ("日本", "JP"),
        ("United States of America", "US"),
        ("korea, republic of", "KR"),
    ],
)
def test_parse_country_other_forms(raw: str, code: str) -> None:
    assert parse_country(raw) == code


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("香港", "HK"),
        ("ホンコン", "HK"),
        ("中国香港", "HK"),
        ("香港特别行政区", "HK"),
        ("香港特別行政區", "HK"),
        ("香港人", "HK"),
        ("Hong Kong", "HK"),
        ("HK", "HK"),
        ("マカオ", "MO"),
        ("澳門", "MO"),
        ("澳门", "MO"),
        ("中国澳门", "MO"),
        ("澳门特别行政区", "MO"),
        ("Macau", "MO"),
        ("Macao", "MO"),
        ("MAC", "MO"),
    ],
)
def test_parse_country_hong_kong_macao(raw: str, code: str) -> None:
    assert parse_country(raw) == code


@pytest.mark.parametrize("raw", ["Atlantis", "XX", "", "ワカンダ"])
def test_parse_country_unknown(raw: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_country(raw)
    assert caught.value.code == "unknown_country"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("男", "male"),
        ("男性", "male"),
        ("M", "male"),
        ("male", "male"),
        ("Ｍ", "male"),
        ("女", "female"),
        ("女性", "female"),
        ("f", "female"),
        ("Female", "female"),
        ("不明", "unknown"),
    ],
)
def test_parse_sex(raw: str, expected: str) -> None:
    assert parse_sex(raw) == expected


def test_parse_sex_unknown_value() -> None:
    with pytest.raises(CellError) as caught:
        parse_sex("abc")
    assert caught.value.code == "unknown_sex"


@pytest.mark.parametrize(
    ("raw", "regions", "expected"),
    [
        ("090-1234-5678", ("CN",), ["+819012345678"]),
        ("０９０－１２３４－５６７８", (), ["+819012345678"]),
        ("090ー1234ー5678", (), ["+819012345678"]),
        ("138 0013 8000", ("CN",), ["+8613800138000"]),
        ("+86 138-0013-8000", ("JP",), ["+8613800138000"]),
        ("0086 13800138000", ("CN",), ["+8613800138000"]),
        ("090-1234-5678 / +86 13800138000", ("CN",), ["+819012345678", "+8613800138000"]),
        (9012345678, (), ["+819012345678"]),
    ],
)
def test_parse_phones(raw: object, regions: tuple[str, ...], expected: list[str]) -> None:
    assert parse_phones(raw, regions=regions) == expected


@pytest.mark.parametrize("raw", ["123", "abc", "090-1234"])
def test_parse_phones_invalid(raw: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_phones(raw, regions=("JP",))
    assert caught.value.code == "invalid_phone"


def test_parse_email_full_width() -> None:
    assert parse_email("ｗａｎｇ＠Example.COM") == "wang@example.com"


@pytest.mark.parametrize("raw", ["wang@", "wang at example.com", "@example.com", "a@b@c.com"])
def test_parse_email_invalid(raw: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_email(raw)
    assert caught.value.code == "invalid_email"


def test_normalize_half_width_katakana() -> None:
    assert normalize_text("ﾔﾏﾀﾞ ﾀﾛｳ") == "ヤマダ タロウ"


def test_split_full_name_full_width_space() -> None:
    assert split_full_name(normalize_text("王　偉") or "") == ("王", "偉")


@pytest.mark.parametrize(
    ("full_name", "passport_name", "expected"),
    [
        ("Ahmed Hassan", "HASSAN AHMED", ("Hassan", "Ahmed")),
        ("María García López", "GARCIA LOPEZ MARIA", ("García López", "María")),
        ("Nguyễn Văn An", "NGUYEN VAN AN", ("Nguyễn", "Văn An")),
        ("Ahmed Hassan", "HASSAN MOHAMED", ("Ahmed", "Hassan")),
        ("محمد العلي", "ALALI MOHAMMED", ("محمد", "العلي")),
    ],
)
def test_split_full_name_follows_passport_order(
    full_name: str, passport_name: str, expected: tuple[str, str]
) -> None:
    assert split_full_name(full_name, passport_name) == expected


def test_split_full_name_without_space() -> None:
    assert split_full_name("王偉") == ("王偉", None)
