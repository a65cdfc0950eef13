#!/usr/bin/env bash
# Install everything, train the model if needed, and run the whole system locally:
# Rasa, the action server, the escalation service (SQLite) and the gateway. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every file the stack creates (databases, logs, the outbox) is readable by its owner only.
umask 077

scripts/install.sh
scripts/train.sh

# Local secrets: generated once, kept in var/secrets.env (never committed). In production they
# come from the environment; values already set there win.
mkdir -p var
touch var/secrets.env
chmod 600 var/secrets.env
for name in ESCALATION_API_TOKEN GATEWAY_PSEUDONYM_KEY ESCALATION_SESSION_SECRET \
  VOORDEUR_STAFF_PASSWORD VOORDEUR_MANAGER_PASSWORD ACTION_SERVER_TOKEN RASA_DELETE_TOKEN \
  RASA_CHANNEL_TOKEN; do
  if ! grep -q "^${name}=" var/secrets.env; then
    echo "${name}=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
      >> var/secrets.env
  fi
done
while IFS='=' read -r name value; do
  if [ -z "${!name:-}" ]; then export "${name}=${value}"; fi
done < var/secrets.env
# The gateway erases a conversation in Rasa ("Gesprek beëindigen en wissen") with this token.
export GATEWAY_RASA_DELETE_TOKEN=${GATEWAY_RASA_DELETE_TOKEN:-$RASA_DELETE_TOKEN}
# Rasa takes messages only from the gateway, which sends this token.
export GATEWAY_RASA_CHANNEL_TOKEN=${GATEWAY_RASA_CHANNEL_TOKEN:-$RASA_CHANNEL_TOKEN}
# Files made by an earlier version may still be readable by others.
chmod -R go-rwx var

export GATEWAY_PORT=${GATEWAY_PORT:-8000}
export ESCALATION_PORT=${ESCALATION_PORT:-8001}
export RASA_PORT=${RASA_PORT:-5005}
export ACTIONS_PORT=${ACTIONS_PORT:-5055}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://127.0.0.1:${ACTIONS_PORT}/webhook}
export ESCALATION_URL=${ESCALATION_URL:-http://127.0.0.1:${ESCALATION_PORT}}
export GATEWAY_RASA_URL=${GATEWAY_RASA_URL:-http://127.0.0.1:${RASA_PORT}}
export SMTP_PORT=${SMTP_PORT:-8025}
# New meldingen are e-mailed to the team; locally a debugging SMTP server prints them.
export ESCALATION_SMTP_HOST=${ESCALATION_SMTP_HOST:-127.0.0.1}
export ESCALATION_SMTP_PORT=${ESCALATION_SMTP_PORT:-$SMTP_PORT}
export ESCALATION_SMTP_TO=${ESCALATION_SMTP_TO:-team@localhost}
export ESCALATION_STAFF_URL=${ESCALATION_STAFF_URL:-http://127.0.0.1:${ESCALATION_PORT}/staff/}
# Rasa publishes its events to an SQLite event broker; the insights read them every minute.
export RASA_EVENTS_URL="sqlite:///${PWD}/var/rasa-events.db"
export RASA_ENDPOINTS="${PWD}/var/endpoints-local.yml"
{ cat bot/endpoints.yml
  printf '\nevent_broker:\n  type: voordeur_event_broker.BatchingSQLEventBroker\n  dialect: sqlite\n  db: %s\n' \
    "${PWD}/var/rasa-events.db"
} > "$RASA_ENDPOINTS"
export TF_CPP_MIN_LOG_LEVEL=3
export PYTHONUNBUFFERED=1

.venv/bin/python -m escalation migrate
.venv/bin/python -m insights migrate
# Two local staff accounts; their passwords are in var/secrets.env.
echo "$VOORDEUR_STAFF_PASSWORD" | .venv/bin/python -m escalation create-user \
  --username medewerker --role officemedewerker --display-name Medewerker --exists-ok
echo "$VOORDEUR_MANAGER_PASSWORD" | .venv/bin/python -m escalation create-user \
  --username manager --role manager --display-name Manager --exists-ok
echo "==> Starting Rasa, actions, escalation, gateway, mail and insights (Rasa needs about 30 s to load)"
exec .venv/bin/honcho start -f Procfile
