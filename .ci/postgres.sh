# A throw-away PostgreSQL on a loopback port for the multi-instance tests (DIFY_TEST_POSTGRES_URL):
#   source .ci/postgres.sh; start_postgres; ...; stop_postgres
# Its data lives in a temporary directory that stop_postgres deletes. As root it runs as the postgres user
# (PostgreSQL refuses root).

start_postgres() {
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    PG_DIR=$(mktemp -d /tmp/camel-dify-pg.XXXXXX)
    PG_PORT=${DIFY_TEST_POSTGRES_PORT:-55432}
    PG_AS=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_DIR"
        PG_AS=(runuser -u postgres --)
    fi
    "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U dify --no-sync -E UTF8 >"$PG_DIR/initdb.log"
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
        "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off" start >/dev/null
    export DIFY_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=dify"
    echo "PostgreSQL for the multi-instance tests: $DIFY_TEST_POSTGRES_URL"
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
        rm -rf "$PG_DIR"
    fi
}
