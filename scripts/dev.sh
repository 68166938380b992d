#!/usr/bin/env bash
# `npm run dev`: the real server (demo data in ./data) and Vite with hot reload, which proxies /api to it.
set -euo pipefail
cd "$(dirname "$0")/.."
node --import tsx --watch src/server/main.ts &
server=$!
trap 'kill $server 2>/dev/null' EXIT
npx vite
