#!/usr/bin/env bash
# The one test command (README, `.ci/run`): installs what the tests need on a fresh machine of this
# kind (npm packages from the lockfile, Debian's Chromium when it is missing), then runs every tier.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci
fi
bash scripts/ensure-chromium.sh

npm run typecheck
npm run lint
npx vitest run
npm run build
npx playwright test
