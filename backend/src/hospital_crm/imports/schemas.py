import uuid
from datetime import datetime
from typing import Any

from pydantic import Field, computed_field

from hospital_crm.core.schemas import Schema
from hospital_crm.imports.mapping import ImportField
from hospital_crm.imports.models import BatchStatus, DuplicatePolicy, RowOutcome, is_resumable
from hospital_crm.patients.schemas import PatientName

# Field labels for the wizard's mapping step (ja, en, zh-CN).
FIELD_LABELS: dict[ImportField, tuple[str, str, str]] = {
    ImportField.FULL_NAME: ("氏名", "Full name", "姓名"),
    ImportField.FAMILY_NAME: ("姓", "Family name", "姓"),
    ImportField.GIVEN_NAME: ("名", "Given name", "名"),
    ImportField.NAME_KANA: ("フリガナ", "Kana reading", "假名读音"),
    ImportField.NAME_KANA_FAMILY: ("セイ（フリガナ）", "Family name (kana)", "姓（假名）"),
    ImportField.NAME_KANA_GIVEN: ("メイ（フリガナ）", "Given name (kana)", "名（假名）"),
    ImportField.NAME_LATIN: ("氏名（パスポート表記）", "Name as in passport", "护照姓名"),
    ImportField.NATIONALITY: ("国籍", "Nationality", "国籍"),
    ImportField.COUNTRY_OF_RESIDENCE: ("居住国", "Country of residence", "居住国"),
    ImportField.DATE_OF_BIRTH: ("生年月日", "Date of birth", "出生日期"),
    ImportField.SEX: ("性別", "Sex", "性别"),
    ImportField.PHONE: ("電話番号", "Phone", "电话"),
    ImportField.EMAIL: ("メールアドレス", "Email address", "电子邮箱"),
    ImportField.PASSPORT_NUMBER: ("パスポート番号", "Passport number", "护照号码"),
    ImportField.DEPARTMENT: ("希望診療科", "Department", "科室"),
    ImportField.REFERRING_PARTNER: ("紹介元", "Referring partner", "介绍机构"),
    ImportField.RECEIVED_DATE: ("受付日", "Inquiry date", "受理日期"),
    ImportField.STAGE: ("ステータス", "Case stage", "状态"),
    ImportField.NOTES: ("備考", "Notes", "备注"),
    ImportField.MEDICAL_SUMMARY: ("病歴概要", "Medical summary", "病史摘要"),
    ImportField.ALLERGIES: ("アレルギー", "Allergies", "过敏"),
}


class FieldOut(Schema):
    field: ImportField
    label_ja: str
    label_en: str
    label_zh: str


class ColumnOut(Schema):
    index: int
    header: str
    field: ImportField | None
    source: str = Field(description="auto, explicit or unmapped (kept in custom_fields)")


class LayoutOut(Schema):
    format: str
    encoding: str | None
    delimiter: str | None
    sheet_names: list[str]
    sheet_name: str | None
    header_row: int
    title_rows: list[int]
    total_rows: int
    columns: list[ColumnOut]


class ImportOptionsIn(Schema):
    encoding: str | None = Field(default=None, max_length=20)
    sheet: str | None = Field(default=None, max_length=200)
    mapping: dict[str, ImportField | None] | None = Field(
        default=None, description='{"header": "field" | null}; null ignores the column'
    )
    mapping_name: str | None = Field(
        default=None, max_length=100, description="A saved mapping to use when mapping is empty"
    )
    on_duplicate: DuplicatePolicy = DuplicatePolicy.skip
    create_cases: bool | None = None


class BatchOut(Schema):
    id: uuid.UUID
    status: BatchStatus
    dry_run: bool
    file_name: str
    file_sha256: str
    file_size: int
    format: str
    encoding: str | None
    sheet_name: str | None
    header_row: int | None
    total_rows: int | None
    processed_rows: int
    last_row_number: int
    created_count: int
    updated_count: int
    skipped_count: int
    rejected_count: int
    cases_created_count: int
    error_code: str | None
    error_message: str | None
    options: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @computed_field(
        description=(
            "True for a real import that failed, or that has shown no progress for "
            "5 minutes because its server process stopped; POST .../resume continues it"
        )
    )
    @property
    def resumable(self) -> bool:
        return is_resumable(self.status, self.dry_run, self.updated_at)


class UploadOut(Schema):
    batch: BatchOut
    layout: LayoutOut


class RowErrorOut(Schema):
    code: str
    column: str
    value: str
    message_ja: str
    message_en: str
    message_zh: str


class BatchRowOut(Schema):
    row_number: int
    outcome: RowOutcome
    patient_id: uuid.UUID | None
    # Null when the row has no patient or the reader may no longer see it (deleted, merged).
    patient_name: PatientName | None = None
    duplicate_reasons: list[str]
    errors: list[RowErrorOut]
    cells: list[Any]


class MappingIn(Schema):
    mapping: dict[str, ImportField | None]


class MappingOut(Schema):
    name: str
    mapping: dict[str, str | None]
    updated_at: datetime
