#!/usr/bin/env bash
# Part of `npm run lint`: fails when a merge left conflict markers in a file (Biome reads only
# code; one sat in bench/README.md unseen for a session).
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -rnE --exclude-dir=node_modules --exclude-dir=.git --exclude-dir=dist --exclude-dir=test-results --exclude-dir=playwright-report \
  '^(<<<<<<< |>>>>>>> |=======$)' . ; then
  echo 'Merge conflict markers are left in the lines above.' >&2
  exit 1
fi
