#!/usr/bin/env bash
# Install everything, train the model if needed, and run the whole system locally:
# Rasa, the action server, the escalation service (SQLite) and the gateway. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh
scripts/train.sh

# Local secrets: generated once, kept in var/secrets.env (never committed). In production they
# come from the environment; values already set there win.
mkdir -p var
touch var/secrets.env
chmod 600 var/secrets.env
for name in ESCALATION_API_TOKEN GATEWAY_PSEUDONYM_KEY ESCALATION_SESSION_SECRET; do
  if ! grep -q "^${name}=" var/secrets.env; then
    echo "${name}=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
      >> var/secrets.env
  fi
done
while IFS='=' read -r name value; do
  if [ -z "${!name:-}" ]; then export "${name}=${value}"; fi
done < var/secrets.env

export GATEWAY_PORT=${GATEWAY_PORT:-8000}
export ESCALATION_PORT=${ESCALATION_PORT:-8001}
export RASA_PORT=${RASA_PORT:-5005}
export ACTIONS_PORT=${ACTIONS_PORT:-5055}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://127.0.0.1:${ACTIONS_PORT}/webhook}
export ESCALATION_URL=${ESCALATION_URL:-http://127.0.0.1:${ESCALATION_PORT}}
export GATEWAY_RASA_URL=${GATEWAY_RASA_URL:-http://127.0.0.1:${RASA_PORT}}
export GATEWAY_ESCALATION_URL=${GATEWAY_ESCALATION_URL:-$ESCALATION_URL}
export TF_CPP_MIN_LOG_LEVEL=3
export PYTHONUNBUFFERED=1

.venv/bin/python -m escalation migrate
echo "==> Starting Rasa, actions, escalation and gateway (Rasa needs about 30 s to load)"
exec .venv/bin/honcho start -f Procfile
