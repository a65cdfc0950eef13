#!/usr/bin/env bash
# Install everything Voordeur needs, idempotently: the main virtual environment (gateway,
# escalation, tests) and the Rasa environment, each from a fully pinned lock file.
# An environment is rebuilt only when its lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || { echo "Python 3.11 is required (set PYTHON=...)" >&2; exit 1; }

step() { printf '\n==> %s\n' "$*"; }

# install_env VENV STAMP_SOURCE... -- PIP_ARGS...
# Recreates VENV when the hash of the given lock files differs from the one it was built from.
install_env() {
  local venv=$1; shift
  local locks=()
  while [ "$1" != "--" ]; do locks+=("$1"); shift; done
  shift
  local want; want=$(cat "${locks[@]}" | sha256sum | cut -d' ' -f1)
  if [ -f "$venv/.lock-hash" ] && [ "$(cat "$venv/.lock-hash")" = "$want" ]; then
    echo "$venv is up to date"
    return
  fi
  step "Creating $venv from ${locks[*]} (a few minutes the first time)"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  for lock in "${locks[@]}"; do
    echo "    installing $lock"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$@" -r "$lock"
  done
  echo "$want" > "$venv/.lock-hash"
}

step "Main environment (.venv)"
install_env .venv requirements.lock -- 

step "Rasa environment (.venv-rasa)"
# Rasa 3.6 declares python<3.11; it runs on 3.11 with the pinned dependency set (see docs/architecture.md).
install_env .venv-rasa bot/requirements-rasa.lock bot/requirements-actions.lock -- \
  --no-deps --ignore-requires-python

# The Dutch spaCy pipeline that Rasa's SpacyNLP loads (config.yml): spacy.blank("nl") with the
# lemma lookup table of spacy-lookups-data, installed as the package nl_voordeur_lemmas.
spacy_hash=$(cat bot/voordeur_nlu/spacy_pipeline.py .venv-rasa/.lock-hash | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv-rasa/.spacy-hash 2>/dev/null)" != "$spacy_hash" ]; then
  step "Dutch spaCy pipeline (nl_voordeur_lemmas, built from packaged data)"
  TF_CPP_MIN_LOG_LEVEL=3 .venv-rasa/bin/python bot/voordeur_nlu/spacy_pipeline.py
  echo "$spacy_hash" > .venv-rasa/.spacy-hash
fi

# The shared kernel (common/voordeur_common), the same source in both environments: a path file
# in each, so a change in common/ is seen at once by the bot, the gateway and escalation.
for venv in .venv .venv-rasa; do
  site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$PWD/common" > "$site/voordeur_common.pth"
done

if [ ! -x /usr/bin/chromium ]; then
  step "Debian's chromium, for the browser tests (no browser is downloaded by the test tools)"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  # Wait for another apt (a second install running at the same time) instead of failing.
  apt_wait=(-o DPkg::Lock::Timeout=600)
  $sudo_cmd apt-get "${apt_wait[@]}" update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get "${apt_wait[@]}" install -y -q chromium
fi

# axe-core for the accessibility tests, from the npm registry, at the version the lock file pins.
axe_dir=gateway/tests/js
axe_hash=$(sha256sum "$axe_dir/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$axe_dir/node_modules/.lock-hash" 2>/dev/null)" != "$axe_hash" ]; then
  step "axe-core for the accessibility tests (npm ci)"
  npm ci --prefix "$axe_dir" --no-audit --no-fund --loglevel=error
  echo "$axe_hash" > "$axe_dir/node_modules/.lock-hash"
fi

# The NL Design System look (theme tokens, component CSS, Noto Sans) from the npm registry, at the
# versions design/package-lock.json pins, copied with config/design-tokens.css into the apps'
# static folders (gitignored vendor/ folders) by design/vendor.sh.
design_hash=$(sha256sum design/package-lock.json | cut -d' ' -f1)
if [ "$(cat design/node_modules/.lock-hash 2>/dev/null)" != "$design_hash" ]; then
  step "NL Design System files (npm ci)"
  npm ci --prefix design --no-audit --no-fund --loglevel=error
  echo "$design_hash" > design/node_modules/.lock-hash
fi
design/vendor.sh

mkdir -p var
echo "Install complete."
