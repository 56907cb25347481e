# Two commands do all set-up on a fresh machine:
#   make run   installs, migrates, creates the first admin, serves http://127.0.0.1:3001
#   make test  installs what the tests need and runs every suite
# Helpers' targets (front end, infrastructure checks) live in mk/*.mk.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := backend/.venv
BIN := $(VENV)/bin
CRM := $(BIN)/hospital-crm
HOST ?= 127.0.0.1
PORT ?= 3001

include $(wildcard mk/*.mk)

.PHONY: help run serve backend-install backend-dev-install check-services backend-test backend-lint test

help:
	@echo "make run    install, migrate and serve the product on http://$(HOST):$(PORT)"
	@echo "make test   install test tools and run backend, front-end and browser tests"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

backend-install: $(BIN)/python
	$(BIN)/pip install --quiet -e backend

backend-dev-install: $(BIN)/python
	$(BIN)/pip install --quiet -e 'backend[dev]'

run: backend-install frontend-build
	$(CRM) init
	$(CRM) serve --host $(HOST) --port $(PORT)

serve:
	$(CRM) serve --host $(HOST) --port $(PORT)

check-services:
	@scripts/check-services.sh

backend-lint: backend-dev-install
	cd backend && .venv/bin/ruff check src tests migrations
	cd backend && .venv/bin/ruff format --check src tests migrations

backend-test: backend-dev-install check-services
	cd backend && .venv/bin/python -m pytest -q

test: backend-lint backend-test frontend-test frontend-e2e check-infra
