#!/usr/bin/env bash
# `npm run test:mutation [-- --mutate 'src/server/gc/**/*.ts,!src/server/gc/**/*.test.ts']`:
# Stryker over GC, deletion and the domain rules (stryker.config.mjs), then a short summary of the
# JSON report: the score per file and every surviving mutant. Reports go to reports/mutation/.
set -euo pipefail
cd "$(dirname "$0")/.."
npx stryker run stryker.config.mjs "$@"
node --import tsx scripts/mutation-summary.ts reports/mutation/mutation.json
