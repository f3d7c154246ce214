#!/usr/bin/env bash
# Installs Debian's PostgreSQL server when it is missing, for the store's tests: they start their
# own throwaway server (initdb into a temporary folder, a free port, as the test user, or as
# `nobody` when the tests run as root) and stop it when they end, so no cluster is created here.
# Needs root or passwordless sudo; without them the PostgreSQL tests say so and skip.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "PostgreSQL is missing and this user cannot install it: PostgreSQL tests will be skipped" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# the package would create and start a "main" cluster on port 5432: the tests need none
$SUDO mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/cronaca-tests.conf >/dev/null
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
echo "installed $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
