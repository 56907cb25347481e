import datetime as dt
import uuid
from pathlib import Path

import httpx
import pytest

from hospital_crm.core.models import utc_now
from hospital_crm.core.permissions import Role
from hospital_crm.imports import parsing
from hospital_crm.imports.mapping import REJECT_REASON_HEADER
from hospital_crm.imports.models import BatchStatus, ImportBatch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


async def upload(client: httpx.AsyncClient, headers: dict[str, str], name: str) -> dict:
    content = (FIXTURES / name).read_bytes()
    response = await client.post(
        "/api/v1/imports/uploads", headers=headers, files={"file": (name, content)}
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_wizard_upload_preview_commit(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.coordinator)

    uploaded = await upload(client, headers, "patients_bad_rows.csv")
    batch_id = uploaded["batch"]["id"]
    assert uploaded["layout"]["total_rows"] == 10
    assert uploaded["layout"]["columns"][0] == {
        "index": 0,
        "header": "氏名",
        "field": "full_name",
        "source": "auto",
    }

    preview = await client.post(
        f"/api/v1/imports/batches/{batch_id}/preview", headers=headers, json={}
    )
    assert preview.status_code == 202, preview.text
    polled = (await client.get(f"/api/v1/imports/batches/{batch_id}", headers=headers)).json()
    assert polled["status"] == "previewed"
    assert (polled["created_count"], polled["rejected_count"]) == (2, 8)
    patients = (await client.get("/api/v1/patients", headers=headers)).json()
    assert patients["total"] == 0

    rows = (
        await client.get(
            f"/api/v1/imports/batches/{batch_id}/rows?outcome=rejected", headers=headers
        )
    ).json()
    assert rows["total"] == 8
    assert rows["items"][0]["errors"][0]["code"] == "invalid_date"
    assert rows["items"][0]["errors"][0]["column"] == "生年月日"
    created = (
        await client.get(
            f"/api/v1/imports/batches/{batch_id}/rows?outcome=created", headers=headers
        )
    ).json()
    assert created["total"] == 2
    assert all(any(cell for cell in row["cells"]) for row in created["items"])

    commit = await client.post(
        f"/api/v1/imports/batches/{batch_id}/commit", headers=headers, json={}
    )
    assert commit.status_code == 202, commit.text
    done = (await client.get(f"/api/v1/imports/batches/{batch_id}", headers=headers)).json()
    assert done["status"] == "completed"
    assert done["processed_rows"] == 10
    patients = (await client.get("/api/v1/patients", headers=headers)).json()
    assert patients["total"] == 2

    again = await client.post(
        f"/api/v1/imports/batches/{batch_id}/commit", headers=headers, json={}
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "import_batch_busy"


async def test_rejects_download_is_bom_csv(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.coordinator)
    batch_id = (await upload(client, headers, "patients_bad_rows.csv"))["batch"]["id"]
    await client.post(f"/api/v1/imports/batches/{batch_id}/commit", headers=headers, json={})

    response = await client.get(f"/api/v1/imports/batches/{batch_id}/rejects.csv", headers=headers)

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith(REJECT_REASON_HEADER)
    assert len(lines) == 9


async def test_explicit_mapping_ignores_column(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.coordinator)
    batch_id = (await upload(client, headers, "patients_bad_rows.csv"))["batch"]["id"]

    response = await client.post(
        f"/api/v1/imports/batches/{batch_id}/commit",
        headers=headers,
        json={"mapping": {"生年月日": None, "国籍": None, "電話番号": None}},
    )

    assert response.status_code == 202, response.text
    done = (await client.get(f"/api/v1/imports/batches/{batch_id}", headers=headers)).json()
    # Rows 5 (email), 6 (name) and 11 (sex) still fail on columns that stay mapped.
    assert (done["created_count"], done["rejected_count"]) == (7, 3)


async def test_saved_mapping_round_trip(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.coordinator)

    saved = await client.put(
        "/api/v1/imports/mappings/clinic-a",
        headers=headers,
        json={"mapping": {"お客様名": "full_name", "メモ欄": None}},
    )
    listed = await client.get("/api/v1/imports/mappings", headers=headers)
    invalid = await client.put(
        "/api/v1/imports/mappings/bad", headers=headers, json={"mapping": {"x": "shoe_size"}}
    )
    deleted = await client.delete("/api/v1/imports/mappings/clinic-a", headers=headers)

    assert saved.status_code == 200, saved.text
    assert listed.json()[0]["mapping"] == {"お客様名": "full_name", "メモ欄": None}
    assert invalid.status_code == 422
    assert deleted.status_code == 204


async def test_unreadable_upload_names_row(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.coordinator)
    content = "氏名,備考\r\n山田 太郎,問題なし\r\n".encode("cp932") + b"\x82\xa0\x85\x40,bad\r\n"

    response = await client.post(
        "/api/v1/imports/uploads",
        headers=headers,
        files={"file": ("broken.csv", content)},
        data={"encoding": "cp932"},
    )

    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "unreadable_sheet"
    assert body["fields"][0]["code"] == "undecodable_row"
    assert body["row"] == 3


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_sheet"),
        (b"\r\n\r\n", "empty_sheet"),
        ("国籍,備考\r\n中国,なし\r\n".encode(), "name_column_not_found"),
        (bytes(range(256)) * 8, "unknown_encoding"),
    ],
)
async def test_unreadable_upload_codes(
    client: httpx.AsyncClient, as_role, content: bytes, code: str
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.post(
        "/api/v1/imports/uploads", headers=headers, files={"file": ("patients.csv", content)}
    )

    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "unreadable_sheet"
    assert body["fields"][0]["code"] == code


async def test_upload_cell_over_limit(
    client: httpx.AsyncClient, as_role, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = await as_role(Role.coordinator)
    monkeypatch.setattr(parsing, "CSV_FIELD_LIMIT", 1000)
    content = f"氏名,備考\r\n王 偉,{'a' * 1000}\r\n李 娜,{'b' * 1001}\r\n".encode()

    response = await client.post(
        "/api/v1/imports/uploads", headers=headers, files={"file": ("huge.csv", content)}
    )

    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "sheet_cell_too_large"
    assert body["fields"][0]["code"] == "cell_too_large"
    assert body["row"] == 3


async def test_upload_long_cell_accepted(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.coordinator)
    content = f"氏名,備考\r\n王 偉,{'経過' * 100_000}\r\n".encode()

    response = await client.post(
        "/api/v1/imports/uploads", headers=headers, files={"file": ("long.csv", content)}
    )

    assert response.status_code == 201, response.text
    assert response.json()["layout"]["total_rows"] == 1


async def test_interpreter_cannot_import(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.interpreter)

    response = await client.get("/api/v1/imports/batches", headers=headers)

    assert response.status_code == 403


async def test_stalled_import_can_resume(client: httpx.AsyncClient, as_role, session) -> None:
    headers = await as_role(Role.coordinator)
    batch_id = (await upload(client, headers, "patients_bad_rows.csv"))["batch"]["id"]

    # As if the import had started and its server process had died ten minutes ago.
    batch = await session.get(ImportBatch, uuid.UUID(batch_id))
    batch.status = BatchStatus.running
    batch.updated_at = utc_now() - dt.timedelta(minutes=10)
    await session.commit()
    stalled = (await client.get(f"/api/v1/imports/batches/{batch_id}", headers=headers)).json()
    resumed = await client.post(f"/api/v1/imports/batches/{batch_id}/resume", headers=headers)
    done = (await client.get(f"/api/v1/imports/batches/{batch_id}", headers=headers)).json()

    assert stalled["resumable"] is True
    assert resumed.status_code == 202, resumed.text
    assert done["status"] == "completed"
    assert done["created_count"] == 2
    assert done["resumable"] is False


async def test_running_import_cannot_resume(client: httpx.AsyncClient, as_role, session) -> None:
    headers = await as_role(Role.coordinator)
    batch_id = (await upload(client, headers, "patients_bad_rows.csv"))["batch"]["id"]
    batch = await session.get(ImportBatch, uuid.UUID(batch_id))
    batch.status = BatchStatus.running
    batch.updated_at = utc_now()
    await session.commit()

    resumed = await client.post(f"/api/v1/imports/batches/{batch_id}/resume", headers=headers)

    assert resumed.status_code == 409


async def test_skipped_rows_name_matched_patient(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.coordinator)
    first = (await upload(client, headers, "patients_cp932.csv"))["batch"]["id"]
    await client.post(f"/api/v1/imports/batches/{first}/commit", headers=headers, json={})
    second = (await upload(client, headers, "patients_cp932.csv"))["batch"]["id"]
    await client.post(f"/api/v1/imports/batches/{second}/preview", headers=headers, json={})

    response = await client.get(
        f"/api/v1/imports/batches/{second}/rows?outcome=skipped", headers=headers
    )

    assert response.status_code == 200, response.text
    rows = response.json()["items"]
    assert len(rows) == 4
    assert all(row["patient_name"] is not None for row in rows)
    li = next(row for row in rows if row["patient_name"]["family_name"] == "李")
    assert li["patient_name"]["given_name"] == "娜"
    assert li["patient_name"]["name_latin"] == "LI NA"
    patient = await client.get(f"/api/v1/patients/{li['patient_id']}", headers=headers)
    assert patient.json()["family_name"] == "李"
