"""Turn `aws ecs describe-task-definition --include TAGS` output into input for
`aws ecs register-task-definition --cli-input-json`, with one container's
image replaced.

Usage: python3 task-definition.py CONTAINER_NAME IMAGE < described.json > register.json
"""

import json
import sys

# Fields that describe-task-definition returns but register-task-definition rejects.
READ_ONLY_FIELDS = (
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
)


def main() -> None:
    container_name, image = sys.argv[1], sys.argv[2]
    described = json.load(sys.stdin)
    definition = described["taskDefinition"]
    for field in READ_ONLY_FIELDS:
        definition.pop(field, None)

    containers = [c for c in definition["containerDefinitions"] if c["name"] == container_name]
    if len(containers) != 1:
        names = [c["name"] for c in definition["containerDefinitions"]]
        sys.exit(f"task definition {definition['family']} has no container {container_name!r}: {names}")
    containers[0]["image"] = image

    if described.get("tags"):
        definition["tags"] = described["tags"]
    json.dump(definition, sys.stdout)


if __name__ == "__main__":
    main()
