#!/usr/bin/env bash
# The benchmark: cadence against SQLite and DuckDB on the B1-B8 pack
# (shared/contract.md), one command from source to BENCHMARKS.md.
#
# Usage: bench/run.sh [--sizes S,M,L] [--runs 3] [--eval-runs 5] [--no-duckdb] [--sqlite-sizes S,M]
#                     [--out BENCHMARKS.md] [--bin-dir DIR | --build-dir DIR]
#
#   --sizes      comma-separated: S, M, L (cadence-gen --size), tiny (300
#                branches, the CI smoke size) or a number of branches.
#   --runs       timed runs per figure (median, min, max are reported).
#   --no-duckdb  cadence against SQLite only (no npm install).
#   --sqlite-sizes  sizes at which sqlite3 competes, e.g. S,M (default: all);
#                SQLite's full-year audit of L takes many minutes a run.
#   --out        the results file; only the block between the bench:begin and
#                bench:end marks is rewritten, text around it is kept.
#   --bin-dir    use cadence, cadence-gen and eval_bench from DIR, build nothing
#                (CTest's smoke entry passes its own build's folder).
#   --build-dir  build there (Release) instead of the release preset's
#                build/release, e.g. to stay out of another build's way.
#
# Steps: build the three programs in Release; install DuckDB from the npm
# registry (@duckdb/node-api, a prebuilt binary) into a scratch folder outside
# the repository, ${TMPDIR:-/tmp}/cadence-bench/duckdb; then bench/bench.py
# generates the data, imports, audits, checks the findings byte for byte and
# writes the report. Nothing downloaded or generated lands in the repository.
# Exit status: 0 ok, 1 a failure or a findings difference (no report), 2 usage.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes="S,M,L" runs=3 eval_runs=5 duckdb=1 sqlite_sizes="" out="$root/BENCHMARKS.md" bin_dir="" build_dir=""
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --eval-runs) eval_runs=$2; shift 2 ;;
    --no-duckdb) duckdb=0; shift ;;
    --sqlite-sizes) sqlite_sizes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --bin-dir) bin_dir=$2; shift 2 ;;
    --build-dir) build_dir=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "run.sh: --runs takes a positive number" >&2; exit 2 ;; esac
case $out in /*) ;; *) out="$PWD/$out" ;; esac

scratch="${TMPDIR:-/tmp}/cadence-bench"
mkdir -p "$scratch"
for tool in sqlite3 python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 1; }
done

if [ -z "$bin_dir" ]; then
  # Only the programs the benchmark runs: the machine is shared.
  targets=(--target cadence cadence-gen eval_bench)
  if [ -z "$build_dir" ]; then
    (cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release "${targets[@]}")
    bin_dir="$root/build/release"
  else
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build_dir" "${targets[@]}"
    bin_dir=$build_dir
  fi
fi
for program in cadence cadence-gen eval_bench; do
  [ -x "$bin_dir/$program" ] || { echo "run.sh: $bin_dir/$program missing" >&2; exit 1; }
done

node_modules="" duckdb_version=""
if [ "$duckdb" = 1 ]; then
  command -v node >/dev/null && command -v npm >/dev/null || { echo "run.sh: DuckDB needs node and npm" >&2; exit 1; }
  duckdb_dir="$scratch/duckdb"
  mkdir -p "$duckdb_dir"
  if [ ! -d "$duckdb_dir/node_modules/@duckdb/node-api" ]; then
    echo "run.sh: installing @duckdb/node-api from the npm registry into $duckdb_dir" >&2
    (cd "$duckdb_dir" && { [ -f package.json ] || npm init -y >/dev/null; } &&
      npm install --no-audit --no-fund --ignore-scripts @duckdb/node-api >&2)
  fi
  # A prebuilt binary, not a local compile: the platform package carries it.
  ls "$duckdb_dir"/node_modules/@duckdb/node-bindings-linux-*/duckdb.node >/dev/null 2>&1 ||
    { echo "run.sh: no prebuilt DuckDB binary in $duckdb_dir/node_modules/@duckdb" >&2; exit 1; }
  node_modules="$duckdb_dir/node_modules"
  duckdb_version=$(cd "$duckdb_dir" && node -e "
    const {DuckDBInstance} = require('@duckdb/node-api');
    DuckDBInstance.create(':memory:').then(i => i.connect()).then(c => c.runAndReadAll('select version()'))
      .then(r => console.log(r.getRows()[0][0]));")
fi

no_duckdb=()
[ "$duckdb" = 1 ] || no_duckdb=(--no-duckdb)
[ -z "$sqlite_sizes" ] || no_duckdb+=(--sqlite-sizes "$sqlite_sizes")
exec python3 "$root/bench/bench.py" --sizes "$sizes" --runs "$runs" --eval-runs "$eval_runs" "${no_duckdb[@]}" \
  --out "$out" --bin-dir "$bin_dir" --scratch "$scratch" --node-modules "$node_modules" \
  --duckdb-version "$duckdb_version"
