from hospital_crm.cases.schemas import CaseSummary
from hospital_crm.core.schemas import Schema


class Dashboard(Schema):
    new_inquiries_this_week: int
    cases_per_stage: dict[str, int]
    overdue_tasks: int
    my_overdue_tasks: int
    arrivals_next_14_days: list[CaseSummary]
    cases_by_nationality: dict[str, int]
