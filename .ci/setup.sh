#!/usr/bin/env bash
# cadence set-up: installs what is missing from Debian's packages, builds, then
#   demo  → runs the demo audit on the embedded SQLite store (the main job)
#   test  → runs the whole test suite, built with ASan+UBSan (the asan preset):
#           every test runs under the sanitizers, halting on the first report
# Usage: bash .ci/setup.sh demo|test
set -euo pipefail
mode=${1:-demo}
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-graph-dev libboost-date-time-dev libsqlite3-dev sqlite3
  doctest-dev libyaml-cpp-dev libcli11-dev
  libzip-dev libexpat1-dev libxlsxwriter-dev libssl-dev libfreexl-dev
  python3 python3-openpyxl python3-yaml python3-xlwt
  clang libfuzzer-14-dev
  chromium fonts-noto-cjk poppler-utils
  libboost-dev nlohmann-json3-dev libsodium-dev nodejs
  gettext  # msgfmt compiles the zh_CN catalog; xgettext checks it is complete
  python3-docx libreoffice-writer-nogui
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "cadence set-up: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end files of `cadence serve` (ECharts) and the browser test's driver
# (playwright-core, which needs node >= 20: nodejs here comes with npm), pinned by
# their lockfiles; never fetched at run time.
# Debian's own nodejs comes without npm (nodesource's includes it).
if ! command -v npm >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm
fi
folders=(adapters/web/assets)
[ "$mode" = test ] && folders+=(tests/web/browser)
for folder in "${folders[@]}"; do
  (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
done

jobs=$(nproc)
case "$mode" in
  demo)
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$jobs" --target cadence
    # The main job: the demo audit on the embedded SQLite store.
    ./build/release/cadence demo --dir cadence-demo
    ;;
  test)
    cmake --preset asan >/dev/null
    cmake --build --preset asan -j "$jobs"
    ctest --preset asan -j "$jobs"
    ;;
  *)
    echo "usage: bash .ci/setup.sh demo|test" >&2
    exit 2
    ;;
esac
