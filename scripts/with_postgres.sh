#!/usr/bin/env bash
# Runs a command with a real PostgreSQL beside it, for the classroom tests:
#
#   scripts/with_postgres.sh .venv/bin/python -m pytest tests/classroom
#
# Installs Debian's postgresql package if it is missing (as root, or with sudo), starts its
# cluster if it is down, makes the role and database nn_test (idempotent), runs the command with
# NN_TEST_POSTGRES_URL set, and stops the cluster afterwards only if this script started it.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
as_root() { if [ "$SUDO" = "none" ]; then "$@"; else $SUDO "$@"; fi; }
as_postgres() { if [ -z "$SUDO" ]; then su postgres -c "$1"; elif [ "$SUDO" = "none" ]; then sh -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  if [ "$SUDO" = "none" ]; then
    echo "with_postgres: PostgreSQL is missing and this user cannot install it;" \
         "run as root: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "with_postgres: installing Debian's postgresql ..."
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
started=""
if [ "$status" != "online" ]; then
  as_root pg_ctlcluster "$version" "$cluster" start
  started="yes"
fi
stop() { if [ -n "$started" ]; then as_root pg_ctlcluster "$version" "$cluster" stop || true; fi; }
trap stop EXIT

as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'nn_test'\" | grep -q 1 ||
             psql -p $port -qc \"CREATE ROLE nn_test LOGIN PASSWORD 'nn_test'\""
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'nn_test'\" | grep -q 1 ||
             psql -p $port -qc 'CREATE DATABASE nn_test OWNER nn_test'"
export NN_TEST_POSTGRES_URL="postgresql://nn_test:nn_test@127.0.0.1:$port/nn_test"
echo "with_postgres: PostgreSQL $version ($cluster) on 127.0.0.1:$port${started:+, started here}"
"$@"
