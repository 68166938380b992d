#!/usr/bin/env bash
# The one test command (README, `.ci/run`): installs what the tests need on a fresh machine of this
# kind (npm packages from the lockfile, Debian's Chromium and PostgreSQL when they are missing), then
# runs every tier: all unit, component and server tests on SQLite + files; the server, contract, GC
# model, crash and concurrency suites again on PostgreSQL + S3 (s3rver); the build; the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci
fi
bash scripts/ensure-chromium.sh
# Before any tier: the SQLite tier's fleet tests need PostgreSQL too.
bash scripts/ensure-postgres.sh

npm run typecheck
npm run lint
npx vitest run
bash scripts/test-postgres-s3.sh
npm run build
npx playwright test
