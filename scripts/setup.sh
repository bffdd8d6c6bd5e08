#!/usr/bin/env bash
# Installs what building and testing dynarock needs: Debian 12 packages and,
# for the client tests, npm packages. Safe to run any number of times: it
# installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  librocksdb-dev nlohmann-json3-dev libfmt-dev catch2 libbenchmark-dev
  libboost-dev libssl-dev zlib1g-dev libxxhash-dev
  clang-14 libclang-rt-14-dev            # libFuzzer targets
  wrk                                    # HTTP load tests (bench/http)
  awscli python3-boto3                   # real clients in the test suite
  nodejs npm                             # the AWS SDK v3 and Dynamoose tests
  curl
)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from outside Debian (e.g. a preinstalled Node): accept the commands.
    if [[ "$p" == nodejs && -x "$(command -v node)" ]] || [[ "$p" == npm && -x "$(command -v npm)" ]]; then
      continue
    fi
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages for the client tests, pinned by package-lock.json.
npm_install() {
  local dir=$1
  [[ -f "$dir/package.json" ]] || return 0
  local stamp="$dir/node_modules/.dynarock-lock"
  if [[ -f "$stamp" ]] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return 0
  fi
  echo "setup: npm packages in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}
if [[ "${1:-}" != "--no-npm" ]]; then
  npm_install tests/clients
fi
