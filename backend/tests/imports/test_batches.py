import asyncio
import datetime as dt
import os
import uuid
from pathlib import Path

import httpx
from sqlalchemy import func, select, update

from hospital_crm.core.config import Settings
from hospital_crm.core.db import AsyncSession
from hospital_crm.core.permissions import Role
from hospital_crm.imports import service
from hospital_crm.imports.models import BatchStatus, ImportBatch
from hospital_crm.patients.models import Patient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WAITING = {BatchStatus.uploaded, BatchStatus.previewed}


def on_disk(path: Path) -> bool:
    return path.exists()


async def upload(client: httpx.AsyncClient, headers: dict[str, str]) -> uuid.UUID:
    content = (FIXTURES / "patients_bad_rows.csv").read_bytes()
    response = await client.post(
        "/api/v1/imports/uploads", headers=headers, files={"file": ("bad.csv", content)}
    )
    assert response.status_code == 201, response.text
    return uuid.UUID(response.json()["batch"]["id"])


async def stored_batch(session: AsyncSession, batch_id: uuid.UUID) -> ImportBatch:
    session.expire_all()
    batch = await session.get(ImportBatch, batch_id)
    assert batch is not None
    # Ends the read transaction, which on SQLite would block the writes under test.
    await session.commit()
    return batch


async def age_batch(session: AsyncSession, batch_id: uuid.UUID, hours: int) -> None:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours)
    await session.execute(
        update(ImportBatch).where(ImportBatch.id == batch_id).values(updated_at=moment)
    )
    await session.commit()


async def test_claim_batch_only_once(
    client: httpx.AsyncClient, as_role, app: object, session: AsyncSession
) -> None:
    batch_id = await upload(client, await as_role(Role.coordinator))
    database = app.state.database  # type: ignore[attr-defined]

    claims = await asyncio.gather(
        service.claim_batch(database, batch_id, WAITING),
        service.claim_batch(database, batch_id, WAITING),
    )

    assert sorted(claims) == [False, True]
    assert (await stored_batch(session, batch_id)).status is BatchStatus.running


async def test_simultaneous_commits_import_once(
    client: httpx.AsyncClient, as_role, session: AsyncSession
) -> None:
    headers = await as_role(Role.coordinator)
    batch_id = await upload(client, headers)
    url = f"/api/v1/imports/batches/{batch_id}/commit"

    first, second = await asyncio.gather(
        client.post(url, headers=headers, json={}), client.post(url, headers=headers, json={})
    )

    assert sorted([first.status_code, second.status_code]) == [202, 409]
    rejected = first if first.status_code == 409 else second
    assert rejected.json()["error"]["code"] == "import_batch_busy"
    batch = await stored_batch(session, batch_id)
    assert batch.status is BatchStatus.completed
    assert batch.created_count == 2
    assert await session.scalar(select(func.count()).select_from(Patient)) == 2


async def test_failed_claim_marked_failed(
    client: httpx.AsyncClient, as_role, app: object, session: AsyncSession
) -> None:
    batch_id = await upload(client, await as_role(Role.coordinator))
    database = app.state.database  # type: ignore[attr-defined]
    assert await service.claim_batch(database, batch_id, WAITING)

    await service.fail_claimed_batch(database, batch_id, FileNotFoundError("gone"))

    batch = await stored_batch(session, batch_id)
    assert batch.status is BatchStatus.failed
    assert batch.error_code == "FileNotFoundError"
    assert batch.error_message == "gone"


async def test_abandoned_upload_deleted(
    client: httpx.AsyncClient, as_role, app: object, settings: Settings, session: AsyncSession
) -> None:
    headers = await as_role(Role.coordinator)
    old_id = await upload(client, headers)
    recent_id = await upload(client, headers)
    old_path = Path((await stored_batch(session, old_id)).stored_path or "")
    recent_path = Path((await stored_batch(session, recent_id)).stored_path or "")
    await age_batch(session, old_id, settings.import_upload_retention_hours + 1)
    directory = service.upload_directory(settings)
    old_orphan = directory / "old-orphan.csv"
    old_orphan.write_text("氏名\n")
    day_ago = dt.datetime.now().timestamp() - 86400 * 30
    os.utime(old_orphan, (day_ago, day_ago))
    new_orphan = directory / "new-orphan.csv"
    new_orphan.write_text("氏名\n")

    deleted = await service.delete_abandoned_uploads(app.state.database, settings)  # type: ignore[attr-defined]

    assert deleted == 2
    assert not on_disk(old_path)
    assert not on_disk(old_orphan)
    assert on_disk(recent_path)
    assert on_disk(new_orphan)
    assert (await stored_batch(session, old_id)).stored_path is None
    assert (await stored_batch(session, recent_id)).stored_path == str(recent_path)


async def test_expired_upload_asks_for_new(
    client: httpx.AsyncClient, as_role, settings: Settings, session: AsyncSession
) -> None:
    headers = await as_role(Role.coordinator)
    old_id = await upload(client, headers)
    old_path = Path((await stored_batch(session, old_id)).stored_path or "")
    await age_batch(session, old_id, settings.import_upload_retention_hours + 1)

    await upload(client, headers)
    commit = await client.post(f"/api/v1/imports/batches/{old_id}/commit", headers=headers, json={})

    assert not on_disk(old_path)
    assert commit.status_code == 409
    assert commit.json()["error"]["code"] == "import_upload_missing"


async def test_running_batch_keeps_upload(
    client: httpx.AsyncClient, as_role, app: object, settings: Settings, session: AsyncSession
) -> None:
    batch_id = await upload(client, await as_role(Role.coordinator))
    path = Path((await stored_batch(session, batch_id)).stored_path or "")
    database = app.state.database  # type: ignore[attr-defined]
    assert await service.claim_batch(database, batch_id, WAITING)
    await age_batch(session, batch_id, settings.import_upload_retention_hours + 1)

    deleted = await service.delete_abandoned_uploads(database, settings)

    assert deleted == 0
    assert on_disk(path)
