#!/usr/bin/env bash
# The PostgreSQL the PostgreSQL + S3 test tier runs on (src/server/test/backend.ts). With
# TEST_DATABASE_URL set, that server must answer: it is only checked, and a silence fails loudly.
# Without it, the tests use postgres://postgres@127.0.0.1:5432; when nothing answers there, Debian's
# postgresql package is installed if missing (as ensure-chromium.sh does for Chromium) and its
# cluster started, with the `postgres` role trusted on loopback. Never skips: the tier must run.
set -euo pipefail

fail() {
  echo "ensure-postgres: $*" >&2
  exit 1
}

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

apt_install() {
  $sudo_cmd apt-get install -y "$@" >/dev/null 2>&1 || { $sudo_cmd apt-get update >/dev/null && $sudo_cmd apt-get install -y "$@" >/dev/null; }
}

# pg_isready, psql and pg_dump (the tests dump and restore schemas) come with the client package.
if ! command -v pg_isready >/dev/null || ! command -v pg_dump >/dev/null; then
  echo "Installing Debian's PostgreSQL client for the PostgreSQL test tier..."
  apt_install postgresql-client
fi

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  pg_isready --quiet --dbname="$TEST_DATABASE_URL" --timeout=10 ||
    fail "nothing answers at TEST_DATABASE_URL (${TEST_DATABASE_URL%%\?*}); start that server or unset TEST_DATABASE_URL to use a local one."
  exit 0
fi

host=127.0.0.1
port=5432
if ! pg_isready --quiet --host="$host" --port="$port" --timeout=5; then
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "Installing Debian's PostgreSQL for the PostgreSQL test tier..."
    apt_install postgresql
  fi
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  [ -n "$version" ] || fail "the postgresql package left no server under /usr/lib/postgresql."
  if ! pg_lsclusters --no-header | awk '{print $1, $2}' | grep -qx "$version main"; then
    $sudo_cmd pg_createcluster --port="$port" "$version" main >/dev/null
  fi
  # The tests connect as postgres over TCP on loopback without a password, as on the machines that
  # come with PostgreSQL: trust those connections ahead of the package's own rules.
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! $sudo_cmd grep -qE '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    $sudo_cmd sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  $sudo_cmd pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 60); do
    pg_isready --quiet --host="$host" --port="$port" --timeout=1 && break
    sleep 0.5
  done
  pg_isready --quiet --host="$host" --port="$port" ||
    fail "PostgreSQL $version did not start on $host:$port (see /var/log/postgresql/postgresql-$version-main.log)."
fi

psql --quiet --no-psqlrc --tuples-only --command='SELECT 1' "postgresql://postgres@$host:$port/postgres" >/dev/null ||
  fail "PostgreSQL answers on $host:$port but does not let postgres in without a password; set TEST_DATABASE_URL to a database the tests may use."
