# Staff web app (frontend/): install, build, unit tests and browser tests.
# Included by the root Makefile; paths are relative to the repository root.

FRONTEND_DIR := frontend
CHROMIUM ?= /usr/bin/chromium

.PHONY: frontend-install frontend-build frontend-test frontend-e2e frontend-browser-deps frontend-bundle-report

# npm ci when the lock file exists, so CI installs exactly what was committed.
frontend-install:
	cd $(FRONTEND_DIR) && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

frontend-build: frontend-install
	cd $(FRONTEND_DIR) && npm run build

# Unit tests, the generated client against the backend's OpenAPI, and the type check.
frontend-test: frontend-install
	cd $(FRONTEND_DIR) && npx vitest run
	cd $(FRONTEND_DIR) && npm run check:api
	cd $(FRONTEND_DIR) && npx tsc --noEmit

# Debian's Chromium and CJK fonts for the browser tests, installed only when missing.
frontend-browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then apt-get update && apt-get install -y chromium; fi
	@if ! fc-list :lang=ja | grep -q .; then apt-get update && apt-get install -y fonts-noto-cjk; fi

# Builds, starts the backend on a scratch PostgreSQL database and drives Chromium.
frontend-e2e: frontend-build frontend-browser-deps
	cd $(FRONTEND_DIR) && node e2e/run.mjs

# Prints the gzip size of each route's JavaScript and fails when login or the dashboard
# (its chart included) is over the 350 KB budget.
frontend-bundle-report: frontend-build
	node benchmarks/frontend_bundle.mjs --max-kb=350
