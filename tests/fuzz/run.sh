#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan, coverage) and runs each
# for a bounded time (seconds: $1, default 30) through ctest. Only the layers
# the fuzzers link are built here.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-30}
BUILD=build/fuzz
CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDYNAROCK_FUZZ=ON -DDYNAROCK_SANITIZE=ON \
  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link \
  -DDYNAROCK_BUILD_SERVER=OFF -DDYNAROCK_BUILD_BENCH=OFF -DDYNAROCK_FUZZ_SECONDS="$SECONDS_EACH" >/dev/null
targets=$(sed -n 's/^dynarock_fuzz_target(\([a-z_]*\).*/\1/p' tests/fuzz/CMakeLists.txt)
cmake --build "$BUILD" --target $targets
ctest --test-dir "$BUILD" -R '^fuzz:' --output-on-failure
