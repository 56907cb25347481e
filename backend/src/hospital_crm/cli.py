"""The `hospital-crm` command."""

import asyncio
import getpass
import json
import secrets
import socket
import sys
from collections.abc import Coroutine
from typing import Annotated, Any, TypeVar

import typer
import uvicorn
from rich.console import Console

from hospital_crm.core.config import ConfigurationError, get_settings
from hospital_crm.exports import cli as exports_cli
from hospital_crm.imports import cli as imports_cli

app = typer.Typer(
    help="Hospital CRM for international patients.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
audit_app = typer.Typer(help="Audit log tools.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(imports_cli.app, name="import")
app.add_typer(exports_cli.app, name="export")

console = Console(stderr=True)
T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    from hospital_crm.commands import CommandError

    try:
        return asyncio.run(coroutine)
    except ConfigurationError as error:
        console.print(f"[red]Configuration error:[/red] {error}")
        raise typer.Exit(2) from error
    except CommandError as error:
        console.print(f"[red]Error:[/red] {error}")
        raise typer.Exit(1) from error


def _migrated_settings():  # type: ignore[no-untyped-def]
    """Return the settings once the database they name is migrated; exit 1 otherwise."""
    from hospital_crm.core.migrations import require_current

    settings = _settings()
    try:
        asyncio.run(require_current(settings))
    except ConfigurationError as error:
        console.print(f"[red]Database not ready:[/red] {error}")
        raise typer.Exit(1) from error
    return settings


def _settings():  # type: ignore[no-untyped-def]
    try:
        return get_settings()
    except ConfigurationError as error:
        console.print(f"[red]Configuration error:[/red] {error}")
        raise typer.Exit(2) from error


@app.command()
def migrate() -> None:
    """Apply database migrations (SQLite under DATA_DIR, or DATABASE_URL)."""
    from hospital_crm.core.migrations import migrate as run_migrations

    settings = _settings()
    _run(run_migrations(settings))
    console.print("[green]Database is up to date.[/green]")


def _check_port_free(host: str, port: int) -> None:
    """Exit with a clear message when another process already listens on the port."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            console.print(
                f"[red]Cannot listen on {host}:{port}:[/red] {error.strerror}. Stop the other "
                "server, or choose another port with --port N or the PORT variable."
            )
            raise typer.Exit(2) from error


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: HOST or 127.0.0.1)")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on (default: PORT or 3001)")
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            envvar="WEB_CONCURRENCY", help="Worker processes; more than 1 needs PostgreSQL"
        ),
    ] = 1,
) -> None:
    """Serve the API and the web app."""
    settings = _migrated_settings()
    if workers > 1 and settings.uses_sqlite:
        console.print(
            "[red]Several workers need PostgreSQL[/red]: SQLite allows one writer. Set DATABASE_URL."
        )
        raise typer.Exit(2)
    _check_port_free(host or settings.host, port or settings.port)
    uvicorn.run(
        "hospital_crm.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=20,
    )


def _read_password(prompt_for_it: bool) -> str:
    """Read a password from a prompt, or from standard input when that is not a terminal."""
    if prompt_for_it and sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat the password: ") != first:
            console.print("[red]The passwords do not match.[/red]")
            raise typer.Exit(1)
        return first
    return sys.stdin.readline().rstrip("\r\n")


@app.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(help="Login email address")],
    role: Annotated[
        str, typer.Option(help="admin, coordinator, doctor, interpreter, finance or partner")
    ],
    name: Annotated[str, typer.Option(help="Display name")],
    partner_id: Annotated[
        str | None, typer.Option(help="Partner organization id (partner role only)")
    ] = None,
    ui_language: Annotated[str, typer.Option(help="ja, en or zh-CN")] = "ja",
) -> None:
    """Create a user; the password comes from a prompt or standard input, never from arguments."""
    from hospital_crm.commands import create_user as run

    settings = _migrated_settings()
    password = _read_password(prompt_for_it=True)
    user_id = _run(
        run(
            settings,
            email=email,
            role=role,
            name=name,
            password=password,
            partner_id=partner_id,
            ui_language=ui_language,
        )
    )
    console.print(f"[green]Created user[/green] {user_id}")


@app.command("reset-password")
def reset_password(
    email: Annotated[str, typer.Option(help="Login email address of the user")],
) -> None:
    """Set a new password for a user and unlock the account (for a lost admin password too).

    The password comes from a prompt or standard input; the user must change it at the next login.
    """
    from hospital_crm.commands import reset_password as run

    settings = _migrated_settings()
    password = _read_password(prompt_for_it=True)
    _run(run(settings, email=email, password=password))
    console.print(f"[green]Password reset for[/green] {email}")


@app.command()
def init() -> None:
    """Migrate, and create a first admin with a one-time password when there is none."""
    from hospital_crm.commands import ensure_first_admin
    from hospital_crm.core.migrations import migrate as run_migrations

    settings = _settings()
    _run(run_migrations(settings))
    created = _run(ensure_first_admin(settings))
    if created is not None:
        email, password = created
        console.print(
            "[bold green]First administrator created.[/bold green]\n"
            f"  email:    {email}\n  password: {password}\n"
            "This password is shown once; you will be asked to change it after logging in."
        )
    else:
        console.print(
            "Database is up to date. An administrator exists already, so none was created; "
            "`hospital-crm reset-password --email ADDRESS` sets a new password for one."
        )


@app.command("demo-data")
def demo_data(
    patients: Annotated[int, typer.Option(help="How many patients to create")] = 200,
    seed: Annotated[
        int | None, typer.Option(help="Random seed, for repeatable data (default: a new one)")
    ] = None,
) -> None:
    """Create realistic multilingual demo patients, cases, activities and tasks."""
    from hospital_crm.demo import DEMO_STAFF, create_demo_data, demo_staff_email

    settings = _migrated_settings()
    # A fixed default seed would create the same people again on every run.
    seed = seed if seed is not None else secrets.randbelow(1_000_000)
    counts = _run(create_demo_data(settings, patient_count=patients, seed=seed))
    console.print(
        "[green]Demo data created:[/green] "
        + ", ".join(f"{count} {name}" for name, count in counts.items())
        + f" (seed {seed})"
    )
    emails = [demo_staff_email(index) for index in range(len(DEMO_STAFF))]
    console.print(
        "Demo staff, without a password: " + ", ".join(emails) + ". To log in as one, "
        f"set a one-time password with: hospital-crm reset-password --email {emails[2]}"
    )


@app.command("rotate-key")
def rotate_key(
    batch_size: Annotated[int, typer.Option(help="Patients re-encrypted per transaction")] = 500,
) -> None:
    """Re-encrypt every value under the current ENCRYPTION_KEY.

    Set ENCRYPTION_KEY to the new key and ENCRYPTION_KEYS_PREVIOUS to the old one(s) first.
    """
    from hospital_crm.commands import rotate_encryption_key

    settings = _migrated_settings()
    result = _run(rotate_encryption_key(settings, batch_size=batch_size))
    console.print(
        f"[green]Re-encrypted {result.values} values in {result.patients} patients.[/green]"
    )


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain and report the first row where it breaks."""
    from hospital_crm.commands import verify_audit_chain

    settings = _migrated_settings()
    checked, chain_break = _run(verify_audit_chain(settings))
    if chain_break is None:
        console.print(f"[green]Audit chain intact:[/green] {checked} events verified.")
        return
    console.print(
        f"[red]Audit chain broken at event #{chain_break.sequence}[/red] ({chain_break.event_id}): "
        f"{chain_break.reason}. {checked} events before it are intact."
    )
    raise typer.Exit(1)


@app.command()
def openapi() -> None:
    """Print the OpenAPI document, for generating the web app's client."""
    from hospital_crm.app import create_app

    # Only warnings are logged, so standard output carries the JSON document alone.
    quiet = _settings().model_copy(update={"log_level": "WARNING"})
    sys.stdout.write(json.dumps(create_app(quiet).openapi(), ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    app()
