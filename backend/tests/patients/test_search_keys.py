import unicodedata

import pytest

from hospital_crm.patients.search_keys import (
    MAX_TERM_LENGTH,
    SearchQuery,
    build_contact_terms,
    build_name_terms,
    normalize_passport_number,
    parse_query,
)

PATIENTS = {
    "sato": {
        "family_name": "佐藤",
        "given_name": "花子",
        "name_latin": "SATO HANAKO",
        "name_kana": "サトウ ハナコ",
    },
    "kato": {
        "family_name": "加藤",
        "given_name": "一郎",
        "name_latin": "KATO ICHIRO",
        "name_kana": "カトウ イチロウ",
    },
    "saito": {
        "family_name": "斎藤",
        "given_name": "健",
        "name_latin": "SAITO KEN",
        "name_kana": "サイトウ ケン",
    },
    "ono": {
        "family_name": "大野",
        "given_name": "翔",
        "name_latin": "OHNO SHO",
        "name_kana": "オオノ ショウ",
    },
    "kono": {
        "family_name": "河野",
        "given_name": "誠",
        "name_latin": "KONO MAKOTO",
        "name_kana": "コウノ マコト",
    },
    "ito": {
        "family_name": "伊藤",
        "given_name": "誠",
        "name_latin": None,
        "name_kana": None,
    },
    "homma": {
        "family_name": "本間",
        "given_name": "太郎",
        "name_latin": "HOMMA TARO",
        "name_kana": "ホンマ タロウ",
    },
    "nguyen": {
        "family_name": "Nguyễn",
        "given_name": "Văn An",
        "name_latin": "NGUYEN VAN AN",
        "name_kana": "グエン・ヴァン・アン",
    },
    "wang": {
        "family_name": "王",
        "given_name": "小明",
        "name_latin": "WANG XIAOMING",
        "name_kana": None,
    },
    "kim": {
        "family_name": "김",
        "given_name": "민준",
        "name_latin": "KIM MINJUN",
        "name_kana": None,
    },
    "dupont": {
        "family_name": "Dupont",
        "given_name": "Jean-Pierre",
        "name_latin": "DUPONT JEAN-PIERRE",
        "name_kana": None,
    },
    "campbell": {
        "family_name": "Campbell",
        "given_name": "Øyvind",
        "name_latin": "CAMPBELL OYVIND",
        "name_kana": None,
    },
    "katakana_only": {
        "family_name": "スミス",
        "given_name": "ジョン",
        "name_latin": None,
        "name_kana": None,
    },
    "long_vowel_mark": {
        "family_name": "サトー",
        "given_name": "ケン",
        "name_latin": None,
        "name_kana": "サトー ケン",
    },
}


def name_terms(key: str) -> set[str]:
    return build_name_terms(**PATIENTS[key])


def matches(terms: set[str], query: SearchQuery) -> bool:
    """Match as the database does: every group has a prefix of some term, or a whole
    prefix is a prefix of some term."""

    def has_prefix_of_some_term(prefixes: frozenset[str]) -> bool:
        return any(term.startswith(prefix) for prefix in prefixes for term in terms)

    every_group_hits = all(has_prefix_of_some_term(group) for group in query.groups)
    return every_group_hits or has_prefix_of_some_term(query.whole)


MATCHING = [
    ("sato", "佐藤"),
    ("sato", "花子"),
    ("sato", "佐藤 花子"),
    ("sato", "佐藤　花子"),
    ("sato", "花子 佐藤"),
    ("sato", "佐藤花子"),
    ("sato", "さとう"),
    ("sato", "サトウ"),
    ("sato", "ｻﾄｳ ﾊﾅｺ"),
    ("sato", "さとう はなこ"),
    ("sato", "サトー"),
    ("sato", "sato"),
    ("sato", "Satō"),
    ("sato", "Satou"),
    ("sato", "SATOH"),
    ("sato", "Sat"),
    ("sato", "sato hanako"),
    ("sato", "hanako sato"),
    ("sato", "satohanako"),
    ("sato", "SATO, Hanako"),
    ("sato", "サトウ・ハナコ"),
    ("ono", "ono"),
    ("ono", "ōno"),
    ("ono", "ohno"),
    ("ono", "oono"),
    ("ono", "Ōno Shō"),
    ("ono", "おおの"),
    ("ono", "大野"),
    ("kono", "kohno"),
    ("kono", "KOHNO MAKOTO"),
    ("kono", "kouno"),
    ("kono", "こうの"),
    ("ito", "ITOH"),
    ("ito", "itoh makoto"),
    ("ito", "itou"),
    ("ito", "Itō"),
    ("ito", "イトウ"),
    ("homma", "homma"),
    ("homma", "honma"),
    ("homma", "hom"),
    ("homma", "ほんま"),
    ("homma", "homma taro"),
    ("homma", "Tarō Homma"),
    ("nguyen", "nguyen van an"),
    ("nguyen", "Nguyen"),
    ("nguyen", "nguyễn"),
    ("nguyen", "NGUYỄN VĂN AN"),
    ("nguyen", "van an nguyen"),
    ("nguyen", "an"),
    ("nguyen", "グエン"),
    ("wang", "wang xiaoming"),
    ("wang", "wangxiaoming"),
    ("wang", "Wáng Xiǎomíng"),
    ("wang", "xiaoming wang"),
    ("wang", "wang xiao ming"),
    ("wang", "王小明"),
    ("wang", "王"),
    ("wang", "小明"),
    ("kim", "kim minjun"),
    ("kim", "김민준"),
    ("kim", "김"),
    ("dupont", "jean-pierre"),
    ("dupont", "pierre"),
    ("dupont", "jean pierre dupont"),
    ("campbell", "cam"),
    ("campbell", "Campbell"),
    ("campbell", "øyvind"),
    ("campbell", "oyvind campbell"),
    ("katakana_only", "すみす"),
    ("katakana_only", "sumisu"),
    ("katakana_only", "jon"),
    ("long_vowel_mark", "サトウ"),
    ("long_vowel_mark", "sato"),
    ("long_vowel_mark", "サトー"),
]

