#!/usr/bin/env bash
# Runs every libFuzzer target for a set time and keeps what it learns.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET defaults to 120; TARGETs default to every
#   tests/fuzz/*_fuzz.cpp (csv_reader, xlsx_reader, xls_reader, expression_parser,
#   pack_loader, finding_codec, calendar_arithmetic, period_options,
#   template_parser).
#   csv_reader: the input's first byte picks the encoding (detection, or
#   UTF-8, GB18030, Latin-1 named); xlsx_reader: the seed corpus holds
#   sheets with far cells (column 9,999, row 1,048,576) for the sparse
#   layout and its limits.
#
# For each target it:
#  1. builds <name>_fuzz in the `fuzz` preset (clang, libFuzzer+ASan+UBSan);
#     only the fuzz targets are built, to spare a shared machine;
#  2. fuzzes for SECONDS from tests/fuzz/corpus/<name> into a scratch corpus;
#  3. merges the new inputs back with -merge=1 (only inputs that add coverage
#     are kept, so the committed corpus stays small);
#  4. copies every crash, leak or timeout to tests/fuzz/regressions/<name>/
#     AND to tests/fuzz/corpus/<name>/regression-* : the CTest smoke replays
#     corpus/<name> only, so a crash found once is replayed on every build.
# A summary line per target (executions, new corpus files, crashes) ends the
# run; the log of each run is build/fuzz/logs/<name>.log.
set -euo pipefail
seconds=${1:-120}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in tests/fuzz/*_fuzz.cpp; do
    name=$(basename "$source" _fuzz.cpp)
    targets+=("$name")
  done
fi

cmake --preset fuzz >/dev/null
build_targets=()
for name in "${targets[@]}"; do build_targets+=("${name}_fuzz"); done
cmake --build --preset fuzz --target "${build_targets[@]}" -j2

logs=build/fuzz/logs
mkdir -p "$logs"
summary=()
for name in "${targets[@]}"; do
  corpus=tests/fuzz/corpus/$name
  regressions=tests/fuzz/regressions/$name
  scratch=$(mktemp -d)
  artifacts=$(mktemp -d)
  mkdir -p "$corpus"
  cp -r "$corpus"/. "$scratch"/
  echo "== $name: fuzzing for ${seconds}s"
  set +e
  # -fork keeps going after a crash, so one finding does not end the run.
  build/fuzz/${name}_fuzz "$scratch" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -timeout=10 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$logs/$name.log" 2>&1
  set -e
  # With -fork, the parent prints "#N: cov: ... time: Ts job: J" lines; N is
  # the total of executions so far. Without fork, the final stats say it.
  execs=$(grep -Eo '^#[0-9]+: cov' "$logs/$name.log" | grep -Eo '[0-9]+' | tail -1 || true)
  if [ -z "$execs" ]; then
    execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$logs/$name.log" | grep -Eo '[0-9]+$' | tail -1 || true)
  fi
  before=$(find "$corpus" -type f | wc -l)
  build/fuzz/${name}_fuzz -merge=1 "$corpus" "$scratch" >>"$logs/$name.log" 2>&1 || true
  after=$(find "$corpus" -type f | wc -l)
  found=0
  for artifact in "$artifacts"/*; do
    [ -e "$artifact" ] || continue
    mkdir -p "$regressions"
    base=$(basename "$artifact")
    cp "$artifact" "$regressions/$base"
    cp "$artifact" "$corpus/regression-$base"
    found=$((found + 1))
  done
  rm -rf "$scratch" "$artifacts"
  summary+=("$name: ${execs:-?} executions in ${seconds}s, corpus $before -> $after files, $found crash/timeout/oom inputs")
done
echo
printf '%s\n' "${summary[@]}"
