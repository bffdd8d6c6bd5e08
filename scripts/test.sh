#!/usr/bin/env bash
# Builds dynarock and runs every test:
#   1. unit, persistence, concurrency and server tests (ctest, optimised build)
#   2. the install test: a tiny CMake project consumes the installed package
#   3. the same unit tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   4. libFuzzer targets, each for a bounded time
#   5. real clients (AWS SDK v3, Dynamoose, AWS CLI, boto3) against the server
# Ends with one line "N passed, M failed" over the suites. Exit 0 only if all pass.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}

scripts/setup.sh || { echo "setup failed"; exit 1; }

passed=0
failed=0
failures=()
suite() {  # suite NAME COMMAND...: runs one suite and counts it
  local name=$1; shift
  echo
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

build_and_ctest() {  # build_and_ctest DIR CMAKE_ARGS...
  local dir=$1; shift
  cmake -S "$ROOT" -B "$dir" -G Ninja "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j "$JOBS" || return 1
  (cd "$dir" && ctest --output-on-failure -j "$JOBS" --timeout 600)
}

mkdir -p build
suite "unit and server tests (release)" \
  build_and_ctest build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYNAROCK_BUILD_BENCH=ON

install_test() {
  rm -rf build/install build/consumer
  cmake --install build/test --prefix "$ROOT/build/install" >/dev/null &&
    cmake -S tests/install/consumer -B build/consumer -G Ninja \
      -DCMAKE_PREFIX_PATH="$ROOT/build/install" >/dev/null &&
    cmake --build build/consumer &&
    build/consumer/dynarock_consumer
}
suite "install: find_package(dynarock) consumer" install_test

asan_tests() (
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  build_and_ctest build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYNAROCK_SANITIZE=ON \
    -DDYNAROCK_BUILD_BENCH=OFF -DDYNAROCK_BUILD_SERVER=OFF
)
suite "unit tests under ASan+UBSan" asan_tests

if [[ -f tests/fuzz/run.sh ]]; then
  suite "fuzzers (${FUZZ_SECONDS}s each)" tests/fuzz/run.sh "$FUZZ_SECONDS"
fi

if [[ -f tests/clients/run.sh ]]; then
  suite "real clients against dynarock-server" tests/clients/run.sh "$ROOT/build/test/src/server/dynarock-server"
fi

echo
if ((failed)); then
  echo "failed suites: ${failures[*]}"
fi
echo "suites: $passed passed, $failed failed"
((failed == 0))