NOT_MATCHING = [
    ("sato", "加藤"),
    ("sato", "かとう"),
    ("sato", "kato"),
    ("sato", "saito"),
    ("sato", "斎藤"),
    ("sato", "佐藤 一郎"),
    ("sato", "hanako kato"),
    ("sato", "wang"),
    ("kato", "佐藤"),
    ("kato", "sato"),
    ("saito", "sato"),
    ("saito", "サトウ"),
    ("ono", "ota"),
    ("ono", "大橋"),
    ("nguyen", "nguyen van binh"),
    ("wang", "wang xiaohong"),
    ("wang", "李"),
    ("wang", "王小红"),
    ("kim", "lee minjun"),
    ("kim", "박"),
    ("homma", "honda"),
    ("kono", "kondo"),
    ("ito", "itoi"),
    ("dupont", "jean-paul"),
]


@pytest.mark.parametrize(("patient", "query"), MATCHING)
def test_query_finds_patient(patient: str, query: str) -> None:
    assert matches(name_terms(patient), parse_query(query))


@pytest.mark.parametrize(("patient", "query"), NOT_MATCHING)
def test_query_skips_other_patient(patient: str, query: str) -> None:
    assert not matches(name_terms(patient), parse_query(query))


@pytest.mark.parametrize("patient", sorted(PATIENTS))
def test_name_terms_are_normalised(patient: str) -> None:
    for term in name_terms(patient):
        assert term
        assert term == term.strip()
        assert term == unicodedata.normalize("NFKC", term)
        assert term == term.casefold()
        assert len(term) <= MAX_TERM_LENGTH


@pytest.mark.parametrize("patient", sorted(PATIENTS))
def test_name_terms_count_is_modest(patient: str) -> None:
    assert len(name_terms(patient)) <= 40


def test_full_name_terms_in_both_orders() -> None:
    terms = name_terms("sato")

    assert {"satohanako", "hanakosato", "佐藤花子", "花子佐藤"} <= terms
    assert {"サトウハナコ", "ハナコサトウ"} <= terms


def test_han_name_has_pinyin_and_japanese_reading() -> None:
    terms = name_terms("wang")

    assert {"王", "小明", "王小明"} <= terms
    assert {"wang", "xiaoming", "wangxiaoming", "xiaomingwang"} <= terms
    assert {"オウ", "ショウメイ"} <= terms


def test_long_vowel_mark_kept_in_katakana() -> None:
    terms = name_terms("long_vowel_mark")

    assert "サトー" in terms
    assert "サトウ" not in terms
    assert "sato" in terms


def test_empty_names_give_no_terms() -> None:
    terms = build_name_terms(family_name=None, given_name="", name_latin="  ", name_kana=None)

    assert terms == set()


def test_long_name_is_clipped_and_still_found() -> None:
    long_name = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft" * 2
    terms = build_name_terms(
        family_name=long_name, given_name="Hubert", name_latin=None, name_kana=None
    )
    query = parse_query(long_name)

    assert max(len(term) for term in terms) == MAX_TERM_LENGTH
    assert all(len(prefix) <= MAX_TERM_LENGTH for prefix in query.whole)
    assert matches(terms, query)


@pytest.mark.parametrize(
    ("query", "folded"),
    [
        ("Satō", "sato"),
        ("SATOU", "sato"),
        ("SATOH", "sato"),
        ("Satoo", "sato"),
        ("OHNO", "ono"),
        ("Ohashi", "ohashi"),
        ("Kohei", "kohei"),
        ("Yūko", "yuko"),
        ("Yuuko", "yuko"),
        ("Shin'ichi", "shinichi"),
        ("NAMBA", "nanba"),
        ("Nguyễn", "nguyen"),
        ("Đặng", "dang"),
        ("Strauß", "strauss"),
        ("Østergård", "ostergard"),
        ("Brâncuși", "brancusi"),
    ],
)
def test_latin_query_folding(query: str, folded: str) -> None:
    assert parse_query(query).groups == (frozenset({folded}),)


