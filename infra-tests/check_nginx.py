"""Run frontend/nginx.conf under Debian's nginx in front of the real backend.

The configuration is rendered the way the nginx image's entrypoint renders it,
by substituting BACKEND_UPSTREAM and NGINX_LOCAL_RESOLVERS. The listen port
and document root move to loopback and a temporary directory. A minimal main
configuration wraps it and keeps the pid, log and temp files there too.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checklib import REPO_ROOT, Results, free_loopback_port

NGINX = os.environ.get("NGINX_BIN", "/usr/sbin/nginx")
HOSPITAL_CRM = os.environ.get(
    "HOSPITAL_CRM_BIN", str(REPO_ROOT / "backend" / ".venv" / "bin" / "hospital-crm")
)
SITE_CONFIG = REPO_ROOT / "frontend" / "nginx.conf"
HASHED_ASSET = "index-3f9a1c2b.js"
INDEX_HTML = (
    "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
    f"<script type=\"module\" src=\"/assets/{HASHED_ASSET}\"></script></head>"
    "<body><div id=\"root\"></div></body></html>\n"
)
# Larger than gzip_min_length so the gzip assertion is meaningful.
ASSET_BODY = "export const stages = [" + ",".join(f'"stage_{i}"' for i in range(400)) + "];\n"
STARTUP_TIMEOUT_SECONDS = 90


def render_site_config(nginx_port: int, backend_port: int, html_root: Path) -> str:
    """Return frontend/nginx.conf as the entrypoint would render it, moved to loopback."""
    text = SITE_CONFIG.read_text(encoding="utf-8")
    replacements = {
        "${BACKEND_UPSTREAM}": f"127.0.0.1:{backend_port}",
        "${NGINX_LOCAL_RESOLVERS}": "127.0.0.1",
        "listen 3000;": f"listen 127.0.0.1:{nginx_port};",
        "root /usr/share/nginx/html;": f"root {html_root};",
    }
    for placeholder, value in replacements.items():
        occurrences = text.count(placeholder)
        if occurrences != 1:
            raise ValueError(f"expected {placeholder!r} once in {SITE_CONFIG}, found {occurrences}")
        text = text.replace(placeholder, value)
    if "${" in text:
        raise ValueError(f"{SITE_CONFIG} has a template variable the Dockerfile does not set")
    return text


def write_main_config(workdir: Path, site_config: Path) -> Path:
    user_line = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(
        f"    {name}_temp_path {workdir / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main_config = workdir / "nginx.conf"
    main_config.write_text(
        f"""{user_line}worker_processes 1;
