#!/usr/bin/env bash
# Runs the real-client tests against dynarock-server:
#   tests/clients/run.sh PATH/TO/dynarock-server [SUITE...]
# Suites (all by default): sdk dynamoose tutorial auth cli boto3.
# Each suite gets a fresh in-memory server on a port the OS picks; the server
# prints "dynarock-server listening on 127.0.0.1:PORT" and we read the port
# from that line, so nothing depends on a fixed port or on timing.
# Prints "clients: N passed, M failed" and exits non-zero if anything failed.
set -uo pipefail

if (($# < 1)); then
  echo "usage: $0 SERVER_BINARY [sdk|dynamoose|tutorial|auth|cli|boto3]..." >&2
  exit 2
fi
SERVER=$(realpath "$1")
shift
if [[ ! -x "$SERVER" ]]; then
  echo "clients: server binary $SERVER not found or not executable (build it first)" >&2
  exit 1
fi
SUITES=("$@")
((${#SUITES[@]})) || SUITES=(sdk dynamoose tutorial auth cli boto3)

cd "$(dirname "$0")"
HERE=$PWD

# npm packages come from package-lock.json (scripts/setup.sh does the same).
if [[ ! -d node_modules/@aws-sdk/client-dynamodb || ! -d node_modules/dynamoose ]]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "clients: npm ci failed" >&2; exit 1; }
fi

WORK=$(mktemp -d)
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
  fi
  if [[ -n "${DRAIN_PID:-}" ]]; then
    wait "$DRAIN_PID" 2>/dev/null
    DRAIN_PID=""
  fi
}
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server NAME [EXTRA_FLAGS...]: starts a fresh server and exports
# DYNAROCK_ENDPOINT. Its output goes to $WORK/NAME.log.
start_server() {
  local name=$1; shift
  local fifo="$WORK/$name.fifo" log="$WORK/$name.log"
  : >"$log"
  mkfifo "$fifo"
  "$SERVER" --host 127.0.0.1 --port 0 --in-memory "$@" >"$fifo" 2>"$log.stderr" &
  SERVER_PID=$!
  exec 3<"$fifo"
  local line="" port=""
  # Blocks until the server prints its address or exits (EOF). The 60 s bound
  # only guards against a server that hangs before printing anything.
  while IFS= read -r -t 60 line <&3; do
    echo "$line" >>"$log"
    if [[ "$line" =~ listening\ on\ 127\.0\.0\.1:([0-9]+) ]]; then
      port=${BASH_REMATCH[1]}
      break
    fi
  done
  if [[ -z "$port" ]]; then
    echo "clients: $SERVER did not print its address; its output:" >&2
    cat "$log" "$log.stderr" >&2
    exec 3<&-
    stop_server
    return 1
  fi
  # Keep draining stdout so a chatty server never blocks on a full pipe.
  cat <&3 >>"$log" &
  DRAIN_PID=$!
  exec 3<&-
  rm -f "$fifo"
  export DYNAROCK_ENDPOINT="http://127.0.0.1:$port"
  echo "clients: $name: server on $DYNAROCK_ENDPOINT"
}

# Dummy credentials and no config from $HOME for the AWS CLI and boto3.
export AWS_ACCESS_KEY_ID=AKIDDYNAROCKTEST
export AWS_SECRET_ACCESS_KEY=dynarock-test-secret
export AWS_DEFAULT_REGION=us-east-1
export AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null
export AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_PAGER=""
export AWS_EC2_METADATA_DISABLED=true
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL

# The Debian packages (awscli, python3-boto3) are the clients the project
# names; fall back to whatever is on PATH when they are not where Debian puts them.
AWS_BIN=/usr/bin/aws
[[ -x "$AWS_BIN" ]] || AWS_BIN=$(command -v aws || true)
PYTHON_BIN=/usr/bin/python3
"$PYTHON_BIN" -c 'import boto3' 2>/dev/null || PYTHON_BIN=$(command -v python3 || true)
export AWS_BIN PYTHON_BIN

NODE_TEST=(node --test --test-reporter=spec)
# The SDK is pinned by package-lock.json; its notice about future Node
# versions is noise in every test file's output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

run_suite() {  # run_suite NAME SERVER_FLAGS... -- COMMAND...
  local name=$1; shift
  local flags=()
  while (($#)) && [[ "$1" != "--" ]]; do flags+=("$1"); shift; done
  shift
  echo
  echo "=== clients: $name"
  if ! start_server "$name" "${flags[@]}"; then
    failed+=("$name (server did not start)")
    return
  fi
  if "$@"; then
    passed+=("$name")
  else
    failed+=("$name")
    echo "--- server output ($name):"
    tail -n 50 "$WORK/$name.log" "$WORK/$name.log.stderr" 2>/dev/null
  fi
  stop_server
}

passed=()
failed=()
for suite in "${SUITES[@]}"; do
  case "$suite" in
    sdk) run_suite sdk -- "${NODE_TEST[@]}" sdk/*.test.mjs ;;
    dynamoose) run_suite dynamoose -- "${NODE_TEST[@]}" dynamoose/*.test.mjs ;;
    tutorial) run_suite tutorial -- "${NODE_TEST[@]}" tutorial/*.test.mjs ;;
    auth)
      # One key pair; the test signs with it, with a wrong secret and with an unknown key.
      export DYNAROCK_AUTH_KEY=AKIDDYNAROCKAUTH DYNAROCK_AUTH_SECRET=auth-test-secret
      printf '%s %s\n' "$DYNAROCK_AUTH_KEY" "$DYNAROCK_AUTH_SECRET" >"$WORK/credentials"
      run_suite auth --credentials "$WORK/credentials" -- "${NODE_TEST[@]}" auth/*.test.mjs
      ;;
    cli)
      if [[ -z "$AWS_BIN" ]]; then
        failed+=("cli (aws not installed: scripts/setup.sh installs awscli)")
      else
        run_suite cli -- bash cli/aws_cli_test.sh
      fi
      ;;
    boto3)
      if [[ -z "$PYTHON_BIN" ]]; then
        failed+=("boto3 (python3 with boto3 not installed: scripts/setup.sh installs python3-boto3)")
      else
        run_suite boto3 -- "$PYTHON_BIN" boto3/boto3_test.py -v
      fi
      ;;
    *) echo "clients: unknown suite $suite" >&2; failed+=("$suite (unknown)") ;;
  esac
done

echo
for s in "${passed[@]}"; do echo "clients: PASS $s"; done
for s in "${failed[@]}"; do echo "clients: FAIL $s"; done
echo "clients: ${#passed[@]} passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
