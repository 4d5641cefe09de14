#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1 for the JDBC conformance tests, installing
# Debian's package first where the machine has none. Prints the JDBC URL on stdout.
# Usage: eval "$(.ci/postgres.sh)"   (exports O2O_TEST_PG_URL)
set -euo pipefail
PORT=${O2O_PG_PORT:-54329}
DIR=${O2O_PG_DIR:-/tmp/o2o-pg-$PORT}

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

BIN=$(find_bin || true)
if [ -z "$BIN" ]; then
  echo "installing postgresql from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(find_bin)
fi

RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  RUN_AS=(runuser -u postgres --)
fi

if ! "${RUN_AS[@]}" "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >&2
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
    -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=100" start >&2
  "${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q \
    -c "CREATE USER o2o PASSWORD 'o2o'" -c "CREATE DATABASE o2o OWNER o2o" >&2
fi
echo "export O2O_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$PORT/o2o?user=o2o&password=o2o'"
