# Sourced by scripts/test: starts a throwaway PostgreSQL 15 server on loopback for the test run and stops it on exit.
# Sets OPENIOM_PG_ADMIN_URL (superuser) and PG_PORT. Works as root (runs the server as the postgres user) or as
# an ordinary user (runs it as that user).

pg_start() {
  local pgbin=/usr/lib/postgresql/15/bin
  PG_TMP=$(mktemp -d /tmp/openiom-pg.XXXXXX)
  # A port nothing listens on, so two test runs on one machine do not collide.
  PG_PORT=$((20000 + RANDOM % 20000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((20000 + RANDOM % 20000)); done
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_TMP"
    run=(runuser -u postgres --)
  fi
  PG_RUN=("${run[@]}")
  "${run[@]}" "$pgbin/initdb" -D "$PG_TMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${run[@]}" "$pgbin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w -t 60 start \
    -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  trap pg_stop EXIT
  OPENIOM_PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  export PG_PORT OPENIOM_PG_ADMIN_URL
}

# pg_create_database NAME: creates a database owned by the role "openiom" and prints its URL.
pg_create_database() {
  psql "$OPENIOM_PG_ADMIN_URL" -qAt -v ON_ERROR_STOP=1 \
    -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'openiom') THEN CREATE ROLE openiom LOGIN PASSWORD 'openiom'; END IF; END\$\$;" \
    -c "CREATE DATABASE $1 OWNER openiom" >/dev/null
  echo "postgresql://openiom:openiom@127.0.0.1:$PG_PORT/$1"
}

pg_stop() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
    "${PG_RUN[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
