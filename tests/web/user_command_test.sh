#!/usr/bin/env bash
# `cadence user add|list|disable` on a copy of the demo store: what is
# refused (unknown scope org, bad role, bad name, taken name, short password,
# unknown user) exits 2 and changes nothing; what is accepted shows in list.
set -euo pipefail
cadence=$1
demo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "user_command_test: $*" >&2; exit 1; }
for file in cadence.db cadence.db-wal cadence.db-shm; do
  if [ -e "$demo/$file" ]; then cp "$demo/$file" "$work/$file"; fi
done
db=$work/cadence.db
expect_refused() {
  local code=0
  "$@" >"$work/out" 2>"$work/err" || code=$?
  [ "$code" -eq 2 ] || fail "exit $code, not 2, for: $*"
  grep -q "cadence user:" "$work/err" || fail "no message for: $*"
}
expect_refused "$cadence" user add x --db "$db" --scope NO-SUCH-ORG
grep -q "no org with id 'NO-SUCH-ORG'" "$work/err" || fail "unknown scope not named"
expect_refused "$cadence" user add x --db "$db" --scope O0000101 --role root
expect_refused "$cadence" user add "bad name" --db "$db" --scope O0000101
echo short | expect_refused "$cadence" user add x --db "$db" --scope O0000101 --password-stdin
"$cadence" user add xiji --db "$db" --scope O0000101 --role viewer >"$work/out"
grep -Eq "^password: [0-9a-f]{20}$" "$work/out" || fail "no generated password printed"
expect_refused "$cadence" user add xiji --db "$db" --scope O0000101
grep -q "already a user named 'xiji'" "$work/err" || fail "taken name not named"
"$cadence" user list --db "$db" | grep -Eq "^xiji	O0000101	viewer	active	" || fail "list lacks xiji"
expect_refused "$cadence" user disable nobody --db "$db"
"$cadence" user disable xiji --db "$db" >/dev/null
"$cadence" user list --db "$db" | grep -Eq "^xiji	O0000101	viewer	disabled	" || fail "xiji not disabled"
[ "$(sqlite3 "$db" "SELECT count(*) FROM web_users WHERE name NOT IN ('demo', 'xiji')")" -eq 0 ] \
  || fail "a refused add left a user"
[ "$(sqlite3 "$db" "SELECT password_hash LIKE '\$argon2id\$%' FROM web_users WHERE name = 'xiji'")" -eq 1 ] \
  || fail "the password is not an argon2id hash"
echo "user_command_test: ok"
