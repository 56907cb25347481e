"""Country names in Japanese, Chinese or English, and ISO codes, to ISO 3166-1 alpha-2."""

import functools

import pycountry
from babel import Locale

from hospital_crm.imports.values import CellError, normalize_key, normalize_text

# Short and everyday forms that neither pycountry nor the CLDR names (through Babel)
# contain, as staff write them in nationality columns.
_EXTRA_NAMES = {
    "CN": ("中華人民共和国", "中国大陸", "中國", "PRC", "Mainland China", "Chinese"),
    "TW": ("中華民国", "台灣", "臺灣", "Taiwanese"),
    "HK": (
        "香港",
        "ホンコン",
        "中国香港",
        "中國香港",
        "香港特別行政区",
        "香港特别行政区",
        "香港特別行政區",
        "Hong Kong SAR",
        "Hong Kong, China",
        "Hongkong",
    ),
    "MO": (
        "マカオ",
        "澳門",
        "澳门",
        "中国澳门",
        "中國澳門",
        "マカオ特別行政区",
        "澳门特别行政区",
        "澳門特別行政區",
        "Macau",
        "Macao SAR",
        "Macau SAR",
        "Macao, China",
    ),
    "KR": ("韓国", "大韓民国", "南朝鮮", "South Korea", "Korea", "Korean"),
    "KP": ("北朝鮮", "North Korea"),
    "US": ("米国", "アメリカ", "合衆国", "USA", "U.S.A.", "United States", "American"),
    "GB": ("英国", "イギリス", "UK", "United Kingdom", "British"),
    "VN": ("ベトナム", "越南", "Viet Nam", "Vietnamese"),
    "RU": ("ロシア", "ロシア連邦", "Russia", "Russian"),
    "AU": ("豪州", "オーストラリア", "Australian"),
    "TH": ("タイ王国", "Thai"),
    "PH": ("フィリピン", "Filipino", "Philippine"),
    "ID": ("インドネシア", "Indonesian"),
    "MN": ("モンゴル国", "Mongolian"),
    "MY": ("マレーシア", "Malaysian"),
    "SG": ("シンガポール", "Singaporean"),
    "IN": ("インド", "Indian"),
    "JP": ("日本国", "Japanese"),
    "KH": ("カンボジア", "Cambodian"),
    "MM": ("ミャンマー", "ビルマ", "Burma", "Burmese"),
    "AE": ("UAE", "アラブ首長国連邦"),
    "SA": ("サウジ", "サウジアラビア"),
    "DE": ("独", "ドイツ", "German"),
    "FR": ("仏", "フランス", "French"),
    "CA": ("加", "カナダ", "Canadian"),
}

# Japanese nationality columns often contain 中国籍 or 中国人, so the suffix is dropped.
_NATIONALITY_SUFFIXES = ("国籍", "籍", "人")


@functools.cache
def _country_lookup() -> dict[str, str]:
    codes = {country.alpha_2 for country in pycountry.countries}
    lookup: dict[str, str] = {}

    for country in pycountry.countries:
        for attribute in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            if name := getattr(country, attribute, None):
                lookup[normalize_key(name)] = country.alpha_2
    for locale_name in ("ja", "zh_Hans", "zh_Hant", "en"):
        for code, name in Locale.parse(locale_name).territories.items():
            if code in codes:
                lookup.setdefault(normalize_key(name), code)
    for code, names in _EXTRA_NAMES.items():
        for name in names:
            lookup[normalize_key(name)] = code
    return lookup


def parse_country(value: object) -> str:
    """Return the ISO 3166-1 alpha-2 code for a country name or code, e.g. 中国 -> CN."""
    text = normalize_text(value)
    if text is None:
        raise CellError("unknown_country")
    lookup = _country_lookup()
    key = normalize_key(text)

    if code := lookup.get(key):
        return code
    for suffix in _NATIONALITY_SUFFIXES:
        if key.endswith(suffix) and (code := lookup.get(key.removesuffix(suffix))):
            return code
    raise CellError("unknown_country")
