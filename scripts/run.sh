#!/usr/bin/env bash
# Builds dynarock and starts the main job: dynarock-server on 127.0.0.1:8000
# with its data in ./data. Extra arguments go to the server (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-npm
cmake -S . -B build/main -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DDYNAROCK_BUILD_TESTS=OFF -DDYNAROCK_BUILD_BENCH=OFF >/dev/null
cmake --build build/main --target dynarock-server
exec build/main/src/server/dynarock-server --host 127.0.0.1 --port 8000 --data-dir ./data "$@"
