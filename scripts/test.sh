#!/usr/bin/env bash
# Install everything and run the whole test suite: lint, Rasa data validation, training,
# unit tests of every component, Rasa conversation tests and the end-to-end tests that start
# all services. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n==> %s\n' "$*"; }

scripts/install.sh

# CI has PostgreSQL and Redis: there the suites that use them must run, not skip.
if [ "${CI:-}" = "true" ]; then
  export VOORDEUR_REQUIRE_POSTGRES=1 VOORDEUR_REQUIRE_REDIS=1
fi
# install.sh installed chromium and axe-core: the browser tests must run, never skip.
export VOORDEUR_REQUIRE_BROWSER=1
export TF_CPP_MIN_LOG_LEVEL=3 PYTHONUNBUFFERED=1

step "Lint (ruff)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

step "Type check (mypy)"
.venv/bin/mypy  # strict on common/, gateway/, escalation/, insights/ with tests; [tool.mypy] in pyproject.toml

step "Rasa data validation"
(cd bot && ../.venv-rasa/bin/rasa data validate --fail-on-warnings --quiet)

step "Rasa model"
scripts/train.sh

step "Action server unit tests (Rasa environment)"
.venv-rasa/bin/python -m pytest bot/tests -q -p no:cacheprovider

step "Rasa conversation tests"
(cd bot && ../.venv-rasa/bin/rasa test core --model models/voordeur.tar.gz \
  --stories tests/test_stories.yml --fail-on-prediction-errors --out ../var/rasa-test-results --quiet)

step "Gateway, escalation and end-to-end tests"
.venv/bin/python -m pytest -q

echo
echo "All test suites passed in $(( $(date +%s) - start )) s."
