#!/usr/bin/env bash
# The PostgreSQL 15 + PostGIS 3 server that `make test` and `make demo` use.
#
# Usage: scripts/db.sh ensure|stop|status|url|destroy
#
#   ensure   Make sure a server answers, then print its SQLAlchemy URL on the last line of stdout.
#            With ADDRESSREG_DATABASE_URL set, that server is checked (and given the postgis and
#            pg_trgm extensions) and nothing local is touched. Otherwise a cluster of this checkout's
#            own is created, started or reused, on 127.0.0.1 and a port derived from the checkout path.
#   stop     Stop the local cluster recorded in var/pg/cluster (no-op if there is none).
#   status   Describe the local cluster; exit 0 if it is running, 3 if it is not (or there is none).
#   url      Print the URL that `ensure` would print, without starting anything.
#   destroy  Stop the local cluster and delete it with all its data.
#
# Where the local cluster lives (recorded as kind=... in var/pg/cluster so `stop` knows what to stop):
#   kind=var     data in var/pg/data, run with pg_ctl by the current user, or by `postgres` via
#                runuser when we are root (PostgreSQL refuses to run as root) and `postgres` can
#                reach var/ of the checkout.
#   kind=debian  root, and `postgres` cannot reach the checkout (e.g. it sits under /root): a Debian
#                cluster made with pg_createcluster (data under /var/lib/postgresql/15/<name>),
#                started manually (start.conf=manual) with pg_ctlcluster.
#
# Authentication: the server listens on 127.0.0.1 only and asks for a scram-sha-256 password; the
# superuser of this throwaway cluster is the role `addressreg`, with a random password kept in
# var/pg/password (mode 600). No trust auth: any local user could otherwise become a superuser and,
# through COPY ... PROGRAM, run commands as the cluster's owner.
#
# Environment: ADDRESSREG_DATABASE_URL (use that server), ADDRESSREG_PG_BINDIR (server binaries;
# default /usr/lib/postgresql/15/bin). Messages go to stderr in English; stdout carries only the URL.
set -euo pipefail

readonly PG_MAJOR=15
ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
readonly ROOT
readonly VAR_DIR="$ROOT/var"
readonly PG_DIR="$VAR_DIR/pg"
readonly DATA_DIR="$PG_DIR/data"
readonly RECORD_FILE="$PG_DIR/cluster"
readonly PASSWORD_FILE="$PG_DIR/password"
readonly SERVER_LOG="$PG_DIR/server.log"
readonly URL_FILE="$VAR_DIR/database_url"
readonly LOCK_FILE="$VAR_DIR/db.lock"
readonly DB_NAME=addressreg
readonly DB_ROLE=addressreg
readonly EXTENSIONS=(postgis pg_trgm)
readonly BIN_DIR="${ADDRESSREG_PG_BINDIR:-/usr/lib/postgresql/$PG_MAJOR/bin}"
readonly SERVER_PACKAGES=(postgresql-15 postgresql-15-postgis-3)
readonly CLIENT_PACKAGES=(postgresql-client-15)
readonly PORT_BASE=55000
readonly PORT_SPAN=2000
readonly START_TIMEOUT=60
readonly LOCK_TIMEOUT=600
CURRENT_USER="$(id -un)"
readonly CURRENT_USER

# The local cluster, filled in from var/pg/cluster or by decide_cluster.
KIND="" PORT="" CLUSTER_NAME="" OWNER="" RECORD_ROOT=""
PASSWORD_IS_NEW=0

