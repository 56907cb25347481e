from pathlib import Path

from hospital_crm.core.permissions import PERMISSIONS, Permission, Role

DOC = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"


def render_matrix() -> str:
    roles = list(Role)
    lines = [
        "| Permission | " + " | ".join(role.value for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for permission in Permission:
        marks = " | ".join("✓" if permission in PERMISSIONS[role] else "" for role in roles)
        lines.append(f"| `{permission.value}` | {marks} |")
    return "\n".join(lines)


def test_doc_matches_code():
    text = DOC.read_text()
    documented = text.split("<!-- permission-matrix:start -->\n", 1)[1].split(
        "\n<!-- permission-matrix:end -->", 1
    )[0]

    assert documented == render_matrix()
