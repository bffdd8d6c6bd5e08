#!/usr/bin/env bash
# HTTP load test (issue 4, Performance): PutItem and GetItem with wrk against
#   - dynarock-server (data in a temporary directory, on disk),
#   - dynalite (npm, in-memory), the peer,
#   - http_echo_server, a minimal Beast server that answers the body back:
#     the ceiling for any HTTP server on this machine with this load generator,
#     run with one thread and with one per core; the faster of the two counts
#     (with the load generator on the same cores, one thread is usually faster).
# Random keys over 100k (preloaded), ~100 B items, 32 keep-alive connections
# on 127.0.0.1; the Lua scripts build their 100k requests before the run, so
# that wrk spends its CPU sending them rather than formatting them. Prints a
# table: req/s, p50, p99, ratio to dynalite, share of the echo ceiling.
# Stops everything it starts.
#
# Usage: bench/http/run.sh [BUILD_DIR]
#   BUILD_DIR holds src/server/dynarock-server and bench/http/http_echo_server
#   (default: ./build). Environment: DURATION (5s), CONNECTIONS (32),
#   WRK_THREADS (1), SERVER_THREADS (default: the server's own; when set, the
#   echo server runs with as many).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(cd "${1:-build}" && pwd)
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-1}
SERVER=$BUILD/src/server/dynarock-server
ECHO=$BUILD/bench/http/http_echo_server

for bin in "$SERVER" "$ECHO"; do
  [[ -x $bin ]] || { echo "missing $bin: cmake --build $BUILD --target dynarock-server http_echo_server" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
if [[ ! -x $HERE/node_modules/.bin/dynalite ]]; then
  (cd "$HERE" && npm ci --no-audit --no-fund >/dev/null)
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Starts "$@" with stdout to $WORK/$name.out and waits for its "listening on
# HOST:PORT" line; sets PORT.
start_printing_port() {
  local name=$1; shift
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq 1 200); do
    if grep -q "listening on" "$WORK/$name.out"; then
      PORT=$(grep -o '[0-9]*$' <(grep "listening on" "$WORK/$name.out" | head -1))
      return
    fi
    sleep 0.05
  done
  echo "$name did not start:" >&2; cat "$WORK/$name.err" >&2; exit 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

AUTH='AWS4-HMAC-SHA256 Credential=AKIDBENCH/20240102/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00'
call() {  # call PORT OPERATION BODY
  curl -sS -X POST "http://127.0.0.1:$1/" -H "X-Amz-Target: DynamoDB_20120810.$2" \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Date: 20240102T030405Z' \
    -H "Authorization: $AUTH" -d "$3"
}
CREATE='{"TableName":"bench","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}'

declare -A RPS P50 P99 ERR
measure() {  # measure TARGET PORT
  local target=$1 port=$2 op out
  for op in put get; do
    out=$(cd "$HERE" && wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "${op}_item.lua" "http://127.0.0.1:$port/")
    read -r _ RPS[$target.$op] P50[$target.$op] P99[$target.$op] ERR[$target.$op] <<<"$(grep '^RESULT' <<<"$out")"
  done
}

prepare() {  # prepare PORT: table + 100k items
  call "$1" CreateTable "$CREATE" >/dev/null
  for _ in $(seq 1 100); do
    call "$1" DescribeTable '{"TableName":"bench"}' | grep -q '"TableStatus":"ACTIVE"' && break
    sleep 0.05
  done
  rm -f "$WORK"/preload.*
  (cd "$HERE" && exec wrk -t1 -c"$CONNECTIONS" -d300s -s preload.lua "http://127.0.0.1:$1/" -- "$WORK/preload") \
    >/dev/null &
  local wrk_pid=$!
  while [[ ! -e $WORK/preload.0 ]] && kill -0 "$wrk_pid" 2>/dev/null; do sleep 0.1; done
  kill "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" 2>/dev/null || true
  [[ -e $WORK/preload.0 ]] || { echo "preload did not finish" >&2; exit 1; }
}

stop_last() { kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }

SERVER_ARGS=(--port 0 --data-dir "$WORK/data")
[[ -n ${SERVER_THREADS:-} ]] && SERVER_ARGS+=(--threads "$SERVER_THREADS")
declare -A ECHO_BEST

echo "echo ceiling..." >&2
if [[ -n ${SERVER_THREADS:-} ]]; then
  ECHO_THREADS=("$SERVER_THREADS")
else
  ECHO_THREADS=(1 "$(nproc)")
fi
for threads in "${ECHO_THREADS[@]}"; do
  start_printing_port echo "$ECHO" --port 0 --threads "$threads"
  measure "echo$threads" "$PORT"
  stop_last
  for op in put get; do
    if [[ -z ${RPS[echo.$op]:-} ]] || awk -v a="${RPS[echo$threads.$op]}" -v b="${RPS[echo.$op]}" 'BEGIN { exit !(a > b) }'; then
      RPS[echo.$op]=${RPS[echo$threads.$op]}; P50[echo.$op]=${P50[echo$threads.$op]}
      P99[echo.$op]=${P99[echo$threads.$op]}; ERR[echo.$op]=${ERR[echo$threads.$op]}
      ECHO_BEST[$op]=$threads
    fi
  done
done

echo "dynarock-server..." >&2
start_printing_port dynarock "$SERVER" "${SERVER_ARGS[@]}"
prepare "$PORT"
measure dynarock "$PORT"
stop_last

echo "dynalite..." >&2
DPORT=$(free_port)
(cd "$HERE" && exec node_modules/.bin/dynalite --port "$DPORT" --createTableMs 0 >"$WORK/dynalite.out" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$DPORT/" >/dev/null && break; sleep 0.05; done
prepare "$DPORT"
measure dynalite "$DPORT"
stop_last

us_to_ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
printf '\nwrk -t%s -c%s -d%s, %s cores, %s; echo threads: put %s, get %s\n' "$WRK_THREADS" "$CONNECTIONS" \
  "$DURATION" "$(nproc)" "$(date -u +%FT%TZ)" "${ECHO_BEST[put]}" "${ECHO_BEST[get]}"
printf '%-16s %-8s %10s %8s %8s %7s %12s %10s\n' target op req/s p50_ms p99_ms errors x_dynalite pct_echo
for target in dynarock dynalite echo; do
  for op in put get; do
    k=$target.$op
    ratio=$(awk -v a="${RPS[$k]}" -v b="${RPS[dynalite.$op]}" 'BEGIN { printf "%.2f", a / b }')
    share=$(awk -v a="${RPS[$k]}" -v b="${RPS[echo.$op]}" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    printf '%-16s %-8s %10s %8s %8s %7s %12s %10s\n' "$target" "$op" "${RPS[$k]}" \
      "$(us_to_ms "${P50[$k]}")" "$(us_to_ms "${P99[$k]}")" "${ERR[$k]}" "$ratio" "$share"
  done
done