pid {workdir / 'nginx.pid'};
error_log {workdir / 'error.log'} warn;
events {{
    worker_connections 64;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir / 'access.log'};
{temp_paths}
    include {site_config};
}}
""",
        encoding="utf-8",
    )
    return main_config


def write_fake_dist(html_root: Path) -> None:
    (html_root / "assets").mkdir(parents=True)
    (html_root / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    (html_root / "assets" / HASHED_ASSET).write_text(ASSET_BODY, encoding="utf-8")


def request(port: int, path: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, response.headers, body
    finally:
        connection.close()


def wait_for(port: int, path: str, process: subprocess.Popen) -> bool:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            status, _, _ = request(port, path)
            if status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def check_static_responses(results: Results, port: int) -> None:
    status, headers, body = request(port, "/")
    results.check("nginx: / returns index.html", status == 200 and body.decode() == INDEX_HTML,
                  f"status {status}")
    csp = headers.get("Content-Security-Policy", "")
    results.check("nginx: CSP allows only bundled scripts",
                  "script-src 'self';" in csp and "unsafe-eval" not in csp
                  and "frame-ancestors 'none'" in csp, repr(csp))
    results.check("nginx: CSP allows Ant Design inline styles",
                  "style-src 'self' 'unsafe-inline'" in csp, repr(csp))
    results.check("nginx: X-Frame-Options DENY", headers.get("X-Frame-Options") == "DENY",
                  repr(headers.get("X-Frame-Options")))
    results.check("nginx: X-Content-Type-Options nosniff",
                  headers.get("X-Content-Type-Options") == "nosniff")
    results.check("nginx: Referrer-Policy same-origin",
                  headers.get("Referrer-Policy") == "same-origin")
    results.check("nginx: no X-XSS-Protection header", "X-XSS-Protection" not in headers)
    results.check("nginx: server version hidden", headers.get("Server") == "nginx",
                  repr(headers.get("Server")))
    results.check("nginx: no HSTS over plain HTTP", "Strict-Transport-Security" not in headers)
    results.check("nginx: index.html is no-cache", headers.get("Cache-Control") == "no-cache",
                  repr(headers.get("Cache-Control")))

    _, tls_headers, _ = request(port, "/", {"X-Forwarded-Proto": "https"})
    hsts = tls_headers.get("Strict-Transport-Security", "")
    results.check("nginx: HSTS behind TLS", hsts.startswith("max-age=31536000"), repr(hsts))

    status, headers, body = request(port, "/patients/123")
    results.check("nginx: SPA fallback serves index.html",
                  status == 200 and body.decode() == INDEX_HTML, f"status {status}")
    results.check("nginx: SPA fallback is no-cache", headers.get("Cache-Control") == "no-cache",
                  repr(headers.get("Cache-Control")))
    results.check("nginx: SPA fallback has CSP", "Content-Security-Policy" in headers)

    status, headers, body = request(port, f"/assets/{HASHED_ASSET}", {"Accept-Encoding": "gzip"})
    cache_control = headers.get("Cache-Control", "")
    results.check("nginx: hashed asset cached immutable",
                  status == 200 and "immutable" in cache_control
                  and "max-age=31536000" in cache_control, f"status {status}, {cache_control!r}")
    results.check("nginx: JavaScript gzip-compressed",
                  headers.get("Content-Encoding") == "gzip"
                  and gzip.decompress(body).decode() == ASSET_BODY,
                  repr(headers.get("Content-Encoding")))
    results.check("nginx: asset has security headers", headers.get("X-Frame-Options") == "DENY")

    status, headers, _ = request(port, "/assets/index-00000000.js")
    results.check("nginx: missing asset is 404, not index.html", status == 404, f"status {status}")


def check_proxied_responses(results: Results, port: int) -> None:
    status, headers, body = request(port, "/api/openapi.json")
    try:
        document = json.loads(body)
    except ValueError:
        document = {}
    results.check("nginx: /api/openapi.json proxied to backend",
                  status == 200 and "openapi" in document and "paths" in document,
                  f"status {status}")
    results.check("nginx: API responses keep one X-Frame-Options",
                  headers.get_all("X-Frame-Options") == ["DENY"],
                  repr(headers.get_all("X-Frame-Options")))
    cache_controls = headers.get_all("Cache-Control") or []
    results.check("nginx: API caching left to backend", len(cache_controls) <= 1,
                  repr(cache_controls))

    status, _, body = request(port, "/health")
    try:
        health = json.loads(body)
    except ValueError:
        health = {}
    results.check("nginx: /health proxied to backend",
                  status == 200 and health.get("status") == "ok" and health.get("database") == "ok",
                  f"status {status}, body {body[:200]!r}")

    # The container health checks use /health/live and the ALB uses /health/ready.
    for path in ("/health/live", "/health/ready"):
        status, _, _ = request(port, path)
        results.check(f"nginx: {path} proxied to backend", status == 200, f"status {status}")


def main() -> None:
    results = Results()
    workdir = Path(tempfile.mkdtemp(prefix="crm-nginx-"))
    backend = nginx = None
    try:
        nginx_port, backend_port = free_loopback_port(), free_loopback_port()
        html_root = workdir / "html"
        write_fake_dist(html_root)
        site_config = workdir / "site.conf"
        site_config.write_text(render_site_config(nginx_port, backend_port, html_root),
                               encoding="utf-8")
        main_config = write_main_config(workdir, site_config)
        nginx_command = [NGINX, "-p", str(workdir), "-c", str(main_config),
                         "-e", str(workdir / "error.log")]

        syntax = subprocess.run([*nginx_command, "-t"], capture_output=True, text=True, check=False)
        if not results.check("nginx: nginx -t accepts frontend/nginx.conf", syntax.returncode == 0,
                             syntax.stderr.strip()):
            return

        backend_log = (workdir / "backend.log").open("wb")
        backend_env = {**os.environ, "DATA_DIR": str(workdir / "data"), "APP_ENV": "development"}
        for name in ("DATABASE_URL", "DATABASE_READ_URL", "REDIS_URL"):
            backend_env.pop(name, None)
        # `serve` refuses to start on a database that is not at the newest migration.
        migrate = subprocess.run([HOSPITAL_CRM, "migrate"], env=backend_env, capture_output=True,
                                 text=True, check=False)
        results.check("nginx: backend database migrated", migrate.returncode == 0,
                      (migrate.stderr or migrate.stdout)[-500:])
        backend = subprocess.Popen(
            [HOSPITAL_CRM, "serve", "--host", "127.0.0.1", "--port", str(backend_port)],
            env=backend_env, stdout=backend_log, stderr=subprocess.STDOUT,
        )
        nginx = subprocess.Popen([*nginx_command, "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

        backend_ready = wait_for(backend_port, "/health/live", backend)
        if not backend_ready:
            sys.stdout.write((workdir / "backend.log").read_text(errors="replace")[-2000:] + "\n")
        results.check("nginx: backend started", backend_ready, f"{HOSPITAL_CRM} serve")
        nginx_ready = results.check("nginx: nginx started",
                                    wait_for(nginx_port, "/index.html", nginx),
                                    (workdir / "error.log").read_text(errors="replace")[-500:])
        if nginx_ready:
            check_static_responses(results, nginx_port)
        if nginx_ready and backend_ready:
            check_proxied_responses(results, nginx_port)
    finally:
        stop(nginx)
        stop(backend)
        shutil.rmtree(workdir, ignore_errors=True)
    results.exit()


if __name__ == "__main__":
    main()
