#!/usr/bin/env bash
# Starts a local PostgreSQL cluster for the store tests and prints the connection string they use (test.sh exports
# it as AILAB_TEST_POSTGRES). Idempotent: creates the cluster, the role and the database only when missing, and
# leaves a running cluster running. Works as root on a fresh Debian VM (pg_ctlcluster, peer auth as postgres).
# The role ailab_test may create schemas in its own database ailab_test; each test works in a schema of its own.
set -euo pipefail

role=ailab_test
password=ailab_test   # a throwaway role of a local test cluster, reachable on 127.0.0.1 only
database=ailab_test

say() { echo "start-postgres: $*" >&2; }
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  say "PostgreSQL is not installed; run scripts/setup-postgres.sh"; exit 1
fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1) || true
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  cluster=main
  say "creating cluster $version/$cluster"
  pg_createcluster "$version" "$cluster" >/dev/null
  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1)
fi
if [ "$status" != online ]; then
  say "starting cluster $version/$cluster on port $port"
  # Another process may start it at the same moment: an "already running" failure is success if it is online.
  pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do
    pg_lsclusters --no-header | awk -v c="$cluster" -v v="$version" '$1==v && $2==c {print $4}' | grep -q online && break
    sleep 0.5
  done
fi
for _ in $(seq 1 60); do as_postgres psql -p "$port" -qAtc 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
as_postgres psql -p "$port" -qAtc 'SELECT 1' >/dev/null || { say "cluster $version/$cluster does not answer"; exit 1; }

if [ "$(as_postgres psql -p "$port" -qAtc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
  as_postgres psql -p "$port" -qc "CREATE ROLE $role LOGIN PASSWORD '$password'" >/dev/null 2>&1 || true
fi
if [ "$(as_postgres psql -p "$port" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  as_postgres psql -p "$port" -qc "CREATE DATABASE $database OWNER $role" >/dev/null 2>&1 || true
fi
PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U "$role" -d "$database" -qAtc 'SELECT 1' >/dev/null \
  || { say "cannot log in as $role on 127.0.0.1:$port (see pg_hba.conf)"; exit 1; }
echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database"