say() { printf 'db.sh: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}
is_root() { [[ "$EUID" -eq 0 ]]; }

# ---------------------------------------------------------------- checkout identity

# A number that is stable for this checkout path (cksum is POSIX, so it exists everywhere).
checkout_hash() { printf '%s' "$ROOT" | cksum | cut -d' ' -f1; }
preferred_port() { echo $((PORT_BASE + $(checkout_hash) % PORT_SPAN)); }
# Underscore, not dash: systemd unit names (postgresql@15-<name>) dislike dashes in cluster names.
debian_cluster_name() { echo "addressreg_$(checkout_hash)"; }

# ---------------------------------------------------------------- the record in var/pg/cluster

read_record() {
    KIND="" PORT="" CLUSTER_NAME="" OWNER="" RECORD_ROOT=""
    [[ -f "$RECORD_FILE" ]] || return 1
    local key value line=0
    while IFS='=' read -r key value; do
        line=$((line + 1))
        case "$key" in
            kind) KIND="$value" ;;
            port) PORT="$value" ;;
            name) CLUSTER_NAME="$value" ;;
            owner) OWNER="$value" ;;
            root) RECORD_ROOT="$value" ;;
            '' | '#'*) ;;
            *) die "$RECORD_FILE line $line: unknown key '$key'" ;;
        esac
    done <"$RECORD_FILE"
    validate_record
}

validate_record() {
    [[ "$KIND" == var || "$KIND" == debian ]] || die "$RECORD_FILE: kind must be var or debian, not '$KIND'"
    [[ "$PORT" =~ ^[0-9]+$ ]] || die "$RECORD_FILE: port must be a number, not '$PORT'"
    if [[ "$KIND" == var && -z "$OWNER" ]]; then die "$RECORD_FILE: kind=var needs owner=USER"; fi
    if [[ "$KIND" == debian && -z "$CLUSTER_NAME" ]]; then die "$RECORD_FILE: kind=debian needs name=CLUSTER"; fi
    if [[ "$KIND" == debian && "$RECORD_ROOT" != "$ROOT" ]]; then
        die "$RECORD_FILE names Debian cluster $CLUSTER_NAME of checkout '$RECORD_ROOT', not '$ROOT';" \
            "remove $PG_DIR (rm -rf) to make a cluster for this checkout"
    fi
}

write_record() {
    printf 'kind=%s\nport=%s\nname=%s\nowner=%s\nroot=%s\n' \
        "$KIND" "$PORT" "$CLUSTER_NAME" "$OWNER" "$ROOT" >"$RECORD_FILE.tmp"
    mv -f "$RECORD_FILE.tmp" "$RECORD_FILE"
}

describe_cluster() {
    case "$KIND" in
        var) echo "kind=var, data in $DATA_DIR, run as $OWNER, port $PORT" ;;
        debian) echo "kind=debian, cluster $PG_MAJOR/$CLUSTER_NAME (pg_lsclusters), port $PORT" ;;
    esac
}

# ---------------------------------------------------------------- packages

share_dir() {
    if [[ -x "$BIN_DIR/pg_config" ]]; then "$BIN_DIR/pg_config" --sharedir; else echo "/usr/share/postgresql/$PG_MAJOR"; fi
}
server_installed() { [[ -x "$BIN_DIR/postgres" && -f "$(share_dir)/extension/postgis.control" ]]; }

# Install Debian packages as root, refreshing the package lists only if one has no candidate.
apt_install() {
    command -v apt-get >/dev/null || die "no apt-get here: install $* yourself (or set ADDRESSREG_DATABASE_URL)"
    local package candidate
    for package in "$@"; do
        candidate="$(apt-cache policy "$package" 2>/dev/null | awk '/Candidate:/ {print $2}')"
        if [[ -z "$candidate" || "$candidate" == "(none)" ]]; then
            say "apt-get update (no candidate for $package yet)"
            apt-get update -q >&2 || die "apt-get update failed"
            break
        fi
    done
    say "installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o DPkg::Lock::Timeout=300 "$@" >&2 </dev/null || die "apt-get install $* failed"
}

# The packages of "$@" that dpkg does not list as installed (all of them where there is no dpkg),
# so that installing PostGIS does not also upgrade a PostgreSQL that is already there.
missing_packages() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || echo "$package"
    done
}