def test_query_groups_per_token() -> None:
    query = parse_query("佐藤 花子")

    assert len(query.groups) == 2
    assert query.groups[0] == frozenset({"佐藤", "サトウ", "sato", "zuoteng"})
    assert query.groups[1] == frozenset({"花子", "ハナコ", "hanako", "huazi"})
    assert "佐藤花子" in query.whole
    assert "satohanako" in query.whole


def test_kana_query_gives_katakana_and_romaji() -> None:
    for text in ("さとう", "サトウ", "ｻﾄｳ"):
        assert parse_query(text).groups == (frozenset({"サトウ", "sato"}),)


def test_single_kanji_query_drops_one_letter_reading() -> None:
    query = parse_query("王")

    assert query.groups == (frozenset({"王", "オウ", "wang"}),)


def test_query_without_searchable_text() -> None:
    for text in ("", "   ", "・、,"):
        query = parse_query(text)
        assert query.groups == ()
        assert query.whole == frozenset()
        assert query.passport is None


PHONE = "+819012345678"

PHONE_QUERIES = [
    "+81 90-1234-5678",
    "+81 (0)90-1234-5678",
    "+81 090 1234 5678",
    "+819012345678",
    "0081 90 1234 5678",
    "090-1234-5678",
    "09012345678",
    "(090) 1234-5678",
    "090.1234.5678",
    "０９０－１２３４－５６７８",
    "90-1234-5678",
    "090-1234",
]


@pytest.mark.parametrize("query", PHONE_QUERIES)
def test_phone_query_finds_japanese_number(query: str) -> None:
    terms = build_contact_terms(email=None, phones_e164=[PHONE])

    assert matches(terms, parse_query(query))


@pytest.mark.parametrize("query", ["+86 138 0013 8000", "138 0013 8000", "8613800138000"])
def test_phone_query_finds_chinese_number(query: str) -> None:
    terms = build_contact_terms(email=None, phones_e164=["+8613800138000"])

    assert matches(terms, parse_query(query))


@pytest.mark.parametrize("query", ["090-9999-9999", "+86 138 0013 8000", "+1 212 555 0100"])
def test_phone_query_skips_other_number(query: str) -> None:
    terms = build_contact_terms(email=None, phones_e164=[PHONE])

    assert not matches(terms, parse_query(query))


def test_phone_terms_cover_formats() -> None:
    terms = build_contact_terms(email=None, phones_e164=[PHONE])

    assert terms == {"819012345678", "9012345678", "09012345678"}


def test_phone_terms_without_trunk_prefix() -> None:
    terms = build_contact_terms(email=None, phones_e164=["+8613800138000"])

    assert terms == {"8613800138000", "13800138000"}


def test_phone_terms_keep_russian_trunk_prefix() -> None:
    terms = build_contact_terms(email=None, phones_e164=["+79123456789"])

    assert "89123456789" in terms


def test_phone_query_is_digits_only() -> None:
    query = parse_query("+81 90-1234-5678")

    assert query.groups == (frozenset({"819012345678"}),)
    assert query.passport is None


def test_short_number_is_not_phone() -> None:
    query = parse_query("12345")

    assert query.groups == (frozenset({"12345"}),)


def test_email_query_ignores_case() -> None:
    terms = build_contact_terms(email="Hanako.Sato@Example.JP", phones_e164=[])

    assert terms == {"hanako.sato@example.jp"}
    assert matches(terms, parse_query("HANAKO.SATO@example.jp"))
    assert matches(terms, parse_query("hanako.sato@exa"))
    assert not matches(terms, parse_query("hanako.sato@example.com"))


def test_email_query_is_one_prefix() -> None:
    query = parse_query("  Hanako Sato@Example.jp ")

    assert query.groups == (frozenset({"hanakosato@example.jp"}),)
    assert query.passport is None


def test_email_local_part_found_by_name_query() -> None:
    terms = build_contact_terms(email="jsmith@example.com", phones_e164=[])

    assert matches(terms, parse_query("jsmith"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("TK1234567", "TK1234567"),
        ("tk1234567", "TK1234567"),
        ("TK 123-4567", "TK1234567"),
        ("ＴＫ１２３４５６７", "TK1234567"),
        ("123456789", "123456789"),
    ],
)
def test_passport_candidate_set(query: str, expected: str) -> None:
    assert parse_query(query).passport == expected


@pytest.mark.parametrize(
    "query", ["sato", "SATOHANAKO", "TK123", "A" * 20 + "1", "+81 90-1234-5678", "佐藤1234567"]
)
def test_passport_candidate_not_set(query: str) -> None:
    assert parse_query(query).passport is None


def test_passport_query_keeps_name_groups() -> None:
    query = parse_query("TK1234567")

    assert query.groups == (frozenset({"tk1234567"}),)


def test_normalize_passport_number() -> None:
    assert normalize_passport_number(" tk 123-4567 ") == "TK1234567"
    assert normalize_passport_number("ｔｋ１２３４５６７") == "TK1234567"
    assert normalize_passport_number("E12345678") == "E12345678"


@pytest.mark.parametrize("value", ["", "   ", " - - "])
def test_normalize_passport_number_rejects_empty(value: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        normalize_passport_number(value)
