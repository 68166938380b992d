#!/usr/bin/env bash
# The PostgreSQL + S3 tier of `npm test` (decision 176): the server integration, contract, GC
# (model, SIGKILL crashes, interleaving, orphans, schedule, start races, run records, take-over), deletion,
# deletion-job, auth, HTTP and demo-seed suites again, each server on a PostgreSQL schema and an S3
# bucket of its own, with the 100,000-pending review, the 100,000-file manifest and the
# 100,000-version deletion job (decision 185); the GC model and crash suites run smaller there
# (decision 181). Left out here, and run on SQLite only: the process test of the SQLite DATA_DIR
# lock (main.test.ts), and the fleet tests (PostgreSQL on every tier already).
set -euo pipefail
cd "$(dirname "$0")/.."
ATTIC_TEST_BACKEND=postgres-s3 npx vitest run \
  src/contract/server.contract.test.ts \
  src/server/server.test.ts \
  src/server/auth \
  src/server/deletion/deletion.test.ts \
  src/server/deletion-jobs \
  src/server/gc/gc.test.ts src/server/gc/gc-interleaving.test.ts src/server/gc/gc-orphans.test.ts \
  src/server/gc/gc-orphan-sweep.test.ts src/server/gc/gc-schedule.test.ts src/server/gc/gc-start-race.test.ts \
  src/server/gc/gc-run-record.test.ts src/server/gc/gc-takeover.test.ts src/server/gc/gc-hooks.test.ts src/server/gc/safety-net.test.ts \
  src/server/gc/s3-safety-net.test.ts src/server/gc/gc-model.test.ts src/server/gc/gc-crash.test.ts src/server/gc/gc-retention-zero.test.ts \
  src/server/ttl src/server/http src/server/routes src/server/artifacts/declared-sizes.test.ts src/server/store \
  src/server/s3-store-server.test.ts src/server/fuzz.test.ts src/server/demo-seed.test.ts \
  src/server/deletion/pending-at-scale.test.ts src/server/artifacts/large-manifest.test.ts