ensure_server_packages() {
    server_installed && return 0
    local missing
    mapfile -t missing < <(missing_packages "${SERVER_PACKAGES[@]}")
    is_root || die "PostgreSQL $PG_MAJOR with PostGIS 3 is missing (need $BIN_DIR/postgres and" \
        "$(share_dir)/extension/postgis.control). Install it with:" \
        "sudo apt-get install -y ${missing[*]:-${SERVER_PACKAGES[*]}}  (or set ADDRESSREG_DATABASE_URL)"
    ((${#missing[@]} > 0)) || die "${SERVER_PACKAGES[*]} are installed, yet $BIN_DIR/postgres or" \
        "$(share_dir)/extension/postgis.control is missing; check ADDRESSREG_PG_BINDIR"
    apt_install "${missing[@]}"
    server_installed || die "still missing $BIN_DIR/postgres or PostGIS after installing ${SERVER_PACKAGES[*]}"
}

check_server_version() {
    local version
    version="$("$BIN_DIR/postgres" --version)" || die "$BIN_DIR/postgres --version failed"
    [[ "$version" =~ \)\ ([0-9]+)\. && "${BASH_REMATCH[1]}" -ge $PG_MAJOR ]] ||
        die "$BIN_DIR/postgres is '$version'; PostgreSQL $PG_MAJOR or newer is needed"
}

# A UTF-8 LC_CTYPE, so that pg_trgm counts Chinese characters as word characters (with LC_CTYPE=C
# it would index no trigrams at all for Chinese text). Collation stays C: fast and deterministic.
utf8_ctype() {
    local wanted found
    for wanted in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
        found="$(locale -a 2>/dev/null | grep -ixF -m1 "$wanted" || true)"
        [[ -n "$found" ]] && echo "$found" && return 0
    done
    die "no UTF-8 locale (C.UTF-8 or en_US.UTF-8) in 'locale -a'; install one (Debian: package locales)"
}

# ---------------------------------------------------------------- ports

port_taken_by_others() {
    local port="$1"
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    command -v pg_lsclusters >/dev/null || return 1
    # Another Debian cluster configured on this port would clash as soon as it starts.
    pg_lsclusters -h 2>/dev/null | awk -v port="$port" -v self="$CLUSTER_NAME" \
        '$3 == port && $2 != self {found = 1} END {exit !found}'
}

# The first free port at or after $1, wrapping inside PORT_BASE .. PORT_BASE+PORT_SPAN-1.
free_port_from() {
    local start="$1" offset port
    for ((offset = 0; offset < PORT_SPAN; offset++)); do
        port=$((PORT_BASE + (start - PORT_BASE + offset) % PORT_SPAN))
        port_taken_by_others "$port" || {
            echo "$port"
            return 0
        }
    done
    die "no free port between $PORT_BASE and $((PORT_BASE + PORT_SPAN - 1)) on 127.0.0.1"
}

# Settings of the local cluster: light tuning for a 2-core / 24 GB development box, and for bulk
# loads (a 1M-row department load writes GBs of WAL; at the default max_wal_size of 1GB a
# checkpoint came every few seconds and each one made the next writes log whole pages again).
cluster_settings() {
    printf '%s\n' "# Written by scripts/db.sh on every start; edits are overwritten." \
        "listen_addresses = '127.0.0.1'" "port = $PORT" "max_connections = 100" \
        "shared_buffers = 512MB" "effective_cache_size = 8GB" "work_mem = 16MB" \
        "maintenance_work_mem = 512MB" "synchronous_commit = off  # a throwaway dev cluster; fsync stays on" \
        "max_wal_size = 16GB  # bulk loads: checkpoints minutes apart, not seconds (fewer full-page images)" \
        "checkpoint_timeout = 15min"
}

# ---------------------------------------------------------------- kind=var: var/pg/data

# Run a command as the cluster's owner; always from / so that the owner needs no access to $PWD.
as_owner() {
    if [[ "$OWNER" == "$CURRENT_USER" ]]; then
        "$@"
    else
        (cd / && runuser -u "$OWNER" -- "$@")
    fi
}

give_to_owner() { if [[ "$OWNER" != "$CURRENT_USER" ]]; then chown "$OWNER:" "$@"; fi; }

var_exists() { [[ -f "$DATA_DIR/PG_VERSION" ]]; }
var_running() { as_owner "$BIN_DIR/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1 && var_pid_file_is_ours; }

# A checkout copied with its var/ carries the original's postmaster.pid, whose PID is alive: its
# second line names the original data directory. Drop such a file rather than reuse a stranger.
var_pid_file_is_ours() {
    local pid_file="$DATA_DIR/postmaster.pid"
    [[ "$(sed -n 2p "$pid_file")" == "$DATA_DIR" ]] && return 0
    say "removing $pid_file: it belongs to the server of $(sed -n 2p "$pid_file")"
    rm -f -- "$pid_file"
    return 1
}

var_create() {
    say "initdb $DATA_DIR (as $OWNER)"
    as_owner "$BIN_DIR/initdb" -D "$DATA_DIR" -U "$DB_ROLE" --pwfile="$PASSWORD_FILE" \
        --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C \
        --lc-ctype="$(utf8_ctype)" >"$PG_DIR/initdb.log" 2>&1 ||
        die "initdb failed; see $PG_DIR/initdb.log: $(tail -n 5 "$PG_DIR/initdb.log")"
    printf "\ninclude = 'addressreg.conf'\n" >>"$DATA_DIR/postgresql.conf"
}

var_configure() {
    # No Unix socket: everything goes over 127.0.0.1, so deep checkout paths (socket paths are
    # limited to 107 bytes) and a non-writable /var/run/postgresql do not matter.
    { cluster_settings && echo "unix_socket_directories = ''"; } >"$DATA_DIR/addressreg.conf"
    give_to_owner "$DATA_DIR/addressreg.conf"
}

var_start() {
    # 9>&- : the server must not inherit the lock taken in take_lock, or it would hold it forever.
    as_owner "$BIN_DIR/pg_ctl" start -D "$DATA_DIR" -l "$SERVER_LOG" -w -t "$START_TIMEOUT" -s 9>&- ||
        die "the server in $DATA_DIR did not start; last lines of $SERVER_LOG:"$'\n'"$(tail -n 20 "$SERVER_LOG")"
}

var_stop() { as_owner "$BIN_DIR/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t "$START_TIMEOUT" -s; }
var_drop() { rm -rf -- "$DATA_DIR"; }
var_log() { echo "$SERVER_LOG"; }

# ---------------------------------------------------------------- kind=debian: pg_createcluster

debian_conf_dir() { echo "/etc/postgresql/$PG_MAJOR/$CLUSTER_NAME"; }
debian_exists() { pg_lsclusters -h "$PG_MAJOR" "$CLUSTER_NAME" >/dev/null 2>&1; }
debian_running() { pg_lsclusters -h "$PG_MAJOR" "$CLUSTER_NAME" 2>/dev/null | awk '{exit $4 !~ /^online/}'; }
debian_log() { pg_lsclusters -h "$PG_MAJOR" "$CLUSTER_NAME" | awk '{print $7}'; }

debian_create() {
    say "pg_createcluster $PG_MAJOR $CLUSTER_NAME"
    pg_createcluster "$PG_MAJOR" "$CLUSTER_NAME" -p "$PORT" --start-conf=manual --encoding=UTF8 \
        --locale=C --lc-ctype="$(utf8_ctype)" -q -- --auth-local=peer --auth-host=scram-sha-256 >&2 ||
        die "pg_createcluster $PG_MAJOR $CLUSTER_NAME failed"
}

debian_configure() {
    pg_conftool -- "$PG_MAJOR" "$CLUSTER_NAME" set port "$PORT" >&2
    cluster_settings >"$(debian_conf_dir)/conf.d/addressreg.conf"
}

debian_start() {
    pg_ctlcluster "$PG_MAJOR" "$CLUSTER_NAME" start 9>&- >&2 ||
        die "cluster $PG_MAJOR/$CLUSTER_NAME did not start; last lines of $(debian_log):"$'\n'"$(tail -n 20 "$(debian_log)")"
    debian_set_role_password
}

# The role `addressreg` (superuser of this throwaway cluster) gets the password from var/pg/password,
# set by `postgres` through the Unix socket (peer auth), which Debian clusters keep.
debian_set_role_password() {
    local password sql
    password="$(cat "$PASSWORD_FILE")"
    sql="DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_ROLE') THEN CREATE ROLE $DB_ROLE; END IF;
        ALTER ROLE $DB_ROLE LOGIN SUPERUSER PASSWORD '$password'; END \$\$;"
    (cd / && runuser -u postgres -- "$BIN_DIR/psql" -X -q -w -v ON_ERROR_STOP=1 -p "$PORT" -d postgres -c "$sql") ||
        die "could not create role $DB_ROLE in cluster $PG_MAJOR/$CLUSTER_NAME"
}

debian_stop() { pg_ctlcluster "$PG_MAJOR" "$CLUSTER_NAME" stop -m fast >&2; }
# pg_dropcluster leaves files it did not make, so our settings file goes first.
debian_drop() {
    rm -f -- "$(debian_conf_dir)/conf.d/addressreg.conf"
    pg_dropcluster --stop "$PG_MAJOR" "$CLUSTER_NAME" >&2
}

# ---------------------------------------------------------------- choosing and running the cluster

# Root: kind=var if `postgres` can reach var/ and write var/pg once it owns it; else kind=debian.
decide_cluster() {
    PORT="$(preferred_port)"
    CLUSTER_NAME="" OWNER=""
    if ! is_root; then
        KIND=var OWNER="$CURRENT_USER"
        return
    fi
    id -u postgres >/dev/null 2>&1 ||
        die "PostgreSQL refuses to run as root and there is no 'postgres' user; install postgresql-$PG_MAJOR"
    mkdir -p "$PG_DIR"
    if (cd / && runuser -u postgres -- test -x "$VAR_DIR") && chown postgres: "$PG_DIR" &&
        (cd / && runuser -u postgres -- test -w "$PG_DIR" -a -x "$PG_DIR"); then
        KIND=var OWNER=postgres
        return
    fi
    chown root: "$PG_DIR"
    command -v pg_createcluster >/dev/null || die "postgres cannot reach $VAR_DIR and pg_createcluster is" \
        "missing; install postgresql-common, or make the checkout readable by postgres"
    KIND=debian CLUSTER_NAME="$(debian_cluster_name)"
}

# The password of the role addressreg: kept in var/pg/password, made once. A Debian cluster can be
# given a new one (debian_set_role_password); initdb bakes it into a kind=var cluster for good.
ensure_password_file() {
    [[ -s "$PASSWORD_FILE" ]] && return 0
    if [[ "$KIND" == var ]] && var_exists; then
        die "$PASSWORD_FILE is gone, so the cluster in $DATA_DIR cannot be logged into;" \
            "run scripts/db.sh destroy, then scripts/db.sh ensure, to make a new cluster"
    fi
    (umask 077 && od -An -tx1 -N18 /dev/urandom | tr -d ' \n' >"$PASSWORD_FILE")
    if [[ "$KIND" == var ]]; then give_to_owner "$PASSWORD_FILE" "$PG_DIR"; fi
    PASSWORD_IS_NEW=1
}

# Start a stopped cluster, moving it to another port first if something else took its port.
start_cluster() {
    local port
    port="$(free_port_from "$PORT")"
    if [[ "$port" != "$PORT" ]]; then say "port $PORT is taken by something else; using $port"; fi
    PORT="$port"
    write_record
    "${KIND}_configure"
    say "starting the cluster ($(describe_cluster))"
    "${KIND}_start"
}

wait_ready() {
    local deadline=$((SECONDS + START_TIMEOUT))
    until "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres; do
        ((SECONDS < deadline)) || die "no answer on 127.0.0.1:$PORT after ${START_TIMEOUT}s;" \
            "last lines of $("${KIND}_log"):"$'\n'"$(tail -n 20 "$("${KIND}_log")")"
        sleep 0.2
    done
}

# ---------------------------------------------------------------- databases and extensions

admin_psql() {
    PGPASSWORD="$(cat "$PASSWORD_FILE")" PGOPTIONS='-c client_min_messages=warning' PGCONNECT_TIMEOUT=10 \
        "$BIN_DIR/psql" -X -q -w -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U "$DB_ROLE" "$@"
}

# Extensions go into template1 too, so the databases tests create (addressreg_test_<n>) have them.
ensure_database() {
    local create_extensions="" extension
    for extension in "${EXTENSIONS[@]}"; do
        create_extensions+="CREATE EXTENSION IF NOT EXISTS $extension;"$'\n'
    done
    admin_psql -d template1 >&2 <<SQL || die "could not prepare database $DB_NAME on 127.0.0.1:$PORT"
$create_extensions
\\connect postgres
SELECT 'CREATE DATABASE $DB_NAME' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \\gexec
\\connect $DB_NAME
$create_extensions
SQL
}

local_url() { echo "postgresql+psycopg://$DB_ROLE:$(cat "$PASSWORD_FILE")@127.0.0.1:$PORT/$DB_NAME"; }

write_url_file() { (umask 077 && local_url >"$URL_FILE.tmp" && mv -f "$URL_FILE.tmp" "$URL_FILE"); }

# ---------------------------------------------------------------- ADDRESSREG_DATABASE_URL

# The URL with its password masked, for messages.
redact() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; }

# psql wants a libpq URL: postgresql+psycopg://... (SQLAlchemy) becomes postgresql://...
libpq_url() {
    [[ "$1" =~ ^postgres(ql)?(\+[A-Za-z0-9_]+)?:// ]] ||
        die "ADDRESSREG_DATABASE_URL must start with postgresql+psycopg:// or postgresql://, not '$(redact "$1")'"
    echo "postgresql://${1#*://}"
}

psql_binary() {
    if [[ -x "$BIN_DIR/psql" ]]; then
        echo "$BIN_DIR/psql"
    elif command -v psql >/dev/null; then
        command -v psql
    elif is_root; then
        apt_install "${CLIENT_PACKAGES[@]}" && echo "/usr/lib/postgresql/$PG_MAJOR/bin/psql"
    else
        die "psql is missing; install it with: sudo apt-get install -y ${CLIENT_PACKAGES[*]}"
    fi
}

# Run SQL on the server of ADDRESSREG_DATABASE_URL; stderr is folded into stdout for messages.
# (No PGOPTIONS here: poolers such as pgbouncer refuse the startup parameter it becomes.)
external_sql() {
    PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -w -At -v ON_ERROR_STOP=1 -d "$LIBPQ_URL" -c "$1" 2>&1
}

ensure_external() {
    local url="$ADDRESSREG_DATABASE_URL" shown output extension version
    shown="$(redact "$url")"
    LIBPQ_URL="$(libpq_url "$url")"
    PSQL="$(psql_binary)"
    output="$(external_sql 'SHOW server_version_num')" ||
        die "the server of ADDRESSREG_DATABASE_URL ($shown) does not answer: $output"
    version="$output"
    ((version >= PG_MAJOR * 10000)) || die "$shown runs server_version_num $version; PostgreSQL $PG_MAJOR+ is needed"
    for extension in "${EXTENSIONS[@]}"; do
        output="$(external_sql "CREATE EXTENSION IF NOT EXISTS $extension")" ||
            die "cannot create extension $extension in $shown (ask its administrator to install PostGIS 3" \
                "on that server and run CREATE EXTENSION $extension; in that database as a superuser): $output"
    done
    output="$(external_sql "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")" || die "$output"
    [[ "$output" == 3.* ]] || die "$shown has PostGIS '$output'; PostGIS 3 is needed"
    version+=", PostGIS $output"
    output="$(external_sql 'SELECT datctype FROM pg_database WHERE datname = current_database()')" || die "$output"
    [[ "$output" =~ [Uu][Tt][Ff]-?8 ]] ||
        say "warning: $shown has LC_CTYPE '$output'; pg_trgm finds no trigrams in Chinese text unless it is UTF-8"
    say "using the server of ADDRESSREG_DATABASE_URL ($shown): server_version_num $version"
    printf '%s\n' "$url"
}

# ---------------------------------------------------------------- commands

take_lock() {
    mkdir -p "$VAR_DIR"
    if ! command -v flock >/dev/null; then
        say "no flock here: not guarding against a second db.sh running at the same time"
        return 0
    fi
    { exec 9>>"$LOCK_FILE"; } 2>/dev/null ||
        die "cannot write $LOCK_FILE; run this as the user who owns $VAR_DIR, or as root"
    flock -w "$LOCK_TIMEOUT" 9 || die "another scripts/db.sh has held $LOCK_FILE for ${LOCK_TIMEOUT}s"
}

# A non-root user can only drive a kind=var cluster they own.
check_operator() {
    if ! is_root && [[ "$KIND" == debian || "$OWNER" != "$CURRENT_USER" ]]; then
        die "the cluster in $RECORD_FILE ($(describe_cluster)) is not yours; run this as ${OWNER:-root} or root"
    fi
}

# Read var/pg/cluster, or choose a cluster for this checkout and record it.
settle_cluster() {
    if read_record; then
        check_operator
    else
        decide_cluster
        say "no cluster recorded yet; chose $(describe_cluster)"
    fi
    mkdir -p "$PG_DIR"
    chmod 700 "$PG_DIR"
    ensure_password_file
    write_record
}

create_cluster_if_missing() {
    "${KIND}_exists" && return 0
    PORT="$(free_port_from "$PORT")"
    write_record
    "${KIND}_create"
}

cmd_ensure() {
    if [[ -n "${ADDRESSREG_DATABASE_URL:-}" ]]; then
        ensure_external
        return
    fi
    # Packages first, outside the lock: a postinst that starts a server would inherit the lock's fd.
    ensure_server_packages
    check_server_version
    take_lock
    settle_cluster
    create_cluster_if_missing
    if "${KIND}_running"; then
        say "reusing the running cluster ($(describe_cluster))"
        if ((PASSWORD_IS_NEW)); then debian_set_role_password; fi
    else
        start_cluster
    fi
    wait_ready
    ensure_database
    write_url_file
    say "ready: database $DB_NAME with ${EXTENSIONS[*]} on 127.0.0.1:$PORT; URL also in $URL_FILE"
    local_url
}

cmd_stop() {
    take_lock
    if ! read_record; then
        say "no local cluster recorded in $RECORD_FILE; nothing to stop"
        return 0
    fi
    check_operator
    if "${KIND}_exists" && "${KIND}_running"; then
        say "stopping the cluster ($(describe_cluster))"
        "${KIND}_stop"
    else
        say "the cluster is not running ($(describe_cluster))"
    fi
}

cmd_status() {
    if [[ -n "${ADDRESSREG_DATABASE_URL:-}" ]]; then
        say "ADDRESSREG_DATABASE_URL is set ($(redact "$ADDRESSREG_DATABASE_URL")); ensure would use that server"
    fi
    if ! read_record; then
        echo "none: no local cluster recorded in $RECORD_FILE"
        return 3
    fi
    check_operator
    if ! "${KIND}_exists"; then
        echo "missing: recorded but gone ($(describe_cluster))"
        return 3
    fi
    if "${KIND}_running"; then
        echo "running ($(describe_cluster))"
        return 0
    fi
    echo "stopped ($(describe_cluster))"
    return 3
}

cmd_url() {
    if [[ -n "${ADDRESSREG_DATABASE_URL:-}" ]]; then
        printf '%s\n' "$ADDRESSREG_DATABASE_URL"
    elif [[ -f "$URL_FILE" ]]; then
        cat "$URL_FILE"
    else
        die "no URL yet: set ADDRESSREG_DATABASE_URL or run scripts/db.sh ensure"
    fi
}

cmd_destroy() {
    take_lock
    if read_record; then
        check_operator
        say "deleting the cluster ($(describe_cluster)) and its data"
        if "${KIND}_exists"; then
            if "${KIND}_running"; then "${KIND}_stop"; fi
            "${KIND}_drop"
        fi
    else
        say "no local cluster recorded in $RECORD_FILE; removing $PG_DIR if present"
    fi
    rm -rf -- "$PG_DIR" "$URL_FILE"
}

usage() {
    say "usage: scripts/db.sh ensure|stop|status|url|destroy"
    exit 2
}

main() {
    [[ $# -eq 1 ]] || usage
    case "$1" in
        ensure | stop | status | url | destroy) "cmd_$1" ;;
        *) usage ;;
    esac
}

# Sourcing the file (as tests do) defines the functions without running a command.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
