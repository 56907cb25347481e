import pytest

PATIENTS = [
    {
        "family_name": "佐藤",
        "given_name": "花子",
        "name_kana": "サトウ ハナコ",
        "name_latin": "SATO HANAKO",
        "nationality": "JP",
        "email": "hanako@example.com",
        "phones": [{"number": "+81 90-1234-5678"}],
        "passport_number": "TK1234567",
    },
    {
        "family_name": "加藤",
        "given_name": "一郎",
        "name_kana": "カトウ イチロウ",
        "name_latin": "KATO ICHIRO",
        "nationality": "JP",
    },
    {
        "family_name": "大野",
        "given_name": "翔",
        "name_kana": "オオノ ショウ",
        "name_latin": "OHNO SHO",
        "nationality": "JP",
    },
    {
        "family_name": "Nguyễn",
        "given_name": "Văn An",
        "name_latin": "NGUYEN VAN AN",
        "nationality": "VN",
        "phones": [{"number": "+84 91 234 56 78"}],
    },
    {
        "family_name": "王",
        "given_name": "小明",
        "name_latin": "WANG XIAOMING",
        "nationality": "CN",
        "phones": [{"number": "+86 138 0013 8000"}],
        "email": "xiaoming.wang@example.cn",
    },
    {
        "family_name": "Иванова",
        "given_name": "Анна",
        "name_latin": "IVANOVA ANNA",
        "nationality": "RU",
    },
]

# (query, the family names expected in the result)
CASES = [
    ("佐藤", {"佐藤"}),
    ("花子", {"佐藤"}),
    ("佐藤 花子", {"佐藤"}),
    ("さとう", {"佐藤"}),
    ("サトウ", {"佐藤"}),
    ("ｻﾄｳ ﾊﾅｺ", {"佐藤"}),
    ("sato", {"佐藤"}),
    ("Satō", {"佐藤"}),
    ("Satou", {"佐藤"}),
    ("SATOH", {"佐藤"}),
    ("hanako sato", {"佐藤"}),
    ("ｓａｔｏ", {"佐藤"}),
    ("加藤", {"加藤"}),
    ("kato", {"加藤"}),
    ("ono", {"大野"}),
    ("Ōno", {"大野"}),
    ("oono", {"大野"}),
    ("おおの", {"大野"}),
    ("nguyen van an", {"Nguyễn"}),
    ("Nguyễn", {"Nguyễn"}),
    ("wang xiaoming", {"王"}),
    ("wangxiaoming", {"王"}),
    ("Wáng Xiǎomíng", {"王"}),
    ("王小明", {"王"}),
    ("ivanova", {"Иванова"}),
    ("Иванова", {"Иванова"}),
    ("HANAKO@EXAMPLE.COM", {"佐藤"}),
    ("xiaoming.wang@", {"王"}),
    ("090-1234-5678", {"佐藤"}),
    ("+81 90 1234 5678", {"佐藤"}),
    ("09012345678", {"佐藤"}),
    ("０９０－１２３４－５６７８", {"佐藤"}),
    ("138 0013 8000", {"王"}),
    ("+8613800138000", {"王"}),
    ("TK1234567", {"佐藤"}),
    ("tk 1234567", {"佐藤"}),
    ("TK123456", set()),
    ("saito", set()),
    ("鈴木", set()),
]


@pytest.fixture
async def seeded(client, as_role):
    headers = await as_role()
    for patient in PATIENTS:
        response = await client.post("/api/v1/patients", headers=headers, json=patient)
        assert response.status_code == 201, response.text
    return headers


async def test_search_finds_every_form(client, seeded):
    failures = []
    for query, expected in CASES:
        response = await client.get("/api/v1/patients", params={"q": query}, headers=seeded)
        assert response.status_code == 200
        found = {item["family_name"] for item in response.json()["items"]}
        if found != expected:
            failures.append(f"{query!r}: expected {sorted(expected)}, found {sorted(found)}")

    assert failures == []


async def test_search_combines_with_filters(client, seeded):
    response = await client.get(
        "/api/v1/patients", params={"q": "藤", "nationality": "JP"}, headers=seeded
    )

    assert response.json()["total"] == 0

    response = await client.get(
        "/api/v1/patients", params={"nationality": "jp", "sort": "family_name"}, headers=seeded
    )

    assert [item["family_name"] for item in response.json()["items"]] == ["佐藤", "加藤", "大野"]


async def test_list_pagination_and_bad_sort(client, seeded):
    page = await client.get("/api/v1/patients", params={"page_size": 2, "page": 2}, headers=seeded)
    bad = await client.get(
        "/api/v1/patients", params={"sort": "passport_number_encrypted"}, headers=seeded
    )

    assert page.json()["total"] == len(PATIENTS)
    assert len(page.json()["items"]) == 2
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"][0]["code"] == "invalid_sort"


async def test_list_count_stops_at_the_limit(client, seeded, monkeypatch):
    monkeypatch.setattr("hospital_crm.patients.service.LIST_COUNT_LIMIT", 3)

    first = await client.get("/api/v1/patients", params={"page_size": 2}, headers=seeded)
    last = await client.get("/api/v1/patients", params={"page_size": 2, "page": 3}, headers=seeded)
    narrow = await client.get("/api/v1/patients", params={"nationality": "JP"}, headers=seeded)

    assert (first.json()["total"], first.json()["total_exact"]) == (3, False)
    # Counting reaches past the requested page, so paging on never ends early.
    assert (last.json()["total"], last.json()["total_exact"]) == (len(PATIENTS), True)
    assert [len(last.json()["items"])] == [2]
    assert (narrow.json()["total"], narrow.json()["total_exact"]) == (3, True)
