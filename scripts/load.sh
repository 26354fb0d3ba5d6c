#!/usr/bin/env bash
# Load test of the API: starts a fresh vedit (embedded database, API-only node, rate limit off) and drives it
# with wrk, each connection looping submit -> query -> cancel. Prints throughput, latency percentiles and the
# error count; exits non-zero if any request failed. Not part of ./vedit test.
#
#   scripts/load.sh [SECONDS=30] [CONNECTIONS=64] [THREADS=2]
#
# Needs wrk (Debian/Ubuntu: apt-get install -y wrk).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}" connections="${2:-64}" threads="${3:-2}"
command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }

"$here/vedit" build
data="$(mktemp -d)"
log="$data/service.log"
export VEDIT_LOAD_KEY="load$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
VEDIT_API_KEY="$VEDIT_LOAD_KEY" "$here/vedit" serve --port 0 --data-dir "$data" --workers 0 --rate-limit 0 \
  --key-queue 100000 >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

base=""
for _ in $(seq 1 600); do
  base="$(sed -n 's/^vedit is listening on \(http[^ ]*\).*/\1/p' "$log" | head -1)"
  [[ -n "$base" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$base" ]] || { echo "load.sh: the service did not start" >&2; cat "$log" >&2; exit 1; }

echo "load.sh: $seconds s, $connections connections, $threads threads against $base ($(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg))" >&2
# A short warm-up so the JIT and the connection pool are ready, then the measured run.
wrk -t"$threads" -c"$connections" -d5s --timeout 10s -s "$here/scripts/load.lua" "$base" >/dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }   # the service's user + system CPU time
before="$(cpu_ticks)"
out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$here/scripts/load.lua" "$base")"
after="$(cpu_ticks)"
echo "$out"
# CPU per request does not depend on what else the machine runs, unlike throughput and latency.
requests="$(sed -n 's/^vedit load: \([0-9]*\) requests.*/\1/p' <<<"$out")"
awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
  'BEGIN { printf "service CPU: %.1f s for %d requests = %.2f ms per request\n", t / hz, n, 1000 * t / hz / n }'
grep -q '^errors: 0 in replies, 0 socket .*, 0 non-2xx' <<<"$out"
