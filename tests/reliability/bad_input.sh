#!/usr/bin/env bash
# One case of the bad-input corpus (tests/cases/bad-input/<case>/).
#
# The store first receives a valid small data set (tests/cases/bench-tiny),
# so that "nothing changed" means something. Then the case's input (its
# files other than README.md, expected.stderr, args and generate.py, or what
# generate.py writes for the large inputs that are never committed) is
# imported on top, and the case passes when
#   - cadence exits with 2,
#   - its stderr, with the temp directory written as IN, equals
#     expected.stderr (the golden diagnostics: a clear error, not a crash),
#   - PRAGMA integrity_check says ok and `sqlite3 .dump` of the store is
#     byte for byte what it was before the command.
# `args` (optional) holds extra import arguments, one per line; @IN@ stands
# for the input directory.
#
# Usage: bad_input.sh CADENCE SOURCE_DIR CASE_DIR [--update]
set -euo pipefail
cadence=$1 source=$2 case_dir=$3 mode=${4:-}
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
tiny=$source/tests/cases/bench-tiny
"$cadence" import --db "$work/store.db" --pack "$source/rules/bench" \
  "$tiny"/{orgs,members,study,activities,transfers,notices}.csv >/dev/null 2>&1

for file in "$case_dir"/*; do
  case $(basename "$file") in
    README.md|expected.stderr|args|generate.py) ;;
    *) cp "$file" "$work/in/" ;;
  esac
done
if [ -f "$case_dir/generate.py" ]; then
  CADENCE_RELIABILITY_DIR=$source/tests/reliability "$python" "$case_dir/generate.py" "$work/in"
fi
arguments=()
if [ -f "$case_dir/args" ]; then
  while IFS= read -r line; do arguments+=("${line//@IN@/$work/in}"); done <"$case_dir/args"
fi
for file in "$work/in"/*; do [ -e "$file" ] && arguments+=("$file"); done

dump() { sqlite3 "$work/store.db" .dump | sha256sum | cut -d' ' -f1; }
before=$(dump)
set +e
"$cadence" import --db "$work/store.db" --pack "$source/rules/bench" "${arguments[@]}" \
  >"$work/stdout" 2>"$work/stderr"
code=$?
set -e
sed "s|$work/in|IN|g" "$work/stderr" >"$work/actual.stderr"

if [ "$mode" = "--update" ]; then
  cp "$work/actual.stderr" "$case_dir/expected.stderr"
  echo "updated $(basename "$case_dir") (exit $code)"
  exit 0
fi
failed=0
if [ "$code" -ne 2 ]; then
  echo "FAIL: exit code $code, expected 2"; failed=1
fi
if ! diff -u "$case_dir/expected.stderr" "$work/actual.stderr"; then
  echo "FAIL: stderr differs from expected.stderr"; failed=1
fi
integrity=$(sqlite3 "$work/store.db" 'PRAGMA integrity_check;')
if [ "$integrity" != ok ]; then
  echo "FAIL: integrity_check: $integrity"; failed=1
fi
after=$(dump)
if [ "$before" != "$after" ]; then
  echo "FAIL: the store changed"; failed=1
fi
[ "$failed" -eq 0 ] && echo "ok: $(basename "$case_dir")"
exit "$failed"
