import base64
import os

import httpx
from sqlalchemy import text

from hospital_crm.app import create_app
from hospital_crm.commands import rotate_encryption_key
from hospital_crm.core.crypto import key_id


async def test_rotate_key_reencrypts_everything(client, as_role, settings, session):
    headers = await as_role()
    created = await client.post(
        "/api/v1/patients",
        headers=headers,
        json={
            "family_name": "李",
            "passport_number": "E55555555",
            "medical_summary": "高血圧",
            "allergies": "なし",
        },
    )
    patient_id = created.json()["id"]
    new_key = os.urandom(32)
    rotated_settings = settings.model_copy(
        update={
            "encryption_key": base64.b64encode(new_key).decode(),
            "encryption_keys_previous": [settings.encryption_key],
        }
    )

    result = await rotate_encryption_key(rotated_settings, batch_size=1)

    assert (result.patients, result.values) == (1, 3)
    row = (
        await session.execute(
            text(
                "SELECT passport_number_encrypted, medical_summary_encrypted, allergies_encrypted FROM patients"
            )
        )
    ).one()
    assert all(value.startswith(f"v1:{key_id(new_key)}:") for value in row)
    await session.rollback()

    new_only = rotated_settings.model_copy(update={"encryption_keys_previous": []})
    app = create_app(new_only)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://testserver"
        ) as rotated_client:
            revealed = await rotated_client.post(
                f"/api/v1/patients/{patient_id}/reveal",
                headers=headers,
                json={"fields": ["passport_number", "medical_summary"]},
            )
            found = await rotated_client.get(
                "/api/v1/patients", headers=headers, params={"q": "E55555555"}
            )

    assert revealed.json() == {"passport_number": "E55555555", "medical_summary": "高血圧"}
    assert found.json()["total"] == 1


async def test_rotate_key_twice_is_a_no_op(client, as_role, settings):
    headers = await as_role()
    await client.post(
        "/api/v1/patients", headers=headers, json={"family_name": "李", "allergies": "なし"}
    )

    result = await rotate_encryption_key(settings)

    assert (result.patients, result.values) == (0, 0)
