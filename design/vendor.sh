#!/usr/bin/env bash
# Copies the NL Design System look (installed in design/node_modules by `npm ci --prefix design`)
# and the organisation's token file config/design-tokens.css into the static folders the apps
# already serve: gateway/static/vendor/ (/static/vendor/) and escalation/static/vendor/
# (/staff/static/vendor/, also used by the insights pages, which the staff app serves).
# The vendor folders are gitignored; run this again after editing config/design-tokens.css.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=design/node_modules
tokens=$modules/@nl-design-system-unstable/voorbeeld-design-tokens
components=$modules/@utrecht/component-library-css
font=$modules/@fontsource/noto-sans

for static in gateway/static escalation/static; do
  # Built next to the old copy and swapped in, so a running app never misses a file for long.
  vendor=$static/.vendor.new
  rm -rf "$vendor"
  mkdir -p "$vendor/noto-sans/files" "$vendor/licenses"
  cp "$tokens/dist/theme.css" "$vendor/theme.css"
  cp "$components/dist/index.css" "$vendor/components.css"
  cp "$font/400.css" "$font/700.css" "$vendor/noto-sans/"
  cp "$font"/files/noto-sans-*-400-normal.woff* "$font"/files/noto-sans-*-700-normal.woff* \
    "$vendor/noto-sans/files/"
  cp design/voordeur.css "$vendor/voordeur.css"
  cp config/design-tokens.css "$vendor/organisation.css"
  cp "$tokens/LICENSE.md" "$vendor/licenses/voorbeeld-design-tokens-EUPL-1.2.md"
  cp "$components/LICENSE.md" "$vendor/licenses/utrecht-component-library-css-EUPL-1.2.md"
  cp "$font/LICENSE" "$vendor/licenses/noto-sans-OFL-1.1.txt"
  rm -rf "$static/.vendor.old"
  if [ -d "$static/vendor" ]; then mv "$static/vendor" "$static/.vendor.old"; fi
  mv "$vendor" "$static/vendor"
  rm -rf "$static/.vendor.old"
done
