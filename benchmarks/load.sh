#!/usr/bin/env bash
# Load test against gunicorn on loopback: 32 connections, DURATION seconds per endpoint.
# Usage: benchmarks/load.sh [DURATION]   (needs wrk: apt-get install wrk)
# Prints a Markdown table; figures go in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
PORT="${PORT:-8765}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
data_dir="$(mktemp -d)"
# PIN=1: the server on the first core and wrk on the second (taskset), so the two do not
# take turns on both cores and runs can be compared (use WORKERS=1 with it)
server_cpu=() ; wrk_cpu=() ; threads=2
if [ "${PIN:-0}" = 1 ]; then server_cpu=(taskset -c 0) ; wrk_cpu=(taskset -c 1) ; threads=1 ; fi
KNOTWORK_DATA_DIR="$data_dir" "${server_cpu[@]}" .venv/bin/knotwork serve --port "$PORT" --workers "${WORKERS:-2}" >"$data_dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data_dir"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

base="http://127.0.0.1:$PORT"
run() {  # name url [json-body]
  local line rps p50 p95 p99 n errors
  line=$(WRK_BODY="${3:-}" "${wrk_cpu[@]}" wrk -t"$threads" -c32 -d"${DURATION}s" --timeout 10s \
    -s benchmarks/wrk_report.lua "$2" | grep '^RESULT')
  read -r rps p50 p95 p99 n errors <<<"$(echo "$line" | sed -E 's/RESULT //; s/[a-z0-9_]+=//g')"
  echo "| $1 | $rps | $p50 | $p95 | $p99 | $n | $errors |"
}
echo "wrk 32 connections, ${DURATION}s each, gunicorn ${WORKERS:-2} gthread workers (8 threads), $(nproc) cores, loopback${PIN:+, pinned (server core 0, wrk core 1)}"
echo
echo "| endpoint | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | requests | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
run "GET /healthz" "$base/healthz"
run "POST /api/v1/find" "$base/api/v1/find" \
  '{"pain": ["right back dimple", "top of right buttock"], "worse": ["leaning over the sink"], "age": 45}'
run "GET results page" "$base/?r=back.sacroiliac.right&r=back.buttock.upper.right"
