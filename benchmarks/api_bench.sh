#!/usr/bin/env bash
# Start the API on a spare loopback port, create a bench key, run wrk through api_bench.py, stop.
# Usage: benchmarks/api_bench.sh [extra api_bench.py args]   (run from the repository root)
set -euo pipefail
BIN=.venv/bin
PORT=${ADDRESSREG_BENCH_PORT:-8011}
"$BIN/addressreg" serve --bind "127.0.0.1:$PORT" --workers "${ADDRESSREG_BENCH_WORKERS:-3}" \
  --rate-limit "1000000 per minute" > var/api-bench-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/openapi.json" >/dev/null 2>&1 && break
  sleep 1
done
key=$("$BIN/addressreg" keys create --scopes admin --label "api bench" 2>/dev/null)
"$BIN/python" benchmarks/api_bench.py --url "http://127.0.0.1:$PORT" --key "$key" "$@"
"$BIN/addressreg" keys revoke "${key%%.*}" 2>/dev/null || true
