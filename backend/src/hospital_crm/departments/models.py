from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, IdMixin, TimestampMixin


class Department(IdMixin, TimestampMixin, Base):
    """A clinical department (診療科)."""

    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name_ja: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    name_zh: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)
