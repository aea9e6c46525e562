#!/usr/bin/env bash
# Start the API on a spare loopback port, create a bench key, run wrk through api_bench.py, stop.
#
# Usage: benchmarks/api_bench.sh [--scale demo|city] [extra api_bench.py args]   (from the repository root)
#
#   --scale demo   the registry of the settings (default: the local cluster's `addressreg` database)
#   --scale city   the `addressreg_city` database on the same server (790k buildings, 12.9 M rooms;
#                  ADDRESSREG_BENCH_CITY_DB names another); it must be migrated to head (the bench
#                  creates and revokes an API key in it); the resolver index loads before wrk starts
#
# gunicorn runs with --preload: the app and the resolver's in-memory index are built once in the
# master and the workers share them copy-on-write (each worker loading its own city index took
# ~146 s and ~1.3 GB per worker). ADDRESSREG_BENCH_GUNICORN_ARGS replaces that flag ('' for none).
# The server's database sessions carry application_name addressreg-api-bench so that
# api_bench.py can add their CPU time to the workers'.
set -euo pipefail
BIN=.venv/bin
PORT=${ADDRESSREG_BENCH_PORT:-8011}
SCALE=demo
if [[ "${1:-}" == "--scale" ]]; then SCALE=$2; shift 2; fi
base_url=${ADDRESSREG_DATABASE_URL:-$(scripts/db.sh url)}
case "$SCALE" in
  demo) url=$base_url; boot_limit=300 ;;
  city) url=${base_url%/*}/${ADDRESSREG_BENCH_CITY_DB:-addressreg_city}; boot_limit=1800 ;;
  *) echo "unknown scale '$SCALE' (demo or city)" >&2; exit 2 ;;
esac
export ADDRESSREG_DATABASE_URL=$url
log=var/api-bench-server-$SCALE.log
started=$(date +%s)
PGAPPNAME=addressreg-api-bench GUNICORN_CMD_ARGS=${ADDRESSREG_BENCH_GUNICORN_ARGS---preload} \
  "$BIN/addressreg" serve --bind "127.0.0.1:$PORT" --workers "${ADDRESSREG_BENCH_WORKERS:-3}" \
  --rate-limit "1000000 per minute" > "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 "$boot_limit"); do
  curl -fsS "http://127.0.0.1:$PORT/openapi.json" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the API server stopped; see $log" >&2; exit 1; }
  sleep 1
done
echo "scale $SCALE: server ready after $(( $(date +%s) - started )) s" >&2
key=$("$BIN/addressreg" keys create --scopes admin --label "api bench" 2>>"$log") || {
  echo "could not create a bench key in ${url##*/} (is it migrated to head? addressreg db upgrade); see $log" >&2
  exit 1
}
"$BIN/python" benchmarks/api_bench.py --url "http://127.0.0.1:$PORT" --key "$key" --server-pid "$server" "$@"
"$BIN/addressreg" keys revoke "${key%%.*}" 2>/dev/null || true
